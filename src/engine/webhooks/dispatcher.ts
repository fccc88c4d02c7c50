// Webhook delivery on the engine's clock: fan events out to each subscription's delivery log,
// then send what is due, signed, and retry failures with exponential backoff. Everything it
// needs to resume is in the database, so a restart loses and duplicates nothing (a delivery
// whose answer was lost with the process is sent again: receivers dedupe on Pacer-Event-Seq).
//
// Operations share the dispatcher fairly: sends do not wait for each other (a slow receiver holds
// only its own slot), each operation has at most `perOperation` deliveries in flight, and fan-out
// serves the subscriptions least recently served first. One operation whose receiver hangs or
// whose events flood cannot delay another's deliveries by more than a round.
import type { EngineDeps } from '../deps.ts';
import { wireEvent } from '../events/wire-event.ts';
import type { TimerHandle } from '../ports/clock.ts';
import type { Delivery, SendResult, WebhookSender } from '../ports/webhooks.ts';
import { signatureHeader } from './signature.ts';
import { periodic } from '../periodic.ts';

export interface WebhookPolicy {
  intervalMs: number;
  firstRetryMs: number;
  maxRetryMs: number;
  maxAttempts: number;
  timeoutMs: number;
  /** Deliveries in flight at once in this process, and per operation. */
  maxInFlight: number;
  perOperation: number;
}

const idleMs = 60_000;

export const defaultWebhookPolicy: WebhookPolicy = {
  intervalMs: 2000, firstRetryMs: 10_000, maxRetryMs: 3_600_000, maxAttempts: 12, timeoutMs: 10_000,
  maxInFlight: 64, perOperation: 4,
};

/** Subscriptions fanned out per round. */
const fanOutBatch = 100;

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

  /** Enqueues one batch of subscriptions' new events; returns how many subscriptions and deliveries. */
  const fanOutBatchOf = (round: number, first: boolean) => store.transaction(async (tx) => {
    if (first) await tx.events.sequence();
    const hooks = await tx.webhooks.lockWithNewEvents(fanOutBatch, round);
    let made = 0;
    for (const hook of hooks) {
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
    return { hooks: hooks.length, made };
  });

  /** Serves every subscription with new events once, in batches; returns how many deliveries it made. */
  const fanOut = async () => {
    const round = clock.now();
    let made = 0;
    for (let first = true; ; first = false) {
      const batch = await fanOutBatchOf(round, first);
      made += batch.made;
      if (batch.hooks < fanOutBatch) return made;
    }
  };

  // What this process has in flight: each send's settling, and the count per operation.
  const inFlight = new Map<string, Promise<void>>();
  const busy = new Map<string, number>();
  let stopping: (() => void) | undefined;
  const stopped = new Promise<void>((resolve) => { stopping = resolve; });

  /** The sender's answer, or a timeout on the engine's clock; undefined when Pacer stops first. */
  const send = (d: Delivery, headers: Record<string, string>): Promise<SendResult | undefined> => {
    let timer: TimerHandle | undefined;
    const timedOut = new Promise<SendResult>((resolve) => {
      timer = clock.setTimer(policy.timeoutMs, () => resolve({ status: null, error: `no answer in ${policy.timeoutMs / 1000} s` }));
    });
    return Promise.race([sender.post(d.url, d.body, headers, policy.timeoutMs), timedOut, stopped.then(() => undefined)])
      .finally(() => { if (timer) clock.clearTimer(timer); });
  };

  const attempt = async (d: Delivery) => {
    const sentAt = clock.now();
    const result = await send(d, {
      'content-type': 'application/json',
      'pacer-signature': signatureHeader(d.secret, Math.floor(sentAt / 1000), d.body),
      'pacer-event-seq': String(d.eventSeq),
      'pacer-event-type': d.eventType,
      'pacer-delivery': d.id,
      'user-agent': 'Pacer-Webhooks/1',
    });
    // Stopped mid-send: the lease runs out and the next process sends it again.
    if (!result) return;
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

  const start = (d: Delivery) => {
    busy.set(d.operationId, (busy.get(d.operationId) ?? 0) + 1);
    const settled = attempt(d).catch((e: unknown) => deps.onError(e, 'webhooks')).finally(() => {
      inFlight.delete(d.id);
      const left = (busy.get(d.operationId) ?? 1) - 1;
      if (left > 0) busy.set(d.operationId, left);
      else busy.delete(d.operationId);
      // A slot is free: what waits for it may go now.
      loop.wakeIn(0);
    });
    inFlight.set(d.id, settled);
  };

  /** Starts the sends that are due and have room; returns how many it started. */
  const deliver = async () => {
    const room = policy.maxInFlight - inFlight.size;
    if (room <= 0) return 0;
    const now = clock.now();
    const due = await store.transaction((tx) => tx.webhooks.claimDue(now, now + policy.timeoutMs * 2, {
      limit: room, perOperation: policy.perOperation, busy,
    }));
    due.forEach(start);
    return due.length;
  };

  // Busy: every intervalMs. Idle: until the next retry falls due, a minute at most, or sooner when
  // this process commits events or changes a subscription.
  const job = async (): Promise<number> => {
    if (!(await hasWebhooks())) return idleMs;
    const made = await fanOut();
    const sent = await deliver();
    if (made > 0 || sent > 0 || inFlight.size > 0) return policy.intervalMs;
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
    /** Resolves once every send started so far has been answered (or timed out) and recorded. */
    async settled() {
      while (inFlight.size > 0) await Promise.all(inFlight.values());
    },
    /** Stops the loop; sends still waiting for an answer are left to their lease. */
    async stop() {
      await loop.stop();
      stopping?.();
      await Promise.all(inFlight.values());
    },
  };
}
