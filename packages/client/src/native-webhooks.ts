// Webhook subscriptions and their delivery log. Written by hand: their schemas are private to the
// server's webhook routes (src/adapters/http/native/webhooks.ts), out of reach of the generator
// that writes native-types.ts; moving them to schemas.ts lets it write these too.
export interface Webhook { id: string; url: string; types: string[]; created_at: string }
export interface NewWebhook extends Webhook { secret: string }
export interface WebhookDelivery {
  id: string; event_seq: number; event_type: string; status: 'pending' | 'delivered' | 'failed'; attempts: number;
  next_attempt_at: string; last_status: number | null; last_error: string | null; created_at: string; delivered_at: string | null;
}
