// Webhook subscriptions of an operation: where they may point (src/domain/webhook-target.ts), how
// many an operation may have, and that a deleted one is sent nothing more.
import { fail } from '../../domain/errors.ts';
import { webhookUrlProblem } from '../../domain/webhook-target.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import type { Webhook } from '../ports/webhooks.ts';

/**
 * The most subscriptions one operation may have. Each one is a fan-out of every event and a queue
 * of deliveries; a few receivers cover any integration, and the cap stops a tenant from turning
 * Pacer into a multiplier of its own traffic.
 */
export const maxWebhooksPerOperation = 20;

/** Refuses a URL webhooks may not go to (400 naming the rule); `allowPrivate` is PACER_WEBHOOK_ALLOW_PRIVATE. */
export function checkWebhookUrl(url: string, allowPrivate: boolean): void {
  const problem = webhookUrlProblem(url, allowPrivate);
  if (problem) throw fail.badValue(problem);
}

/** Subscribes `url`; `secret` is its signing key (a fresh random one: the engine's Randomness). */
export async function createWebhook(tx: Tx, ctx: RequestContext, url: string, types: string[], secret: string, allowPrivate: boolean): Promise<Webhook> {
  checkWebhookUrl(url, allowPrivate);
  // Number everything that has committed, so the subscription starts after it. The sequencer's
  // lock is held to the commit, so creates run one at a time and the count below cannot be outrun.
  for (let more = true; more;) more = (await tx.events.sequence()).more;
  if ((await tx.webhooks.countActive(ctx.operationId)) >= maxWebhooksPerOperation) {
    throw fail.webhookLimitReached(ctx.operationId, maxWebhooksPerOperation);
  }
  const hook = await tx.webhooks.create({ operationId: ctx.operationId, url, types, secret, createdAt: ctx.now });
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'webhook.created', data: { webhook_id: hook.id, url, types } });
  return hook;
}

/** Unsubscribes: what is still queued for it is dropped (the log says so), and fan-out skips it. */
export async function deleteWebhook(tx: Tx, ctx: RequestContext, id: string): Promise<void> {
  if (!(await tx.webhooks.remove(ctx.operationId, id, ctx.now))) throw fail.webhookNotFound(id);
  await tx.webhooks.dropPending(id, 'not sent: the webhook was deleted');
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'webhook.deleted', data: { webhook_id: id } });
}
