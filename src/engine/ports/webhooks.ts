// Ports of webhook delivery: the durable subscriptions and deliveries, and the HTTP sender.

export interface Webhook {
  id: string;
  operationId: string;
  url: string;
  secret: string;
  /** Event types or prefixes ending in a dot; empty = every event. */
  types: string[];
  cursorSeq: number;
  createdAt: number;
}

export interface Delivery {
  id: string;
  webhookId: string;
  operationId: string;
  url: string;
  secret: string;
  eventSeq: number;
  eventType: string;
  body: string;
  attempts: number;
  status: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

export interface WebhookRepo {
  create(w: Omit<Webhook, 'id' | 'cursorSeq'>): Promise<Webhook>;
  remove(operationId: string, id: string, now: number): Promise<boolean>;
  /** Subscriptions of the operation not deleted. */
  countActive(operationId: string): Promise<number>;
  /** Marks what is still pending for a webhook as failed with `reason`, unsent. */
  dropPending(webhookId: string, reason: string): Promise<void>;
  anyActive(): Promise<boolean>;
  /**
   * Up to `limit` subscriptions with events after their cursor, not fanned out since `round` began
   * nor being fanned out by another process (locked until commit), least recently fanned out
   * first; each is marked fanned out at `round`.
   */
  lockWithNewEvents(limit: number, round: number): Promise<Webhook[]>;
  advance(id: string, cursorSeq: number): Promise<void>;
  enqueue(deliveries: { webhookId: string; eventSeq: number; eventType: string; body: string }[], now: number): Promise<void>;
  /**
   * Deliveries due now of webhooks not deleted, leased until `leaseUntil` so no other process
   * sends them meanwhile: at most `limit`, and at most `perOperation` per operation counting the
   * `busy` ones this process still has in flight (operation id → count), earliest due first.
   */
  claimDue(now: number, leaseUntil: number, share: { limit: number; perOperation: number; busy: ReadonlyMap<string, number> }): Promise<Delivery[]>;
  /** When the earliest pending delivery of a webhook not deleted falls due, if any. */
  nextDue(): Promise<number | undefined>;
  settle(id: string, outcome: { status: 'pending' | 'delivered' | 'failed'; attempts: number; nextAttemptAt: number; lastStatus: number | null; lastError: string | null; deliveredAt: number | null }): Promise<void>;
}

export interface SendResult {
  status: number | null;
  error: string | null;
}

export interface WebhookSender {
  post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<SendResult>;
}
