// The answer path's own connections (Store.urgentTransaction): a customer who answers is connected
// to the agent even while every connection of the main pool is taken (by pacing decisions and the
// bookkeeping of other calls, in production). PostgreSQL only: the embedded store is one session.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { testPacer } from './support/pacer.ts';
import { postgresAvailable, stopSharedEmbedded } from './support/stores.ts';

after(stopSharedEmbedded);
const pgUp = await postgresAvailable();

describe('the urgent lane on postgres', { skip: pgUp ? false : 'no PostgreSQL' }, () => {
  test('an answer is recorded and bridged while the main pool is exhausted', async () => {
    const p = await testPacer('postgres', { env: { PACER_DB_POOL: '2' } });
    let release = () => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const holders: Promise<void>[] = [];
    try {
      p.telephony.script('3001234567', { result: 'answer', ringS: 0.001 });
      assert.equal((await p.agentbox('change_status', { agent_id: '1001', status: 'ready' })).status, 200);
      const dial = await p.agentbox('dial', { agent_id: '1001', customer_phone: '3001234567' });
      assert.equal(dial.status, 200);
      await p.clock.advance(0); // the carrier's ringing, recorded through the main pool
      // Both connections of the main pool are taken and held.
      const taken: Promise<void>[] = [];
      for (let i = 0; i < 2; i++) {
        let took = () => {};
        taken.push(new Promise<void>((resolve) => { took = resolve; }));
        holders.push(p.pacer.database.db.transaction().execute(async (trx) => {
          await trx.selectFrom('agents').select('id').limit(1).execute();
          took();
          await gate;
        }));
      }
      await Promise.all(taken);
      // The customer answers 1 ms later: the clock waits for the engine to handle it.
      let timer: NodeJS.Timeout | undefined;
      const stuck = new Promise<'stuck'>((resolve) => { timer = setTimeout(() => resolve('stuck'), 10_000); });
      const done = await Promise.race([p.clock.advance(1).then(() => 'handled' as const), stuck]);
      clearTimeout(timer);
      assert.equal(done, 'handled', 'the answer did not wait for the main pool');
      const call = await p.pacer.database.urgentDb.selectFrom('calls').select(['state', 'connected_at']).executeTakeFirstOrThrow();
      assert.equal(call.state, 'connected');
      assert.ok(p.telephony.log.some((l) => l.action === 'bridge'), 'the customer was bridged to the agent');
    } finally {
      release();
      await Promise.all(holders);
      await p.close();
    }
  });
});
