// Recovery after a process dies: its live calls are ended with result `unknown` (`abandon` for a
// person left waiting for an agent), their agents going to after-call work; and agents left in
// after-call work get their wrap-up timer back, or wrap up at once when it is overdue. Runs at start, and again on every beat so that the survivors of a
// multi-process deployment clean up after a peer that stopped beating.
import { transition } from '../domain/agent.ts';
import { saveAgent } from './agent-changes.ts';
import type { CallLifecycle } from './call-lifecycle.ts';
import type { EngineDeps } from './deps.ts';
import { periodic } from './periodic.ts';

/** Beats missed before a process counts as dead. */
const missedBeats = 3;

export interface Recovery {
  /** Registers this process, ends orphaned calls and re-arms every after-call work timer. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** One beat and sweep now (tests). */
  runNow(): Promise<void>;
}

export function createRecovery(deps: EngineDeps, calls: CallLifecycle): Recovery {
  const { clock, store, telephony, settings } = deps;
  const self = settings.processId;
  // Peers beat less often than callbacks are re-checked: a dead peer is found within 3 beats.
  const beatMs = 3 * settings.callbackRecheckMs;

  const endOrphans = async (ids: readonly string[]) => {
    for (const id of ids) {
      await store.transaction(async (tx) => {
        const call = await tx.calls.lock(id);
        if (!call || call.state === 'ended') return;
        // A person who answered and was waiting for an agent heard nothing: that is an abandon
        // (counted in the abandon rate, the record not redialled for 72 h), whatever killed the call.
        await calls.endCall(tx, call, call.state === 'waiting' ? 'abandon' : 'unknown', clock.now());
        // An agent callback whose call died before anyone answered is not lost: it waits again.
        if (call.origin === 'callback' && call.answeredAt === null) await tx.callbacks.requeueByCall(call.id);
        tx.afterCommit(() => telephony.hangup(call.id));
      });
    }
  };

  /** `all`: re-arm every ACW (at start, this process's timers are gone); else wrap up only overdue ones. */
  const resumeAcw = async (agents: readonly { operationId: string; id: string; since: number; acwS: number }[], all: boolean) => {
    const now = clock.now();
    const graceMs = missedBeats * beatMs;
    for (const a of agents) {
      const end = a.since + a.acwS * 1000;
      if (end <= now - (all ? 0 : graceMs)) {
        await store.transaction(async (tx) => {
          const agent = await tx.agents.lock(a.operationId, a.id);
          if (!agent || agent.state !== 'acw' || agent.stateSince !== a.since) return;
          await saveAgent(tx, agent, transition(agent, 'wrapUp', now).agent, now);
        });
      } else if (all) {
        calls.armWrapUp(a.operationId, a.id, a.since, a.acwS);
      }
    }
  };

  // One transaction for the beat and what it finds; the rare clean-ups each get their own.
  const beat = async (all: boolean) => {
    const { orphans, acw } = await store.transaction(async (tx) => {
      const now = clock.now();
      await tx.recovery.heartbeat(self, now);
      return { orphans: await tx.recovery.orphanCalls(now - missedBeats * beatMs, self), acw: await tx.recovery.agentsInAcw() };
    });
    await endOrphans(orphans);
    await resumeAcw(acw, all);
  };
  // Only a shared PostgreSQL can have peers to watch; a lone process recovers once, at start.
  const job = periodic(clock, beatMs, () => beat(false), (e) => deps.onError(e, 'recovery'));

  return {
    async start() {
      await beat(true);
      if (settings.multiProcess) job.start();
    },
    async stop() {
      await job.stop();
      await store.transaction((tx) => tx.recovery.forget(self));
    },
    runNow: () => beat(false),
  };
}
