// Restart recovery on the virtual clock: after-call work outlives a restart, and calls left live by
// a process that is gone are ended with result unknown (abandon for a person left waiting for an
// agent), their agents moved on.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const db = (p: TestPacer) => p.pacer.database.db;
const agent = (p: TestPacer, id: string) => db(p).selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const call = (p: TestPacer, id: string) => db(p).selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Agent on an answered call placed by Pacer `p`; returns the conn_id. */
async function onCall(p: TestPacer, agentId: string): Promise<string> {
  await p.agentbox('change_status', { agent_id: agentId, status: 'ready' });
  const dial = await p.agentbox('dial', { agent_id: agentId, customer_phone: '3001234567' });
  await p.clock.advance(5000);
  return (dial.json.data as { conn_id: string }).conn_id;
}

for (const { kind, skip } of await storeKinds()) {
  describe(`restart recovery on ${kind}`, { skip }, () => {
    test('after-call work survives a restart: re-armed, or wrapped up at once when overdue', async () => {
      const a = await testPacer(kind, { keepSchema: true });
      let b: TestPacer | undefined;
      try {
        await onCall(a, '1001');
        await onCall(a, '1002');
        await a.agentbox('hang', { agent_id: '1001' });
        await a.clock.advance(10_000);
        await a.agentbox('hang', { agent_id: '1002' }); // ACW until +15 s from now
        await a.close();
        await a.clock.advance(6000); // 1001's ACW is overdue while no process runs
        b = await testPacer(kind, { schema: a.schema, clock: a.clock });
        assert.equal((await agent(b, '1001')).state, 'ready', 'overdue: wrapped up at start');
        assert.equal((await agent(b, '1002')).state, 'acw');
        await b.clock.advance(8000);
        assert.equal((await agent(b, '1002')).state, 'acw');
        await b.clock.advance(2000);
        assert.equal((await agent(b, '1002')).state, 'ready', 're-armed wrap-up');
      } finally {
        if (b) await b.close();
        else await a.close();
      }
    });

    test('a call left live by a stopped process is ended as unknown; its agent goes through ACW', async () => {
      const a = await testPacer(kind, { keepSchema: true });
      let b: TestPacer | undefined;
      try {
        const connId = await onCall(a, '1001');
        assert.equal((await call(a, connId)).state, 'connected');
        await a.close();
        b = await testPacer(kind, { schema: a.schema, clock: a.clock });
        const ended = await call(b, connId);
        assert.deepEqual([ended.state, ended.result], ['ended', 'unknown']);
        assert.equal((await agent(b, '1001')).state, 'acw');
        await b.clock.advance(16_000);
        assert.equal((await agent(b, '1001')).state, 'ready');
      } finally {
        if (b) await b.close();
        else await a.close();
      }
    });

    test('a person left waiting for an agent when the process died counts as an abandon', async () => {
      const a = await testPacer(kind, { keepSchema: true });
      let b: TestPacer | undefined;
      try {
        const now = new Date(a.clock.now());
        // The state a campaign call is in between a live answer and its agent: answered, waiting.
        await db(a).updateTable('records').set({ status: 'dialing', attempts: 1 }).where('campaign_id', '=', '1').where('customer_id', '=', '100001').execute();
        await db(a).insertInto('calls').values({
          id: 'waiting-1', operation_id: '0001', agent_id: null, campaign_id: '1', customer_id: '100001', customer_name: null, phone: '3000000001',
          origin: 'campaign', state: 'waiting', result: null, parent_call_id: null, placed_at: now, answered_at: now, connected_at: null,
          ended_at: null, cod_act: null, cod_act_2: null, comments: null, disposed_at: null, process_id: 'gone',
        }).execute();
        await a.close();
        b = await testPacer(kind, { schema: a.schema, clock: a.clock });
        const ended = await call(b, 'waiting-1');
        assert.deepEqual([ended.state, ended.result], ['ended', 'abandon']);
        const record = await db(b).selectFrom('records').selectAll().where('campaign_id', '=', '1').where('customer_id', '=', '100001').executeTakeFirstOrThrow();
        assert.equal(record.last_result, 'abandon');
        assert.equal(record.next_attempt_at?.getTime(), b.clock.now() + 72 * 3600_000, 'not redialled for 72 h');
      } finally {
        if (b) await b.close();
        else await a.close();
      }
    });

    // Several processes share only a PostgreSQL: the embedded store serves one process.
    if (kind === 'postgres') test('a peer that stops beating loses its live calls; a live peer keeps them', async () => {
      const p = await testPacer(kind);
      try {
        const connId = await onCall(p, '1001');
        const now = () => new Date(p.clock.now());
        await db(p).insertInto('pacer_processes').values({ id: 'ghost', started_at: now(), heartbeat_at: now() }).execute();
        await db(p).updateTable('calls').set({ process_id: 'ghost' }).where('id', '=', connId).execute();
        await p.clock.advance(30_000);
        assert.equal((await call(p, connId)).state, 'connected', 'the peer beat 30 s ago: alive');
        await p.clock.advance(30_000); // three beats of 15 s missed
        const ended = await call(p, connId);
        assert.deepEqual([ended.state, ended.result], ['ended', 'unknown']);
        assert.equal((await agent(p, '1001')).state, 'acw');
      } finally {
        await p.close();
      }
    });

    test('an auto callback whose call died unanswered with its process is dialled again', async () => {
      const a = await testPacer(kind, { keepSchema: true });
      let b: TestPacer | undefined;
      try {
        a.telephony.script('3005550000', { result: 'answer', ringS: 20 });
        await a.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        await a.agentbox('recall', { agent_id: '1001', customer_phone: '3005550000', date: '20260302100100', type_recall: 'auto' });
        await a.clock.advanceTo(Date.parse('2026-03-02T15:01:02Z'));
        const [lost] = await db(a).selectFrom('calls').selectAll().where('origin', '=', 'callback').execute();
        assert.equal(lost?.state, 'ringing');
        await a.close();
        b = await testPacer(kind, { schema: a.schema, clock: a.clock });
        assert.deepEqual([(await call(b, lost.id)).result, (await agent(b, '1001')).state], ['unknown', 'acw']);
        const cb = await db(b).selectFrom('callbacks').selectAll().executeTakeFirstOrThrow();
        assert.equal(cb.status, 'waiting');
        await b.clock.advance(17_000); // after-call work ends; the callback goes out again
        const again = await db(b).selectFrom('calls').selectAll().where('origin', '=', 'callback').orderBy('placed_at').execute();
        assert.equal(again.length, 2);
        assert.equal(again[1]?.agent_id, '1001');
        assert.equal((await db(b).selectFrom('callbacks').select('status').executeTakeFirstOrThrow()).status, 'done');
      } finally {
        if (b) await b.close();
        else await a.close();
      }
    });
  });
}
