// The Store port over Kysely: one transaction per unit of work, repositories bound to it, and
// effects that run only after the commit. A request's scope is read with its token claim and held
// for the transaction (first-reads.ts); writes nobody reads leave with the next statement
// (deferred.ts): both are this adapter's business, invisible to the engine.
import type { Kysely } from 'kysely';
import type { CommittedEvents } from '../../engine/ports/events.ts';
import type { RequestScope, Store, Tx } from '../../engine/ports/store.ts';
import { agentRepo } from './agents.ts';
import { callbackRepo } from './callbacks.ts';
import { callRepo } from './calls.ts';
import { campaignRepo } from './campaigns.ts';
import { campaignStatsRepo } from './campaign-stats.ts';
import { agentReports } from './reports-agents.ts';
import { callReports } from './reports-calls.ts';
import { dialingRepo } from './dialing.ts';
import { eventRepo } from './events.ts';
import { operationRepo } from './operations.ts';
import { recordRepo } from './records.ts';
import { recoveryRepo } from './recovery.ts';
import type { Database } from './schema.ts';
import { tokenRepo } from './tokens.ts';
import { webhookRepo } from './webhooks.ts';
import { sessionRepo, userRepo } from './users.ts';
import { dncRepo } from './dnc.ts';
import { trunkRepo } from './trunks.ts';
import { agentPhoneRepo } from './agent-phones.ts';
import { firstReads } from './first-reads.ts';
import { pacingRepo, type PacingSender } from './pacing.ts';
import { directoryRepo } from './directory.ts';
import { auditRepo } from './audit.ts';
import { allowListRepo } from './allow-list.ts';

export interface StoreHooks {
  /** After a commit that appended events, whose (wakes event streams of this process). */
  eventsCommitted?: (committed: CommittedEvents) => void;
  /** Where pacing messages go (PostgreSQL shared by several processes); none on the embedded store. */
  pacing?: PacingSender;
}

/** Runs of a transaction aborted to break a deadlock, before its error is passed on. */
const deadlockTries = 3;
const isDeadlock = (error: unknown) => (error as { code?: unknown } | null)?.code === '40P01';

/**
 * The store over `db`; `urgentDb`, the same database through connections of its own for urgent
 * transactions (the answer path), where there is more than one connection (not the embedded store).
 */
export function kyselyStore(db: Kysely<Database>, close: () => Promise<void>, hooks: StoreHooks = {}, urgentDb: Kysely<Database> = db): Store {
  const run = async <T>(on: Kysely<Database>, work: (tx: Tx) => Promise<T>, scope?: RequestScope): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(on, work, scope);
      } catch (error) {
        if (!isDeadlock(error) || attempt >= deadlockTries) throw error;
      }
    }
  };
  const store: Store = {
    transaction: (work, scope) => run(db, work, scope),
    urgentTransaction: (work) => run(urgentDb, work),
    close,
  };

  async function once<T>(db: Kysely<Database>, work: (tx: Tx) => Promise<T>, scope: RequestScope | undefined): Promise<T> {
    const effects: (() => void)[] = [];
    const appended = new Map<string, Set<string | null>>();
    const appendedFor = (operationId: string, agentId: string | null) => {
      const agents = appended.get(operationId) ?? new Set<string | null>();
      appended.set(operationId, agents.add(agentId));
    };
    const result = await db.transaction().execute(async (trx) => {
      const events = eventRepo(trx);
      const agents = agentRepo(trx);
      const calls = callRepo(trx);
      // What the token claim reads when the request's scope is known.
      const first = scope && firstReads(scope);
      const tx: Tx = {
        tokens: tokenRepo(trx, scope && first && { scope, reads: (answer) => first.read(answer) }),
        operations: operationRepo(trx),
        // Both ways of writing an event wake this process's event streams after the commit.
        agents: {
          ...agents,
          save: (agent, event) => {
            if (event) appendedFor(event.operationId, event.agentId ?? null);
            return agents.save(agent, event);
          },
        },
        calls: {
          ...calls,
          move: (callId, from, to, event) => {
            appendedFor(event.operationId, event.agentId ?? null);
            return calls.move(callId, from, to, event);
          },
        },
        events: {
          ...events,
          append: (event) => {
            appendedFor(event.operationId, event.agentId ?? null);
            return events.append(event);
          },
        },
        callbacks: callbackRepo(trx),
        dialing: dialingRepo(trx),
        recovery: recoveryRepo(trx),
        webhooks: webhookRepo(trx),
        dnc: dncRepo(trx),
        campaigns: campaignRepo(trx),
        campaignStats: campaignStatsRepo(trx),
        reports: { ...agentReports(trx), ...callReports(trx) },
        records: recordRepo(trx),
        users: userRepo(trx),
        sessions: sessionRepo(trx),
        trunks: trunkRepo(trx),
        agentPhones: agentPhoneRepo(trx),
        pacing: pacingRepo(trx, hooks.pacing),
        directory: directoryRepo(trx),
        audit: auditRepo(trx),
        allowList: allowListRepo(trx),
        afterCommit: (effect) => effects.push(effect),
      };
      return work(first ? first.wrap(tx) : tx);
    });
    for (const effect of effects) effect();
    if (appended.size > 0) hooks.eventsCommitted?.(appended);
    return result;
  }
  return store;
}
