// The callback scheduler: agent-owned callbacks fire at their time on the engine's clock. One timer
// waits for the next due callback; a periodic re-check finds callbacks other processes inserted
// and dispatches auto callbacks still waiting for their agent. Every claim is a row-locked UPDATE
// in the database, so with several processes (or a restart) none fires twice and none is lost.
import type { Callback } from '../../domain/callback.ts';
import type { CallLifecycle } from '../call-lifecycle.ts';
import type { EngineDeps } from '../deps.ts';
import { campaignAgentIds } from '../dialer/connect.ts';
import { periodic } from '../periodic.ts';
import type { Tx } from '../ports/store.ts';

/** Callbacks claimed per transaction; a backlog drains over successive runs. */
const batch = 100;

export interface CallbackScheduler {
  start(): void;
  stop(): Promise<void>;
  /** A callback was scheduled in this process: look again at the next due time. */
  poke(): void;
  /** One pass now: claim what is due, dispatch what waits (tests; the dialer's tick). */
  runNow(): Promise<void>;
  /** Offers waiting auto callbacks to their agents (or, past the takeover wait, to any agent). */
  dispatchWaiting(): Promise<void>;
}

export function createCallbackScheduler(deps: EngineDeps, calls: CallLifecycle): CallbackScheduler {
  const { clock, store, settings } = deps;

  const event = (tx: Tx, cb: Callback, type: string, now: number, data: Record<string, unknown> = {}) => tx.events.append({
    operationId: cb.operationId, at: now, type, agentId: cb.agentId, campaignId: cb.campaignId, data: {
      callback_id: cb.id, phone: cb.phone, customer_id: cb.customerId, due_at: new Date(cb.dueAt).toISOString(),
      type_recall: cb.type, ...data,
    },
  });

  // Claims the due callbacks; returns whether the batch was full (more may be due).
  const claim = () => store.transaction(async (tx) => {
    const now = clock.now();
    const due = await tx.callbacks.claimDue(now, batch);
    for (const cb of due) {
      if (cb.type === 'manual') await event(tx, cb, 'callback.reminder', now);
      else await event(tx, cb, 'callback.due', now);
    }
    return due.length === batch;
  });

  const dispatchWaiting = () => store.transaction(async (tx) => {
    const now = clock.now();
    for (const cb of await tx.callbacks.lockWaiting(batch)) {
      if (!cb.agentId) continue;
      const owner = await tx.agents.lock(cb.operationId, cb.agentId);
      let agent = owner?.state === 'ready' ? owner : undefined;
      const takeover = now - cb.dueAt >= settings.callbackTakeoverS * 1000;
      if (!agent && takeover) {
        const among = cb.campaignId ? await campaignAgentIds(tx, cb.operationId, cb.campaignId) : undefined;
        agent = await tx.agents.lockLongestReady(cb.operationId, among);
      }
      if (!agent) continue;
      const call = await calls.place(tx, {
        operationId: cb.operationId, phone: cb.phone, origin: 'callback', agent, customerId: cb.customerId,
        campaignId: cb.campaignId,
      }, now);
      await tx.callbacks.markDialled(cb.id, call.id, now);
      await event(tx, cb, 'callback.dialled', now, { conn_id: call.id, by_agent: agent.id, taken_over: agent.id !== cb.agentId });
    }
  });

  const pass = async () => {
    while (await claim()) { /* drain a backlog in batches */ }
    await dispatchWaiting();
    const next = await store.transaction((tx) => tx.callbacks.nextDue());
    if (next !== undefined) job.wakeIn(next - clock.now());
  };

  const job = periodic(clock, settings.callbackRecheckMs, pass, (e) => deps.onError(e, 'callback scheduler'));

  return {
    start: () => job.start(),
    stop: () => job.stop(),
    poke: () => job.wakeIn(0),
    runNow: () => job.runNow(),
    dispatchWaiting: async () => {
      await dispatchWaiting();
    },
  };
}
