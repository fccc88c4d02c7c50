// Webhook delivery on the engine's clock: fan events out to each subscription's delivery log,
// then send what is due, signed, and retry failures with exponential backoff. Everything it
// needs to resume is in the database, so a restart loses and duplicates nothing (a delivery
// whose answer was lost with the process is sent again: receivers dedupe on Pacer-Event-Seq).
import type { EngineDeps } from '../deps.ts';
import { wireEvent } from '../events/wire-event.ts';
import type { Delivery, WebhookSender } from '../ports/webhooks.ts';
import { signatureHeader } from './signature.ts';
import { periodic } from '../periodic.ts';

export interface WebhookPolicy {
  intervalMs: number;
  firstRetryMs: number;
  maxRetryMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

const idleMs = 60_000;

export const defaultWebhookPolicy: WebhookPolicy = {
  intervalMs: 2000, firstRetryMs: 10_000, maxRetryMs: 3_600_000, maxAttempts: 12, timeoutMs: 10_000,
};

/** The wait before attempt n+1 after n failed attempts. */
export function retryDelayMs(policy: WebhookPolicy, failedAttempts: number): number {
  return Math.min(policy.maxRetryMs, policy.firstRetryMs * 2 ** Math.max(0, failedAttempts - 1));
}

function matches(types: string[], type: string): boolean {
  return types.length === 0 || types.some((t) => (t.endsWith('.') ? type.startsWith(t) : type === t));
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;

export function createWebhookDispatcher(deps: EngineDeps, sender: WebhookSender, policy: WebhookPolicy = defaultWebhookPolicy) {
  const { store, clock } = deps;
  // Most operations have no webhooks: look in the database once a minute, or when told.
  let knownUntil = -Infinity;
  let anyWebhooks = false;
  const hasWebhooks = async () => {
    if (clock.now() >= knownUntil) {
      anyWebhooks = await store.transaction((tx) => tx.webhooks.anyActive());
      knownUntil = clock.now() + idleMs;
    }
    return anyWebhooks;
  };

  /** Enqueues new events for each subscription; returns how many deliveries it made. */
  const fanOut = () => store.transaction(async (tx) => {
    await tx.events.sequence();
    let made = 0;
    for (const hook of await tx.webhooks.lockActive(100)) {
      const events = await tx.events.list({ operationId: hook.operationId, afterSeq: hook.cursorSeq, limit: 500 });
      const last = events[events.length - 1];
      if (!last) continue;
      const deliveries = events.filter((e) => matches(hook.types, e.type)).map((e) => ({
        webhookId: hook.id, eventSeq: e.seq, eventType: e.type, body: JSON.stringify(wireEvent(e)),
      }));
      await tx.webhooks.enqueue(deliveries, clock.now());
      await tx.webhooks.advance(hook.id, last.seq);
      made += deliveries.length + 1;
    }
    return made;
  });

  const attempt = async (d: Delivery) => {
    const sentAt = clock.now();
    const result = await sender.post(d.url, d.body, {
      'content-type': 'application/json',
      'pacer-signature': signatureHeader(d.secret, Math.floor(sentAt / 1000), d.body),
      'pacer-event-seq': String(d.eventSeq),
      'pacer-event-type': d.eventType,
      'pacer-delivery': d.id,
      'user-agent': 'Pacer-Webhooks/1',
    }, policy.timeoutMs);
    const attempts = d.attempts + 1;
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const now = clock.now();
    await store.transaction((tx) => tx.webhooks.settle(d.id, {
      status: ok ? 'delivered' : attempts >= policy.maxAttempts ? 'failed' : 'pending',
      attempts,
      nextAttemptAt: ok ? now : now + retryDelayMs(policy, attempts),
      lastStatus: result.status,
      lastError: ok ? null : (result.error ?? `HTTP ${result.status ?? '?'}`),
      deliveredAt: ok ? now : null,
    }));
  };

  /** Sends what is due; returns how many it sent. */
  const deliver = async () => {
    const now = clock.now();
    const due = await store.transaction((tx) => tx.webhooks.claimDue(now, now + policy.timeoutMs * 2, 20));
    await Promise.all(due.map(attempt));
    return due.length;
  };

  // Busy: every intervalMs. Idle: until the next retry falls due, a minute at most, or sooner when
  // this process commits events or changes a subscription.
  const job = async (): Promise<number> => {
    if (!(await hasWebhooks())) return idleMs;
    const made = await fanOut();
    const sent = await deliver();
    if (made > 0 || sent > 0) return policy.intervalMs;
    const next = await store.transaction((tx) => tx.webhooks.nextDue());
    return next === undefined ? idleMs : Math.min(idleMs, Math.max(policy.intervalMs, next - clock.now()));
  };
  const loop = periodic(clock, policy.intervalMs, job, (e) => deps.onError(e, 'webhooks'));

  return {
    tick: () => loop.runNow(),
    /** A subscription was created or removed in this process. */
    changed() {
      knownUntil = -Infinity;
      loop.wakeIn(0);
    },
    /** This process committed events: deliver them soon if anyone listens. */
    nudge() {
      if (anyWebhooks) loop.wakeIn(policy.intervalMs);
    },
    start: () => loop.start(),
    /** Stops the loop and waits for a delivery round in progress. */
    stop: () => loop.stop(),
  };
}
