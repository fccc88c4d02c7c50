// The Store port over Kysely: one transaction per unit of work, repositories bound to it, and
// effects that run only after the commit.
import type { Kysely } from 'kysely';
import type { Store, Tx } from '../../engine/ports/store.ts';
import { agentRepo } from './agents.ts';
import { callbackRepo } from './callbacks.ts';
import { callRepo } from './calls.ts';
import { dialingRepo } from './dialing.ts';
import { eventRepo } from './events.ts';
import { operationRepo } from './operations.ts';
import { recoveryRepo } from './recovery.ts';
import type { Database } from './schema.ts';
import { tokenRepo } from './tokens.ts';

export function kyselyStore(db: Kysely<Database>, close: () => Promise<void>): Store {
  return {
    async transaction(work) {
      const effects: (() => void)[] = [];
      const result = await db.transaction().execute(async (trx) => {
        const tx: Tx = {
          tokens: tokenRepo(trx),
          operations: operationRepo(trx),
          agents: agentRepo(trx),
          calls: callRepo(trx),
          events: eventRepo(trx),
          callbacks: callbackRepo(trx),
          dialing: dialingRepo(trx),
          recovery: recoveryRepo(trx),
          afterCommit: (effect) => effects.push(effect),
        };
        return work(tx);
      });
      for (const effect of effects) effect();
      return result;
    },
    close,
  };
}
