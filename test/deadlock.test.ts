// A transaction PostgreSQL aborts to break a deadlock runs again: a request that locks an agent and
// then its call, against a telephony event that locks the call and then its agent, both commit.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { kyselyStore } from '../src/adapters/store/store.ts';
import { testPacer } from './support/pacer.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';

after(stopSharedEmbedded);

const postgres = (await storeKinds()).find((s) => s.kind === 'postgres');

test('a deadlock victim is run again and both transactions commit', { skip: postgres?.skip ?? 'no PostgreSQL', timeout: 30_000 }, async () => {
  const p = await testPacer('postgres');
  try {
    await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
    const dial = await p.agentbox('dial', { agent_id: '1001', customer_phone: '3001234567' });
    const callId = (dial.json.data as { conn_id: string }).conn_id;
    const store = kyselyStore(p.pacer.database.db, () => Promise.resolve());

    const signal = () => {
      let resolve = () => {};
      const promise = new Promise<void>((r) => { resolve = r; });
      return { promise, resolve };
    };
    const agentLocked = signal();
    const callLocked = signal();
    const runs = { agentFirst: 0, callFirst: 0 };
    const agentFirst = store.transaction(async (tx) => {
      runs.agentFirst++;
      await tx.agents.lock('0001', '1001');
      agentLocked.resolve();
      await callLocked.promise;
      return (await tx.calls.lock(callId))?.id;
    });
    const callFirst = store.transaction(async (tx) => {
      runs.callFirst++;
      await tx.calls.lock(callId);
      callLocked.resolve();
      await agentLocked.promise;
      return (await tx.agents.lock('0001', '1001'))?.id;
    });
    assert.deepEqual(await Promise.all([agentFirst, callFirst]), [callId, '1001']);
    // The victim ran again (on a loaded machine its rerun can meet the other once more before that
    // one's lock is granted, and run a third time: still both commit).
    assert.ok(runs.agentFirst + runs.callFirst >= 3, `one of them ran again: ${JSON.stringify(runs)}`);
  } finally {
    await p.close();
  }
});
