// The callback scheduler: agent-owned callbacks fire at their time on the engine's clock. One timer
// waits for the next due callback; a periodic re-check finds callbacks other processes inserted
// and dispatches auto callbacks still waiting for their agent. Every claim is a row-locked UPDATE
// in the database, so with several processes (or a restart) none fires twice and none is lost.
import type { CallLifecycle } from '../call-lifecycle.ts';
import type { EngineDeps } from '../deps.ts';
import { periodic } from '../periodic.ts';
import { outboundRefusal, refuseNumber } from '../outbound/refusal.ts';
import { callbackEvent } from './event.ts';
import type { Tx } from '../ports/store.ts';

/** Callbacks claimed per transaction; a backlog drains over successive runs. */
const batch = 100;
/** Waiting callbacks of one operation offered per transaction: no operation takes every turn. */
const perOperation = 20;

export interface CallbackScheduler {
  start(): void;
  stop(): Promise<void>;
  /** A callback was scheduled in this process: look again at the next due time. */
  poke(): void;
  /** One pass now: claim what is due, dispatch what waits (tests; the dialer's tick). */
  runNow(): Promise<void>;
  /** Offers waiting auto callbacks to their agents (or, past the takeover wait, to any agent), if any wait. */
  dispatchWaiting(): Promise<void>;
}

export function createCallbackScheduler(deps: EngineDeps, calls: CallLifecycle): CallbackScheduler {
  const { clock, store, settings } = deps;
  const takeoverMs = settings.callbackTakeoverS * 1000;

  // Whether auto callbacks wait for an agent, as the last pass saw: the dialer asks for a dispatch
  // before each tick only while some do (a pass of this process, every few seconds, finds those of others).
  let waiting = false;

  /** Offers the waiting callbacks that can be offered now to their agent, or past the takeover wait to any. */
  const dispatch = async (tx: Tx, now: number) => {
    for (const cb of await tx.callbacks.lockOfferable(now - takeoverMs, perOperation, batch)) {
      if (!cb.agentId) continue;
      const refusal = await outboundRefusal(tx, cb.operationId, cb.phone, now);
      if (refusal) {
        // Never dialled: the callback ends, and says why.
        await tx.callbacks.cancel(cb.operationId, cb.id);
        await callbackEvent(tx, cb, 'callback.cancelled', now, { reason: refusal.rule });
        await refuseNumber(tx, { operationId: cb.operationId, now }, cb.phone, refusal, 'callback', cb.agentId);
        continue;
      }
      const owner = await tx.agents.lock(cb.operationId, cb.agentId);
      let agent = owner?.state === 'ready' ? owner : undefined;
      if (!agent && now - cb.dueAt >= takeoverMs) {
        agent = await tx.agents.lockLongestReady(cb.operationId, cb.campaignId);
      }
      // Taken by another transaction meanwhile, or none of its campaign's agents is ready: it waits on.
      if (!agent) continue;
      const call = await calls.place(tx, {
        operationId: cb.operationId, phone: cb.phone, origin: 'callback', agent, customerId: cb.customerId,
        campaignId: cb.campaignId,
      }, now);
      await tx.callbacks.markDialled(cb.id, call.id, now);
      await callbackEvent(tx, cb, 'callback.dialled', now, { conn_id: call.id, by_agent: agent.id, taken_over: agent.id !== cb.agentId });
    }
  };

  // One transaction per pass: claim what is due, offer what waits, find the next due time and the
  // next moment a waiting callback may go to any agent.
  const pass = async () => {
    const { next, summary } = await store.transaction(async (tx) => {
      const now = clock.now();
      for (;;) {
        const due = await tx.callbacks.claimDue(now, batch);
        for (const cb of due) await callbackEvent(tx, cb, cb.type === 'manual' ? 'callback.reminder' : 'callback.due', now);
        if (due.length < batch) break;
      }
      await dispatch(tx, now);
      return { next: await tx.callbacks.nextDue(), summary: await tx.callbacks.waiting(now - takeoverMs, takeoverMs) };
    });
    waiting = summary.any;
    const now = clock.now();
    if (next !== undefined) job.wakeIn(next - now);
    if (summary.nextTakeoverAt !== undefined) job.wakeIn(summary.nextTakeoverAt - now);
  };

  const job = periodic(clock, settings.callbackRecheckMs, pass, (e) => deps.onError(e, 'callback scheduler'));

  return {
    start: () => job.start(),
    stop: () => job.stop(),
    poke: () => job.wakeIn(0),
    runNow: () => job.runNow(),
    dispatchWaiting: async () => {
      if (waiting) await store.transaction((tx) => dispatch(tx, clock.now()));
    },
  };
}
