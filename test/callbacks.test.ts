// The callback scheduler through the real app on the virtual clock: agent recalls fire at their
// time in the operation's zone, wait for a busy agent, remind for manual ones, survive a restart,
// and fire once with two processes on one database.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dropSchema, stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { START, testPacer, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const db = (p: TestPacer) => p.pacer.database.db;
const agent = (p: TestPacer, id: string) => db(p).selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const callbacks = (p: TestPacer) => db(p).selectFrom('callbacks').selectAll().orderBy('id').execute();
const callbackCalls = (p: TestPacer) => db(p).selectFrom('calls').selectAll().where('origin', '=', 'callback').execute();
const events = (p: TestPacer, type: string) => db(p).selectFrom('events').selectAll().where('type', '=', type).orderBy('id').execute();

async function recall(p: TestPacer, agentId: string, date: string, type: 'auto' | 'manual', phone = '3005550000') {
  const r = await p.agentbox('recall', { agent_id: agentId, customer_phone: phone, date, type_recall: type });
  assert.equal(r.status, 200, JSON.stringify(r.json));
}

for (const { kind, skip } of await storeKinds()) {
  describe(`callbacks on ${kind}`, { skip }, () => {
    test('auto: fires at its time in America/Bogota, calls the customer and connects the agent', async () => {
      const p = await testPacer(kind);
      try {
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        await recall(p, '1001', '20260302100500', 'auto'); // 10:05 in Bogota = 15:05Z
        await p.clock.advanceTo(Date.parse('2026-03-02T15:04:59Z'));
        assert.equal((await callbackCalls(p)).length, 0, 'nothing before its time');
        assert.equal((await agent(p, '1001')).state, 'ready');
        await p.clock.advance(1000);
        const [call] = await callbackCalls(p);
        assert.ok(call, 'placed at its time');
        assert.equal(call.placed_at.toISOString(), '2026-03-02T15:05:00.000Z');
        assert.equal(call.agent_id, '1001');
        assert.equal(call.phone, '3005550000');
        assert.equal((await agent(p, '1001')).state, 'ringing');
        const [cb] = await callbacks(p);
        assert.equal(cb?.status, 'done');
        assert.equal(cb?.call_id, call.id);
        await p.clock.advance(5000); // the demo customer answers within 3 s
        const a = await agent(p, '1001');
        assert.equal(a.state, 'talking');
        assert.equal(a.call_id, call.id);
        assert.ok(p.telephony.log.some((l) => l.callId === call.id && l.action === 'bridge'));
      } finally {
        await p.close();
      }
    });

    test('auto: waits while its agent is busy, then dials as soon as the agent is free', async () => {
      const p = await testPacer(kind);
      try {
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        await p.agentbox('dial', { agent_id: '1001', customer_phone: '3001112222' });
        await p.clock.advance(5000);
        await recall(p, '1001', '20260302100100', 'auto');
        await p.clock.advanceTo(Date.parse('2026-03-02T15:01:30Z'));
        assert.equal((await callbacks(p))[0]?.status, 'waiting');
        assert.equal((await callbackCalls(p)).length, 0);
        assert.equal((await events(p, 'callback.due')).length, 1);
        assert.equal((await p.agentbox('hang', { agent_id: '1001' })).status, 200);
        await p.clock.advance(14_000);
        assert.equal((await callbackCalls(p)).length, 0, 'not during after-call work');
        await p.clock.advance(3000); // ACW (15 s) ends, the next tick offers the callback
        const [call] = await callbackCalls(p);
        assert.equal(call?.agent_id, '1001');
        assert.equal((await callbacks(p))[0]?.status, 'done');
      } finally {
        await p.close();
      }
    });

    test('auto: past the takeover wait, any ready agent takes it', async () => {
      const p = await testPacer(kind, { env: { PACER_CALLBACK_TAKEOVER_S: '60' } });
      try {
        await p.agentbox('change_status', { agent_id: '1001', status: '2' }); // lunch
        await p.agentbox('change_status', { agent_id: '1002', status: 'ready' });
        await recall(p, '1001', '20260302100100', 'auto');
        await p.clock.advanceTo(Date.parse('2026-03-02T15:01:50Z'));
        assert.equal((await callbackCalls(p)).length, 0, '1002 may not take it before the wait');
        await p.clock.advanceTo(Date.parse('2026-03-02T15:02:10Z'));
        const [call] = await callbackCalls(p);
        assert.equal(call?.agent_id, '1002');
        const [dialled] = await events(p, 'callback.dialled');
        assert.equal(dialled?.data.taken_over, true);
      } finally {
        await p.close();
      }
    });

    test('manual: at its time the agent gets a reminder event and no call is placed', async () => {
      const p = await testPacer(kind);
      try {
        await recall(p, '1003', '20260302100200', 'manual');
        await p.clock.advanceTo(Date.parse('2026-03-02T15:01:59Z'));
        assert.equal((await events(p, 'callback.reminder')).length, 0);
        await p.clock.advance(1000);
        const reminders = await events(p, 'callback.reminder');
        assert.equal(reminders.length, 1);
        assert.equal(reminders[0]?.agent_id, '1003');
        assert.equal(reminders[0]?.at.toISOString(), '2026-03-02T15:02:00.000Z');
        assert.equal(reminders[0]?.data.phone, '3005550000');
        assert.equal((await callbacks(p))[0]?.status, 'done');
        await p.clock.advance(60_000);
        assert.equal((await events(p, 'callback.reminder')).length, 1);
        assert.equal((await callbackCalls(p)).length, 0);
      } finally {
        await p.close();
      }
    });

    test('durability: a restarted server on the same data fires each pending callback exactly once', async () => {
      const a = await testPacer(kind, { keepSchema: true });
      let b: TestPacer | undefined;
      try {
        await a.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        await recall(a, '1001', '20260302100100', 'auto');
        await recall(a, '1002', '20260302100100', 'manual');
        await recall(a, '1003', '20260302100500', 'manual');
        await a.clock.advance(30_000);
        await a.close();
        // Down across the first due time.
        await a.clock.advanceTo(Date.parse('2026-03-02T15:02:00Z'));
        b = await testPacer(kind, { schema: a.schema, clock: a.clock });
        await b.clock.advance(1000);
        assert.deepEqual((await callbacks(b)).map((c) => c.status), ['done', 'done', 'pending']);
        await b.clock.advanceTo(Date.parse('2026-03-02T15:10:00Z'));
        assert.deepEqual((await callbacks(b)).map((c) => c.status), ['done', 'done', 'done']);
        assert.equal((await callbackCalls(b)).length, 1);
        assert.deepEqual((await events(b, 'callback.reminder')).map((e) => e.agent_id), ['1002', '1003']);
        assert.equal((await events(b, 'callback.dialled')).length, 1);
      } finally {
        if (b) await b.close();
        else await a.close();
      }
    });

    // Several processes share only a PostgreSQL: the embedded store serves one process.
    if (kind === 'postgres') test('two processes on one database fire each due callback once', async () => {
      const a = await testPacer(kind, { keepSchema: true });
      const b = await testPacer(kind, { schema: a.schema, clock: a.clock, keepSchema: true });
      try {
        for (let i = 0; i < 10; i++) {
          await recall(i % 2 ? a : b, String(1001 + i), `2026030210${String(1 + (i % 3)).padStart(2, '0')}00`, 'manual', `30055500${i}0`);
        }
        await a.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        await recall(a, '1001', '20260302100200', 'auto');
        await a.clock.advanceTo(Date.parse('2026-03-02T15:05:00Z'));
        // Both processes at once, on a fresh batch: SKIP LOCKED hands each row to one of them.
        const db0 = db(a);
        await db0.insertInto('callbacks').values(Array.from({ length: 40 }, (_, i) => ({
          operation_id: '0001', agent_id: String(1001 + (i % 10)), campaign_id: null, customer_id: null, phone: `3006660${String(i).padStart(3, '0')}`,
          due_at: new Date(START), type_recall: 'manual', status: 'pending', fired_at: null, call_id: null, created_at: new Date(START),
        }))).execute();
        await Promise.all([a.pacer.engine.background.callbacks.runNow(), b.pacer.engine.background.callbacks.runNow(), a.pacer.engine.background.callbacks.runNow()]);
        await a.clock.advance(10_000);
        const all = await callbacks(a);
        assert.equal(all.length, 51);
        assert.ok(all.every((c) => c.status === 'done'));
        const reminders = await events(a, 'callback.reminder');
        const ids = reminders.map((e) => String(e.data.callback_id));
        assert.equal(ids.length, 50);
        assert.equal(new Set(ids).size, 50, 'no reminder twice');
        assert.equal((await events(a, 'callback.dialled')).length, 1);
        assert.equal((await callbackCalls(a)).length, 1);
      } finally {
        await b.close();
        await a.close();
        await dropSchema(a.schema);
      }
    });
  });
}
