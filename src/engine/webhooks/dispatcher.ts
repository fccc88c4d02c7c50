// Webhook delivery on the engine's clock: fan events out to each subscription's delivery log,
// then send what is due, signed, and retry failures with exponential backoff. Everything it
// needs to resume is in the database, so a restart loses and duplicates nothing (a delivery
// whose answer was lost with the process is sent again: receivers dedupe on Pacer-Event-Seq).
import type { EngineDeps } from '../deps.ts';
import { wireEvent } from '../events/wire-event.ts';
import type { Delivery, WebhookSender } from '../ports/webhooks.ts';
import { signatureHeader } from './signature.ts';

export interface WebhookPolicy {
  intervalMs: number;
  firstRetryMs: number;
  maxRetryMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

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

export function createWebhookDispatcher(deps: EngineDeps, sender: WebhookSender, policy: WebhookPolicy = defaultWebhookPolicy) {
  const { store, clock } = deps;
  let timer: ReturnType<typeof clock.setTimer> | undefined;
  let running = false;
  // Most operations have no webhooks: look in the database once a minute, or when told.
  let knownUntil = -Infinity;
  let anyWebhooks = false;
  const hasWebhooks = async () => {
    if (clock.now() >= knownUntil) {
      anyWebhooks = await store.transaction((tx) => tx.webhooks.anyActive());
      knownUntil = clock.now() + 60_000;
    }
    return anyWebhooks;
  };

  const fanOut = () => store.transaction(async (tx) => {
    await tx.events.sequence();
    for (const hook of await tx.webhooks.lockActive(100)) {
      const events = await tx.events.list({ operationId: hook.operationId, afterSeq: hook.cursorSeq, limit: 500 });
      const last = events[events.length - 1];
      if (!last) continue;
      await tx.webhooks.enqueue(events.filter((e) => matches(hook.types, e.type)).map((e) => ({
        webhookId: hook.id, eventSeq: e.seq, eventType: e.type, body: JSON.stringify(wireEvent(e)),
      })), clock.now());
      await tx.webhooks.advance(hook.id, last.seq);
    }
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

  const deliver = async () => {
    const now = clock.now();
    const due = await store.transaction((tx) => tx.webhooks.claimDue(now, now + policy.timeoutMs * 2, 20));
    await Promise.all(due.map(attempt));
  };

  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    if (running) return current;
    current = runTick();
    return current;
  };
  const runTick = async () => {
    running = true;
    try {
      if (!(await hasWebhooks())) return;
      await fanOut();
      await deliver();
    } catch (error) {
      deps.onError(error, 'webhooks');
    } finally {
      running = false;
    }
  };

  const loop = async () => {
    await tick();
    if (timer) timer = clock.setTimer(policy.intervalMs, loop);
  };

  return {
    tick,
    /** A subscription was created or removed in this process. */
    changed() {
      knownUntil = -Infinity;
    },
    start() {
      timer = clock.setTimer(policy.intervalMs, loop);
    },
    /** Stops the loop and waits for a delivery round in progress. */
    async stop() {
      if (timer) clock.clearTimer(timer);
      timer = undefined;
      await current;
    },
  };
}
