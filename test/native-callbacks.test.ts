// /v1/callbacks through the real app on the virtual clock: callbacks listed, read, created (an
// agent's own or a campaign record's recall), rescheduled (they fire at the new time, never at the
// old one) and cancelled (they never fire); every refusal with its catalogue code.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { hashToken } from '../src/engine/gate.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { START, testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const auth = { authorization: `Bearer ${TOKEN}` };
const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();

async function v1(p: TestPacer, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = auth) {
  const r = await p.call({ method, url, headers, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  return { status: r.statusCode, json: r.json as Record<string, any>, headers: r.headers };
}

const db = (p: TestPacer) => p.pacer.database.db;
const events = (p: TestPacer, type: string) => db(p).selectFrom('events').selectAll().where('type', '=', type).orderBy('id').execute();
const callbackCalls = (p: TestPacer) => db(p).selectFrom('calls').selectAll().where('origin', '=', 'callback').execute();
const record = (p: TestPacer, campaignId: string, customerId: string) =>
  db(p).selectFrom('records').selectAll().where('campaign_id', '=', campaignId).where('customer_id', '=', customerId).executeTakeFirstOrThrow();

async function create(p: TestPacer, body: Record<string, unknown>) {
  const r = await v1(p, 'POST', '/v1/callbacks', body);
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json;
}

/** Campaign 3, progressive, stopped, with two records already called and closed (answered). */
async function closedRecords(p: TestPacer) {
  const now = new Date(p.clock.now());
  await db(p).insertInto('campaigns').values({
    operation_id: '0001', id: 3, name: 'Recalls', type: 'predictive', dial_mode: 'progressive', skill_id: null, start_time: null, end_time: null, created_at: now,
  }).execute();
  await db(p).insertInto('records').values(['300001', '300002'].map((customerId, i) => ({
    operation_id: '0001', campaign_id: 3, customer_id: customerId, data: JSON.stringify({ customer_name: `Customer ${customerId}` }),
    phones: [`30077700${i}0`], status: 'done', attempts: 1, last_result: 'answer', created_at: now,
  }))).execute();
}

for (const { kind, skip } of await storeKinds()) {
  describe(`/v1/callbacks on ${kind}`, { skip }, () => {
    test('create an agent\'s callback or a campaign recall; list by due time with filters and cursors; get one', async () => {
      const p = await testPacer(kind);
      try {
        const mine = await create(p, { agent_id: '1001', phone: '3005550001', due_at: at(60), type: 'manual' });
        assert.deepEqual({ ...mine, id: 'x' }, {
          id: 'x', agent_id: '1001', campaign_id: null, customer_id: null, phone: '3005550001', due_at: at(60), type: 'manual',
          status: 'pending', fired_at: null, call_id: null, created_at: at(0),
        });
        const recall = await create(p, { campaign_id: '1', customer_id: '100005', phone: '3005550002', due_at: '2026-03-02T10:30:00-05:00' });
        assert.deepEqual([recall.agent_id, recall.campaign_id, recall.customer_id, recall.type, recall.due_at], [null, '1', '100005', 'auto', at(30)]);
        assert.equal((await record(p, '1', '100005')).recall_date?.toISOString(), at(30), 'the record carries its recall date');
        // The wolkvox face schedules the same resource.
        assert.equal((await p.agentbox('recall', { agent_id: '1002', customer_phone: '3005550003', date: '20260302120000', type_recall: 'auto' })).status, 200);
        const scheduled = await events(p, 'callback.scheduled');
        assert.deepEqual(scheduled.map((e) => String(e.data.callback_id)), [mine.id, recall.id, String(Number(recall.id) + 1)]);

        const all = await v1(p, 'GET', '/v1/callbacks');
        assert.deepEqual(all.json.data.map((c: { due_at: string }) => c.due_at), [at(30), at(60), at(120)], 'soonest first');
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { json: Record<string, any> } = await v1(p, 'GET', `/v1/callbacks?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
          seen.push(...page.json.data.map((c: { id: string }) => c.id));
          cursor = page.json.next_cursor;
        } while (cursor);
        assert.deepEqual(seen, all.json.data.map((c: { id: string }) => c.id));
        const ids = async (query: string) => (await v1(p, 'GET', `/v1/callbacks?${query}`)).json.data.map((c: { id: string }) => c.id);
        assert.deepEqual(await ids('agent=1001'), [mine.id]);
        assert.deepEqual(await ids('campaign=1'), [recall.id]);
        assert.deepEqual(await ids(`from=${encodeURIComponent(at(60))}&to=${encodeURIComponent(at(120))}`), [mine.id]);
        assert.deepEqual(await ids('status=done'), []);
        assert.equal((await ids('status=pending')).length, 3);
        assert.deepEqual((await v1(p, 'GET', `/v1/callbacks/${mine.id}`)).json, mine);

        // Idempotency-Key: a retried create answers the first callback and schedules nothing more.
        const key = { ...auth, 'idempotency-key': 'crm-callback-1' };
        const body = { agent_id: '1003', phone: '3005550004', due_at: at(90) };
        const first = await v1(p, 'POST', '/v1/callbacks', body, key);
        const retry = await v1(p, 'POST', '/v1/callbacks', body, key);
        assert.equal(retry.headers['idempotent-replayed'], 'true');
        assert.deepEqual(retry.json, first.json);
        assert.deepEqual(await ids('agent=1003'), [first.json.id]);
      } finally {
        await p.close();
      }
    });

    test('reschedule: a callback fires at its new time and never at the old one', async () => {
      const p = await testPacer(kind);
      try {
        const later = await create(p, { agent_id: '1003', phone: '3005550001', due_at: at(10), type: 'manual' });
        const moved = await v1(p, 'PATCH', `/v1/callbacks/${later.id}`, { due_at: at(20) });
        assert.deepEqual([moved.status, moved.json.due_at, moved.json.status], [200, at(20), 'pending']);
        assert.deepEqual((await v1(p, 'PATCH', `/v1/callbacks/${later.id}`, { due_at: '2026-03-02T10:20:00-05:00' })).json, moved.json, 'a repeat answers the same');
        const [rescheduled, ...repeats] = await events(p, 'callback.rescheduled');
        assert.equal(repeats.length, 0, 'and appends no second event');
        assert.deepEqual([rescheduled?.agent_id, rescheduled?.data.due_at, rescheduled?.data.previous_due_at], ['1003', at(20), at(10)]);
        await p.clock.advanceTo(START + 15 * 60_000);
        assert.equal((await events(p, 'callback.reminder')).length, 0, 'nothing at the old time');
        await p.clock.advanceTo(START + 20 * 60_000);
        const [reminder] = await events(p, 'callback.reminder');
        assert.equal(reminder?.at.toISOString(), at(20), 'at the new time exactly');
        const fired = (await v1(p, 'GET', `/v1/callbacks/${later.id}`)).json;
        assert.deepEqual([fired.status, fired.fired_at], ['done', at(20)]);

        // Earlier: the scheduler, asleep until the old time, is woken for the new one. It is due
        // before the periodic re-check (5 s, or 30 s embedded) could find it: only a timer armed
        // at the change fires it on the very millisecond.
        const sooner = await create(p, { agent_id: '1004', phone: '3005550002', due_at: at(120), type: 'manual' });
        const soonerAt = new Date(p.clock.now() + 2_123).toISOString();
        await v1(p, 'PATCH', `/v1/callbacks/${sooner.id}`, { due_at: soonerAt });
        await p.clock.advanceTo(START + 22 * 60_000);
        assert.deepEqual((await events(p, 'callback.reminder')).map((e) => e.at.toISOString()), [at(20), soonerAt]);

        // An auto callback waiting for its busy agent goes back to pending, to fire at its new time.
        await p.agentbox('change_status', { agent_id: '1001', status: '2' });
        const waiting = await create(p, { agent_id: '1001', phone: '3005550003', due_at: at(25) });
        await p.clock.advanceTo(START + 26 * 60_000);
        assert.equal((await v1(p, 'GET', `/v1/callbacks/${waiting.id}`)).json.status, 'waiting');
        const again = await v1(p, 'PATCH', `/v1/callbacks/${waiting.id}`, { due_at: at(40) });
        assert.deepEqual([again.json.status, again.json.fired_at], ['pending', null]);
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        await p.clock.advanceTo(START + 39 * 60_000);
        assert.equal((await callbackCalls(p)).length, 0, 'a ready agent does not get it before its new time');
        await p.clock.advanceTo(START + 40 * 60_000);
        const [call] = await callbackCalls(p);
        assert.deepEqual([call?.agent_id, call?.placed_at.toISOString()], ['1001', at(40)]);
        assert.equal((await v1(p, 'GET', `/v1/callbacks/${waiting.id}`)).json.call_id, call?.id);
      } finally {
        await p.close();
      }
    });

    test('cancel: a cancelled callback never fires; cancelling again changes nothing; a fired one cannot change', async () => {
      const p = await testPacer(kind);
      try {
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        const cb = await create(p, { agent_id: '1001', phone: '3005550001', due_at: at(5) });
        const cancelled = await v1(p, 'POST', `/v1/callbacks/${cb.id}/cancel`);
        assert.deepEqual([cancelled.status, cancelled.json.status], [200, 'cancelled']);
        const repeat = await v1(p, 'POST', `/v1/callbacks/${cb.id}/cancel`);
        assert.deepEqual([repeat.status, repeat.json], [200, cancelled.json]);
        const [event, ...more] = await events(p, 'callback.cancelled');
        assert.deepEqual([event?.agent_id, event?.data.callback_id, more.length], ['1001', cb.id, 0], 'one event: the repeat changed nothing');
        await p.clock.advanceTo(START + 60 * 60_000);
        assert.equal((await callbackCalls(p)).length, 0, 'never dialled');
        assert.equal((await events(p, 'callback.due')).length, 0);
        assert.equal((await v1(p, 'GET', `/v1/callbacks/${cb.id}`)).json.status, 'cancelled');
        const moveCancelled = await v1(p, 'PATCH', `/v1/callbacks/${cb.id}`, { due_at: at(90) });
        assert.deepEqual([moveCancelled.status, moveCancelled.json.error.code], [409, 'CALLBACK_CONFLICT']);

        const fired = await create(p, { agent_id: '1002', phone: '3005550002', due_at: at(61), type: 'manual' });
        await p.clock.advanceTo(START + 61 * 60_000);
        const late = await v1(p, 'POST', `/v1/callbacks/${fired.id}/cancel`);
        assert.deepEqual(late.json.error, {
          code: 'CALLBACK_CONFLICT', status: 409,
          message: `Callback ${fired.id} is done (fired at ${at(61)}): only a pending or waiting callback can be cancelled`,
        });
        assert.equal((await v1(p, 'PATCH', `/v1/callbacks/${fired.id}`, { due_at: at(90) })).json.error.code, 'CALLBACK_CONFLICT');
      } finally {
        await p.close();
      }
    });

    test('campaign recalls: a cancelled one never dials and closes its record again; a rescheduled one dials at its new time', async () => {
      const p = await testPacer(kind);
      try {
        await closedRecords(p);
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        await p.campaign('PUT', 'start', { campaign_id: '3' });
        const campaignCalls = () => db(p).selectFrom('calls').selectAll().where('campaign_id', '=', '3').execute();
        await p.clock.advanceTo(START + 60_000);
        assert.equal((await campaignCalls()).length, 0, 'closed records are not dialled');

        const dropped = await create(p, { campaign_id: '3', customer_id: '300001', phone: '3007770010', due_at: at(30) });
        const moved = await create(p, { campaign_id: '3', customer_id: '300002', phone: '3007770020', due_at: at(30) });
        assert.equal((await record(p, '3', '300001')).status, 'fresh', 'a recall reopens its record');
        await v1(p, 'POST', `/v1/callbacks/${dropped.id}/cancel`);
        const closedAgain = await record(p, '3', '300001');
        assert.deepEqual([closedAgain.status, closedAgain.recall_date, closedAgain.recall_telephone], ['done', null, null], 'closed, as before the recall');

        // Moved sooner: dialled within a tick of its new time.
        await p.clock.advanceTo(START + 5 * 60_000);
        const newTime = p.clock.now() + 3_321;
        await v1(p, 'PATCH', `/v1/callbacks/${moved.id}`, { due_at: new Date(newTime).toISOString() });
        assert.equal((await record(p, '3', '300002')).recall_date?.getTime(), newTime, 'the record\'s recall date follows');
        await p.clock.advance(10_000);
        const calls = await campaignCalls();
        assert.deepEqual(calls.map((c) => [c.customer_id, c.phone]), [['300002', '3007770020']]);
        const late = (calls[0]?.placed_at.getTime() ?? Infinity) - newTime;
        assert.ok(late >= 0 && late < 1000, `dialled within a tick of its new time (${late} ms late)`);
        assert.equal((await v1(p, 'GET', `/v1/callbacks/${moved.id}`)).json.status, 'done');

        await p.clock.advanceTo(START + 31 * 60_000);
        assert.equal((await campaignCalls()).length, 1, 'nothing at the old time, and the cancelled recall never');
        assert.equal((await v1(p, 'GET', `/v1/callbacks/${dropped.id}`)).json.status, 'cancelled');
      } finally {
        await p.close();
      }
    });

    test('a cancelled recall of a never-tried record puts it back among the never-tried, not due at the recall\'s time', async () => {
      const p = await testPacer(kind);
      try {
        const recall = await create(p, { campaign_id: '1', customer_id: '100050', phone: '3007770050', due_at: at(120) });
        assert.equal((await record(p, '1', '100050')).next_attempt_at?.getTime(), Date.parse(at(120)), 'waits for its recall');
        await v1(p, 'POST', `/v1/callbacks/${recall.id}/cancel`);
        const r = await record(p, '1', '100050');
        assert.deepEqual([r.status, r.next_attempt_at, r.recall_date], ['fresh', null, null]);
      } finally {
        await p.close();
      }
    });

    test('refusals: bad ids and times, ambiguous bodies, unknown owners, another operation, no token', async () => {
      const p = await testPacer(kind);
      try {
        const code = async (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers?: Record<string, string>) => {
          const r = await v1(p, method, url, body, headers);
          return [r.status, r.json.error?.code];
        };
        const cb = await create(p, { agent_id: '1001', phone: '3005550001', due_at: at(30) });
        assert.deepEqual(await code('GET', '/v1/callbacks/abc'), [400, 'BAD_VALUE']);
        assert.deepEqual(await code('GET', '/v1/callbacks/999999'), [404, 'CALLBACK_NOT_FOUND']);
        assert.deepEqual(await code('PATCH', '/v1/callbacks/999999', { due_at: at(40) }), [404, 'CALLBACK_NOT_FOUND']);
        assert.deepEqual(await code('POST', '/v1/callbacks/999999/cancel'), [404, 'CALLBACK_NOT_FOUND']);
        assert.deepEqual(await code('GET', '/v1/callbacks?cursor=nope'), [400, 'BAD_VALUE']);
        assert.deepEqual(await code('GET', '/v1/callbacks?status=fired'), [400, 'BAD_VALUE']);
        assert.deepEqual(await code('GET', '/v1/callbacks?from=yesterday'), [400, 'BAD_VALUE']);

        const past = await v1(p, 'PATCH', `/v1/callbacks/${cb.id}`, { due_at: at(-1) });
        assert.deepEqual(past.json.error, { code: 'BAD_VALUE', status: 400, message: `due_at ${at(-1)} is not in the future (now ${at(0)})` });
        assert.deepEqual(await code('PATCH', `/v1/callbacks/${cb.id}`, { due_at: 'tomorrow' }), [400, 'BAD_VALUE']);
        assert.deepEqual(await code('PATCH', `/v1/callbacks/${cb.id}`, {}), [400, 'BAD_VALUE']);
        assert.deepEqual(await code('POST', '/v1/callbacks', { agent_id: '1001', phone: '3005550001', due_at: at(0) }), [400, 'BAD_VALUE']);
        assert.deepEqual(await code('POST', '/v1/callbacks', { phone: '3005550001', due_at: at(30) }), [400, 'BAD_VALUE']);
        assert.deepEqual(await code('POST', '/v1/callbacks', { agent_id: '1001', campaign_id: '1', customer_id: '100001', phone: '3005550001', due_at: at(30) }), [400, 'BAD_VALUE']);
        assert.deepEqual(await code('POST', '/v1/callbacks', { agent_id: '1001', customer_id: '100001', phone: '3005550001', due_at: at(30) }), [400, 'BAD_VALUE']);
        assert.deepEqual(await code('POST', '/v1/callbacks', { campaign_id: '1', phone: '3005550001', due_at: at(30) }), [400, 'BAD_VALUE']);
        assert.deepEqual(await code('POST', '/v1/callbacks', { campaign_id: '1', customer_id: '100001', phone: '3005550001', due_at: at(30), type: 'manual' }), [400, 'BAD_VALUE']);
        assert.deepEqual(await code('POST', '/v1/callbacks', { agent_id: '1001', phone: 'call me', due_at: at(30) }), [400, 'BAD_VALUE']);
        assert.deepEqual(await code('POST', '/v1/callbacks', { agent_id: '9999', phone: '3005550001', due_at: at(30) }), [404, 'AGENT_NOT_FOUND']);
        assert.deepEqual(await code('POST', '/v1/callbacks', { campaign_id: '9', customer_id: '100001', phone: '3005550001', due_at: at(30) }), [404, 'CAMPAIGN_NOT_FOUND']);
        assert.deepEqual(await code('POST', '/v1/callbacks', { campaign_id: '1', customer_id: 'nobody', phone: '3005550001', due_at: at(30) }), [404, 'RECORD_NOT_FOUND']);
        assert.deepEqual(await code('POST', '/v1/callbacks', { campaign_id: '2', customer_id: '200001', phone: '3005550001', due_at: at(30) }), [409, 'CAMPAIGN_CONFLICT']);
        assert.equal((await v1(p, 'GET', '/v1/callbacks')).json.data.length, 1, 'no refusal scheduled anything');

        // Another operation's token sees none of this operation's callbacks.
        const now = new Date(p.clock.now());
        await db(p).insertInto('operations').values({ id: '0002', name: 'Other', time_zone: 'America/Mexico_City', created_at: now }).execute();
        await db(p).insertInto('api_tokens').values({ operation_id: '0002', hash: hashToken('other-token'), description: 'other', daily_limit: null, created_at: now }).execute();
        const other = { authorization: 'Bearer other-token' };
        assert.deepEqual(await code('GET', `/v1/callbacks/${cb.id}`, undefined, other), [404, 'CALLBACK_NOT_FOUND']);
        assert.deepEqual(await code('PATCH', `/v1/callbacks/${cb.id}`, { due_at: at(40) }, other), [404, 'CALLBACK_NOT_FOUND']);
        assert.deepEqual(await code('POST', `/v1/callbacks/${cb.id}/cancel`, undefined, other), [404, 'CALLBACK_NOT_FOUND']);
        assert.deepEqual((await v1(p, 'GET', '/v1/callbacks', undefined, other)).json, { data: [], next_cursor: null });
        assert.deepEqual(await code('GET', '/v1/callbacks', undefined, {}), [401, 'TOKEN_MISSING']);
        assert.deepEqual(await code('POST', `/v1/callbacks/${cb.id}/cancel`, undefined, { authorization: 'Bearer wrong' }), [403, 'TOKEN_INVALID']);
        const untouched = (await v1(p, 'GET', `/v1/callbacks/${cb.id}`)).json;
        assert.deepEqual([untouched.status, untouched.due_at], ['pending', at(30)]);
      } finally {
        await p.close();
      }
    });
  });
}
