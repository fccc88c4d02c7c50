// A deferred agent save (held-statements.ts) that fails, on both stores: the statement it left with
// — the next one, or the COMMIT — fails with its error, and nothing of the transaction is committed.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Agent } from '../src/domain/agent.ts';
import type { Tx } from '../src/engine/ports/store.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

/** Agent 1001 moved to ready but with no name: the NOT NULL constraint refuses the save. */
async function badSave(tx: Tx): Promise<void> {
  const agent = await tx.agents.lock('0001', '1001');
  assert.ok(agent);
  const bad = { ...agent, state: 'ready', name: null } as unknown as Agent;
  await tx.agents.save(bad, { operationId: '0001', at: Date.now(), type: 'agent.state', agentId: '1001', data: { to: 'bad' } });
}

async function unchanged(p: TestPacer): Promise<void> {
  const db = p.pacer.database.db;
  const agent = await db.selectFrom('agents').select(['state', 'name']).where('id', '=', '1001').executeTakeFirstOrThrow();
  assert.deepEqual(agent, { state: 'logout', name: agent.name });
  assert.notEqual(agent.name, null);
  const events = await db.selectFrom('events').select('id').where('type', '=', 'agent.state').where('agent_id', '=', '1001').execute();
  assert.deepEqual(events, []);
}

for (const { kind, skip } of await storeKinds()) {
  describe(`a failed deferred write on ${kind}`, { skip }, () => {
    test('sent with the COMMIT: the transaction fails with its error and commits nothing', async () => {
      const p = await testPacer(kind);
      try {
        await assert.rejects(p.pacer.store.transaction(badSave), /null value in column "name"/);
        await unchanged(p);
      } finally {
        await p.close();
      }
    });

    test('sent with the next statement: that statement fails with the write\'s error', async () => {
      const p = await testPacer(kind);
      try {
        await assert.rejects(p.pacer.store.transaction(async (tx) => {
          await badSave(tx);
          await tx.agents.lock('0001', '1002');
        }), /null value in column "name"/);
        await unchanged(p);
      } finally {
        await p.close();
      }
    });
  });
}
