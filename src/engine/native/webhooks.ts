// Webhook subscriptions of an operation.
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import type { Webhook } from '../ports/webhooks.ts';

export function checkWebhookUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail.badValue(`url must be an absolute http(s) URL, got "${url.slice(0, 100)}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw fail.badValue('url must use http or https');
  if (parsed.username || parsed.password) throw fail.badValue('url must not carry credentials: verify the Pacer-Signature instead');
}

/** Subscribes `url`; `secret` is its signing key (a fresh random one: the engine's Randomness). */
export async function createWebhook(tx: Tx, ctx: RequestContext, url: string, types: string[], secret: string): Promise<Webhook> {
  checkWebhookUrl(url);
  // Number what has committed, so the subscription starts after it.
  await tx.events.sequence();
  const hook = await tx.webhooks.create({ operationId: ctx.operationId, url, types, secret, createdAt: ctx.now });
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'webhook.created', data: { webhook_id: hook.id, url, types } });
  return hook;
}

export async function deleteWebhook(tx: Tx, ctx: RequestContext, id: string): Promise<void> {
  if (!(await tx.webhooks.remove(ctx.operationId, id, ctx.now))) throw fail.webhookNotFound(id);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'webhook.deleted', data: { webhook_id: id } });
}
