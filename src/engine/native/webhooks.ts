// Webhook subscriptions of an operation, and where they may point (src/domain/webhook-target.ts).
import { fail } from '../../domain/errors.ts';
import { webhookUrlProblem } from '../../domain/webhook-target.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import type { Webhook } from '../ports/webhooks.ts';

/** Refuses a URL webhooks may not go to (400 naming the rule); `allowPrivate` is PACER_WEBHOOK_ALLOW_PRIVATE. */
export function checkWebhookUrl(url: string, allowPrivate: boolean): void {
  const problem = webhookUrlProblem(url, allowPrivate);
  if (problem) throw fail.badValue(problem);
}

/** Subscribes `url`; `secret` is its signing key (a fresh random one: the engine's Randomness). */
export async function createWebhook(tx: Tx, ctx: RequestContext, url: string, types: string[], secret: string, allowPrivate: boolean): Promise<Webhook> {
  checkWebhookUrl(url, allowPrivate);
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
