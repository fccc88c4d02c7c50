// campaign.php through the real app, on both stores: every api's success and its refusals.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { START, testPacer, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

type Answer = { status: number; json: Record<string, unknown> };

/** A success: numeric code equal to the HTTP status, error null, the exact message. */
function ok(r: Answer, code: number, msg?: string): void {
  assert.equal(r.status, code, JSON.stringify(r.json));
  assert.equal(r.json.code, code);
  assert.equal(r.json.error, null);
  if (msg !== undefined) assert.equal(r.json.msg, msg);
}

/** A refusal: the envelope with a numeric code equal to the status, and a message matching. */
function refused(r: Answer, code: number, msg: string | RegExp): void {
  assert.equal(r.status, code, JSON.stringify(r.json));
  assert.deepEqual(Object.keys(r.json), ['code', 'error', 'msg']);
  assert.equal(r.json.code, code);
  assert.equal(typeof r.json.error, 'string');
  if (typeof msg === 'string') assert.equal(r.json.msg, msg);
  else assert.match(String(r.json.msg), msg);
}

const db = (p: TestPacer) => p.pacer.database.db;
const record = (p: TestPacer, campaignId: number, customerId: string) =>
  db(p).selectFrom('records').selectAll().where('campaign_id', '=', String(campaignId)).where('customer_id', '=', customerId).executeTakeFirst();
const callbacks = (p: TestPacer) => db(p).selectFrom('callbacks').selectAll().orderBy('id').execute();

/** A finished or live attempt of a campaign record, written as the dialer would. */
async function attempt(p: TestPacer, id: string, fields: { campaignId?: number; customerId?: string; result?: string | null; state?: string; placedAt?: number; agentId?: string | null }) {
  const placed = fields.placedAt ?? START - 3600_000;
  const ended = fields.state === undefined || fields.state === 'ended';
  await db(p).insertInto('calls').values({
    id, operation_id: '0001', agent_id: fields.agentId ?? null, campaign_id: fields.campaignId ?? 1,
    customer_id: fields.customerId ?? '100001', customer_name: 'Customer', phone: '3001000000', origin: 'campaign',
    state: fields.state ?? 'ended', result: fields.result ?? null, parent_call_id: null, placed_at: new Date(placed),
    answered_at: fields.result === 'answer' ? new Date(placed + 5000) : null, connected_at: null,
    ended_at: ended ? new Date(placed + 60_000) : null, cod_act: null, cod_act_2: null, comments: null, disposed_at: null,
  }).execute();
}

async function withPacer(kind: 'pglite' | 'postgres', body: (p: TestPacer) => Promise<void>, env?: Record<string, string>) {
  const p = await testPacer(kind, env ? { env } : {});
  try {
    await body(p);
  } finally {
    await p.close();
  }
}

for (const { kind, skip } of await storeKinds()) {
  describe(`campaign on ${kind}`, { skip }, () => {
    test('create_campaign: 201 with the new per-operation id; fields stored', () => withPacer(kind, async (p) => {
      const r = await p.campaign('POST', 'create_campaign', { type_campaign: 'predictive' }, {
        campaign_name: 'Renewals', campaign_description: 'March renewals', start_time: '080000', end_time: '20260302190000',
        skill_id: '7', opt1: 'Plan', opt2: 'Due', enable_edition: 'yes',
      });
      ok(r, 201, 'Campaign has been created');
      assert.deepEqual(r.json.data, { id_campaing: '3', name_campaing: 'Renewals' });
      const row = await db(p).selectFrom('campaigns').selectAll().where('id', '=', '3').executeTakeFirstOrThrow();
      assert.equal(row.type, 'predictive');
      assert.equal(row.status, 'stopped');
      assert.equal(row.start_time, '08:00:00');
      assert.equal(row.end_time, '19:00:00');
      assert.equal(row.skill_id, 7);
      assert.equal(row.enable_edition, true);
      assert.deepEqual(row.opt_titles, { opt1: 'Plan', opt2: 'Due' });
      // Sent as text/plain, as some wolkvox samples do.
      const plain = await p.campaign('POST', 'create_campaign', { type_campaign: 'preview' }, JSON.stringify({ campaign_name: 'Plain' }), { 'content-type': 'text/plain' });
      ok(plain, 201);
      assert.deepEqual(plain.json.data, { id_campaing: '4', name_campaing: 'Plain' });
    }));

    test('create_campaign refusals: type, name, times, method', () => withPacer(kind, async (p) => {
      refused(await p.campaign('POST', 'create_campaign', {}, { campaign_name: 'X' }), 400, 'SOME PARAMETERS ARE REQUIRED: type_campaign');
      refused(await p.campaign('POST', 'create_campaign', { type_campaign: 'robot' }, { campaign_name: 'X' }), 400, /^SOME PARAMETERS ARE REQUIRED: type_campaign \(expected one of predictive, preview\)/);
      refused(await p.campaign('POST', 'create_campaign', { type_campaign: 'preview' }, {}), 400, 'SOME PARAMETERS ARE REQUIRED: campaign_name');
      refused(await p.campaign('POST', 'create_campaign', { type_campaign: 'preview' }), 400, 'SOME PARAMETERS ARE REQUIRED: campaign_name');
      refused(await p.campaign('POST', 'create_campaign', { type_campaign: 'preview' }, { campaign_name: 'X', start_time: '25:00:00' }), 400, /^SOME PARAMETERS ARE REQUIRED: start_time/);
      refused(await p.campaign('POST', 'create_campaign', { type_campaign: 'preview' }, { campaign_name: 'X', start_time: '18:00:00', end_time: '08:00:00' }), 400, /^SOME PARAMETERS ARE REQUIRED: end_time/);
      refused(await p.campaign('POST', 'create_campaign', { type_campaign: 'preview' }, { campaign_name: 'X', enable_edition: 'maybe' }), 400, /^SOME PARAMETERS ARE REQUIRED: enable_edition/);
      refused(await p.campaign('PUT', 'create_campaign', { type_campaign: 'preview' }, { campaign_name: 'X' }), 405, 'api=create_campaign must be called with POST');
    }));

    test('add_record: adds, updates existing customer_id, rejects bad rows with index and reason', () => withPacer(kind, async (p) => {
      const r = await p.campaign('POST', 'add_record', { type_campaign: 'predictive', campaign_id: '1', campaign_status: 'stopped' }, [
        { customer_id: 'A-1', customer_name: 'Ana', customer_last_name: 'Díaz', tel1: '3005550001', tel3: 3005550003, opt1: 'gold', email: 'ana@example.com' },
        { customer_id: 100001, customer_name: 'Updated', tel1: '3009990000' },
        { customer_name: 'No id', tel1: '3005550002' },
        { customer_id: 'A-2', tel1: '12' },
        { customer_id: 'A-3', customer_name: 'No phone' },
        { customer_id: 'A-4', tel1: '3005550004', recall_date: '20260230100000' },
        { customer_id: 'A-1', tel1: '3005550005' },
        42,
        { customer_id: 'A-5', tel1: '3005550006', customer_name: 'x'.repeat(100_000) },
        { customer_id: 'A-6', tel1: '3005550007', recall_date: '20260303090000', recall_telephone: '3005550008' },
      ]);
      ok(r, 201, '2 records were added, 1 updated and 7 rejected');
      const data = r.json.data as { total_sent: number; total_added: number; total_updated: number; total_rejected: number; rejected: { index: number; customer_id: string | null; reason: string }[] };
      assert.equal(data.total_sent, 10);
      assert.equal(data.total_added, 2);
      assert.equal(data.total_updated, 1);
      assert.equal(data.total_rejected, 7);
      assert.deepEqual(data.rejected.map((x) => [x.index, x.customer_id]), [[2, null], [3, 'A-2'], [4, 'A-3'], [5, 'A-4'], [6, 'A-1'], [7, null], [8, 'A-5']]);
      assert.equal(data.rejected[0]?.reason, 'customer_id is required');
      assert.match(data.rejected[1]?.reason ?? '', /tel1 must be a phone number/);
      assert.match(data.rejected[2]?.reason ?? '', /at least one of tel1/);
      assert.match(data.rejected[3]?.reason ?? '', /recall_date must be a real YYYYmmddHHiiss time/);
      assert.equal(data.rejected[4]?.reason, 'customer_id A-1 repeats row 0 of this request');
      assert.equal(data.rejected[5]?.reason, 'a record must be a JSON object');
      assert.match(data.rejected[6]?.reason ?? '', /customer_name must be text of at most 200 characters/);
      const ana = await record(p, 1, 'A-1');
      assert.deepEqual(ana?.phones, ['3005550001', '3005550003']);
      assert.equal(ana?.data.opt1, 'gold');
      assert.equal(ana?.data.customer_last_name, 'Díaz');
      const updated = await record(p, 1, '100001');
      assert.equal(updated?.data.customer_name, 'Updated');
      assert.deepEqual(updated?.phones, ['3009990000']);
      // A recall_date given at load time is a campaign callback.
      const cbs = await callbacks(p);
      assert.equal(cbs.length, 1);
      assert.equal(cbs[0]?.customer_id, 'A-6');
      assert.equal(cbs[0]?.phone, '3005550008');
      assert.equal(cbs[0]?.agent_id, null);
      assert.equal(cbs[0]?.due_at.toISOString(), '2026-03-03T14:00:00.000Z');
    }));

    test('add_record refusals: not an array, empty, all rejected, 10,001 records, unknown campaign, wrong type', () => withPacer(kind, async (p) => {
      refused(await p.campaign('POST', 'add_record', { campaign_id: '1' }, { customer_id: '1', tel1: '3001112222' }), 400, /^SOME PARAMETERS ARE REQUIRED: records \(expected a JSON array/);
      refused(await p.campaign('POST', 'add_record', { campaign_id: '1' }), 400, /^SOME PARAMETERS ARE REQUIRED: records/);
      refused(await p.campaign('POST', 'add_record', { campaign_id: '1' }, []), 400, /^SOME PARAMETERS ARE REQUIRED: records/);
      refused(await p.campaign('POST', 'add_record', { campaign_id: '1' }, [{ tel1: '3001112222' }]), 400, 'No record was added: all 1 rows were rejected; row 0: customer_id is required');
      const many = Array.from({ length: 10_001 }, (_, i) => ({ customer_id: `M${i}`, tel1: '3001112222' }));
      refused(await p.campaign('POST', 'add_record', { campaign_id: '1' }, many), 413, 'add_record takes at most 10000 records per call; this request has 10001');
      refused(await p.campaign('POST', 'add_record', { campaign_id: '99' }, [{ customer_id: '1', tel1: '3001112222' }]), 404, 'Campaign 99 does not exist');
      refused(await p.campaign('POST', 'add_record', { campaign_id: '2', type_campaign: 'predictive' }, [{ customer_id: '1', tel1: '3001112222' }]), 409, 'Campaign 2 is a preview campaign, not predictive');
      refused(await p.campaign('POST', 'add_record', { campaign_id: '2' }, [{ customer_id: '1', tel1: '3001112222', recall_date: '20260303090000' }]), 400, /recall_date is only for predictive campaigns/);
      refused(await p.campaign('POST', 'add_record', { campaign_id: 'abc' }, [{ customer_id: '1', tel1: '3001112222' }]), 400, /^SOME PARAMETERS ARE REQUIRED: campaign_id/);
      const count = await db(p).selectFrom('records').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 120);
    }));

    test('add_record takes 10,000 records in one call, recalls included', () => withPacer(kind, async (p) => {
      const many = Array.from({ length: 10_000 }, (_, i) => ({
        customer_id: `M${i}`, tel1: `300${String(i).padStart(7, '0')}`, opt1: 'bulk', ...(i % 2 === 0 ? { recall_date: '20260303090000' } : {}),
      }));
      const r = await p.campaign('POST', 'add_record', { campaign_id: '1' }, many);
      ok(r, 201, '10000 records were added, 0 updated and 0 rejected');
      assert.equal((await callbacks(p)).filter((c) => c.status === 'pending').length, 5000);
      // Loading the same list again updates every record and replaces each open callback.
      ok(await p.campaign('POST', 'add_record', { campaign_id: '1' }, many), 201, '0 records were added, 10000 updated and 0 rejected');
      const after = await callbacks(p);
      assert.equal(after.filter((c) => c.status === 'pending').length, 5000);
      assert.equal(after.filter((c) => c.status === 'cancelled').length, 5000);
    }));

    test('concurrent create_campaign calls get distinct ids', () => withPacer(kind, async (p) => {
      const created = await Promise.all(['A', 'B'].map((name) => p.campaign('POST', 'create_campaign', { type_campaign: 'predictive' }, { campaign_name: name })));
      for (const r of created) ok(r, 201);
      const ids = created.map((r) => (r.json.data as { id_campaing: string }).id_campaing).sort();
      assert.deepEqual(ids, ['3', '4']);
    }));

    test('start and stop: documented messages with code 202; repeating a state is 409', () => withPacer(kind, async (p) => {
      ok(await p.campaign('PUT', 'start', { type_campaign: 'predictive', campaign_id: '1' }), 202, 'The 1 campaign_id has been started successfully');
      const row = await db(p).selectFrom('campaigns').select('status').where('id', '=', '1').executeTakeFirstOrThrow();
      assert.equal(row.status, 'started');
      refused(await p.campaign('PUT', 'start', { campaign_id: '1' }), 409, 'Campaign 1 is already started');
      ok(await p.campaign('PUT', 'stop', { campaign_id: '1' }), 202, 'The 1 campaign_id has been stopped successfully');
      refused(await p.campaign('PUT', 'stop', { campaign_id: '1' }), 409, 'Campaign 1 is already stopped');
      refused(await p.campaign('PUT', 'start', { campaign_id: '77' }), 404, 'Campaign 77 does not exist');
      refused(await p.campaign('PUT', 'start', { campaign_id: '1', type_campaign: 'preview' }), 409, 'Campaign 1 is a predictive campaign, not preview');
      refused(await p.campaign('PUT', 'start', {}), 400, 'SOME PARAMETERS ARE REQUIRED: campaign_id');
      refused(await p.campaign('POST', 'start', { campaign_id: '1' }), 405, 'api=start must be called with PUT');
      const events = await db(p).selectFrom('events').select('type').where('campaign_id', '=', '1').orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.type), ['campaign.started', 'campaign.stopped']);
    }));

    test('speed: 0–100 as a string or a number; anything else is 400', () => withPacer(kind, async (p) => {
      ok(await p.campaign('PUT', 'speed', { campaign_id: '1' }, { speed: '100' }), 202, 'The speed of campaign_id 1 has been set to 100');
      ok(await p.campaign('PUT', 'speed', { campaign_id: '1' }, { speed: 35 }), 202);
      const row = await db(p).selectFrom('campaigns').select('speed').where('id', '=', '1').executeTakeFirstOrThrow();
      assert.equal(row.speed, 35);
      for (const speed of ['101', '-1', 'fast', 50.5, true, [], {}, null]) {
        refused(await p.campaign('PUT', 'speed', { campaign_id: '1' }, { speed }), 400, /^SOME PARAMETERS ARE REQUIRED: speed/);
      }
      refused(await p.campaign('PUT', 'speed', { campaign_id: '1' }), 400, 'SOME PARAMETERS ARE REQUIRED: speed');
      refused(await p.campaign('PUT', 'speed', { campaign_id: '9' }, { speed: '10' }), 404, 'Campaign 9 does not exist');
    }));

    test('recall: documented message; a durable campaign callback owned by no agent', () => withPacer(kind, async (p) => {
      const r = await p.campaign('PUT', 'recall', { type_campaign: 'predictive', campaign_id: '1' }, { recall_date: '20260302143000', recall_telephone: '3007654321', customer_id: '100005' });
      ok(r, 202, 'customer_id 100005 has been updated and will be call back on 20260302143000 to phone 3007654321');
      assert.deepEqual(Object.keys(r.json), ['code', 'error', 'msg']);
      const cbs = await callbacks(p);
      assert.equal(cbs.length, 1);
      const cb = cbs[0];
      assert.equal(String(cb?.campaign_id), '1');
      assert.equal(cb?.agent_id, null);
      assert.equal(cb?.customer_id, '100005');
      assert.equal(cb?.type_recall, 'auto');
      assert.equal(cb?.status, 'pending');
      assert.equal(cb?.phone, '3007654321');
      assert.equal(cb?.due_at.toISOString(), '2026-03-02T19:30:00.000Z');
      const rec = await record(p, 1, '100005');
      assert.equal(rec?.recall_date?.toISOString(), '2026-03-02T19:30:00.000Z');
      assert.equal(rec?.recall_telephone, '3007654321');
      // A second recall replaces the first: one open callback per record.
      ok(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { recall_date: 20260303080000, recall_telephone: 3007654321, customer_id: 100005 }), 202,
        'customer_id 100005 has been updated and will be call back on 20260303080000 to phone 3007654321');
      assert.deepEqual((await callbacks(p)).map((c) => c.status), ['cancelled', 'pending']);
    }));

    test('recall refusals: preview 409, unknown record 404, past / impossible / malformed date 400', () => withPacer(kind, async (p) => {
      const body = { recall_date: '20260302143000', recall_telephone: '3007654321', customer_id: '200001' };
      refused(await p.campaign('PUT', 'recall', { campaign_id: '2' }, body), 409, 'Campaign 2 is a preview campaign: recall works only for predictive campaigns');
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { ...body, customer_id: 'nobody' }), 404, 'customer_id nobody does not exist in campaign_id 1');
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { ...body, customer_id: '100001', recall_date: '20260302090000' }), 400, /^SOME PARAMETERS ARE REQUIRED: recall_date \(20260302090000 is not in the future/);
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { ...body, customer_id: '100001', recall_date: '20260230100000' }), 400, /^SOME PARAMETERS ARE REQUIRED: recall_date \(20260230100000 is not a real time in America\/Bogota\)/);
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { ...body, customer_id: '100001', recall_date: '2026-03-02' }), 400, /^SOME PARAMETERS ARE REQUIRED: recall_date/);
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { recall_date: '20260302143000', customer_id: '100001' }), 400, 'SOME PARAMETERS ARE REQUIRED: recall_telephone');
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, [body]), 400, /^SOME PARAMETERS ARE REQUIRED: body \(expected a JSON object/);
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, '{"recall_date": ', { 'content-type': 'application/json' }), 400, 'The request body is not valid JSON');
      refused(await p.campaign('PUT', 'recall', { campaign_id: '1' }, '{"recall_date": ', { 'content-type': 'text/plain' }), 400, 'The request body is not valid JSON');
      assert.equal((await callbacks(p)).length, 0);
    }));

    test('codify: closes the record and cancels its callback; codes must exist', () => withPacer(kind, async (p) => {
      ok(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { recall_date: '20260302143000', recall_telephone: '3007654321', customer_id: '100007' }), 202);
      ok(await p.campaign('PUT', 'codify', { type_campaign: 'predictive', campaign_id: '1' }, { cod_act: 'SALE', cod_act_2: 'NEW', comment: 'closed by CRM', customer_id: '100007' }), 202,
        'customer_id 100007 has been codified successfully');
      const rec = await record(p, 1, '100007');
      assert.equal(rec?.status, 'done');
      assert.equal(rec?.cod_act, 'SALE');
      assert.equal(rec?.cod_act_2, 'NEW');
      assert.equal(rec?.comment, 'closed by CRM');
      assert.deepEqual((await callbacks(p)).map((c) => c.status), ['cancelled']);
      refused(await p.campaign('PUT', 'codify', { campaign_id: '1' }, { cod_act: 'NOPE', customer_id: '100007' }), 404, 'Activity code NOPE does not exist in group 1');
      refused(await p.campaign('PUT', 'codify', { campaign_id: '1' }, { cod_act: 'SALE', cod_act_2: 'NOPE', customer_id: '100007' }), 404, 'Activity code NOPE does not exist in group 2');
      refused(await p.campaign('PUT', 'codify', { campaign_id: '1' }, { cod_act: 'SALE', customer_id: 'ghost' }), 404, 'customer_id ghost does not exist in campaign_id 1');
      refused(await p.campaign('PUT', 'codify', { campaign_id: '1' }, { customer_id: '100007' }), 400, 'SOME PARAMETERS ARE REQUIRED: cod_act');
      refused(await p.campaign('PUT', 'codify', { campaign_id: '1' }, { cod_act: { code: 'SALE' }, customer_id: '100007' }), 400, /^SOME PARAMETERS ARE REQUIRED: cod_act \(expected/);
      // Recall reopens a closed record.
      ok(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { recall_date: '20260302160000', recall_telephone: '3007654321', customer_id: '100007' }), 202);
      assert.equal((await record(p, 1, '100007'))?.status, 'fresh');
    }));

    test('remove_record: DELETE with a JSON body; attempts deleted except answered ones', () => withPacer(kind, async (p) => {
      await attempt(p, 'c-answer', { customerId: '100003', result: 'answer' });
      await attempt(p, 'c-noanswer', { customerId: '100003', result: 'no-answer' });
      await attempt(p, 'c-other', { customerId: '100004', result: 'busy' });
      ok(await p.campaign('DELETE', 'remove_record', { type_campaign: 'predictive', campaign_id: '1' }, { customer_id: '100003' }), 202,
        'customer_id 100003 has been deleted of campaign_id 1 successfully');
      assert.equal(await record(p, 1, '100003'), undefined);
      const calls = await db(p).selectFrom('calls').select('id').orderBy('id').execute();
      assert.deepEqual(calls.map((c) => c.id), ['c-answer', 'c-other']);
      refused(await p.campaign('DELETE', 'remove_record', { campaign_id: '1' }, { customer_id: '100003' }), 404, 'customer_id 100003 does not exist in campaign_id 1');
      refused(await p.campaign('DELETE', 'remove_record', { campaign_id: '1' }), 400, 'SOME PARAMETERS ARE REQUIRED: customer_id');
      await attempt(p, 'c-live', { customerId: '100008', state: 'ringing' });
      refused(await p.campaign('DELETE', 'remove_record', { campaign_id: '1' }, { customer_id: '100008' }), 409, 'customer_id 100008 is on a call: remove it when the call ends');
      refused(await p.campaign('PUT', 'remove_record', { campaign_id: '1' }, { customer_id: '100008' }), 405, 'api=remove_record must be called with DELETE');
    }));

    test('clear_campaign: all records, or by result; refused while started', () => withPacer(kind, async (p) => {
      await db(p).updateTable('records').set({ last_result: 'busy' }).where('campaign_id', '=', '1').where('customer_id', 'in', ['100001', '100002']).execute();
      ok(await p.campaign('DELETE', 'clear_campaign', { type_campaign: 'predictive', campaign_id: '1', result: 'busy' }), 202,
        'All records has been deleted of campaign_id 1 successfully');
      const left = await db(p).selectFrom('records').select('customer_id').where('campaign_id', '=', '1').execute();
      assert.equal(left.length, 98);
      refused(await p.campaign('DELETE', 'clear_campaign', { campaign_id: '1', result: 'maybe' }), 400, /^SOME PARAMETERS ARE REQUIRED: result \(expected one of answer, no-answer/);
      ok(await p.campaign('PUT', 'start', { campaign_id: '1' }), 202);
      refused(await p.campaign('DELETE', 'clear_campaign', { campaign_id: '1' }), 409, 'Campaign 1 is started: stop it before clearing its records');
      ok(await p.campaign('PUT', 'stop', { campaign_id: '1' }), 202);
      ok(await p.campaign('PUT', 'recall', { campaign_id: '1' }, { recall_date: '20260302143000', recall_telephone: '3007654321', customer_id: '100010' }), 202);
      ok(await p.campaign('DELETE', 'clear_campaign', { campaign_id: '1' }), 202, 'All records has been deleted of campaign_id 1 successfully');
      assert.equal((await db(p).selectFrom('records').select('customer_id').where('campaign_id', '=', '1').execute()).length, 0);
      assert.deepEqual((await callbacks(p)).map((c) => c.status), ['cancelled']);
      refused(await p.campaign('GET', 'clear_campaign', { campaign_id: '1' }), 405, 'api=clear_campaign must be called with DELETE');
    }));

    test('find_record: by customer_id or phone, in one campaign or all', () => withPacer(kind, async (p) => {
      const byId = await p.campaign('GET', 'find_record', { customer_id: '100002' });
      ok(byId, 200, '1 records were found');
      const [found] = byId.json.data as Record<string, unknown>[];
      assert.deepEqual(Object.keys(found ?? {}).slice(0, 4), ['customer_name', 'customer_last_name', 'customer_id', 'campaign_id']);
      assert.equal(found?.customer_name, 'Customer 100002');
      assert.equal(found?.campaign_id, '1');
      assert.equal(found?.status, 'fresh');
      const phone = String(found?.tel1);
      const byPhone = await p.campaign('GET', 'find_record', { customer_phone: phone });
      ok(byPhone, 200, '1 records were found');
      ok(await p.campaign('GET', 'find_record', { campaign_id: '1', customer_phone: phone, customer_id: '100002' }), 200);
      refused(await p.campaign('GET', 'find_record', { campaign_id: '2', customer_id: '100002' }), 404, 'No record with customer_id 100002 in campaign_id 2');
      refused(await p.campaign('GET', 'find_record', { customer_phone: '999999' }), 404, 'No record with phone 999999 in any campaign');
      refused(await p.campaign('GET', 'find_record', { campaign_id: '5', customer_id: '1' }), 404, 'Campaign 5 does not exist');
      refused(await p.campaign('GET', 'find_record', {}), 400, /^SOME PARAMETERS ARE REQUIRED: customer_id \(or customer_phone/);
      refused(await p.campaign('GET', 'find_record', { customer_phone: 'abc' }), 400, /^SOME PARAMETERS ARE REQUIRED: customer_phone/);
      refused(await p.campaign('POST', 'find_record', { customer_id: '1' }), 405, 'api=find_record must be called with GET');
    }));

    test('detail: attempts in the range, times on the operation clock; range rules', () => withPacer(kind, async (p) => {
      await attempt(p, 'd1', { customerId: '100001', result: 'answer', placedAt: Date.parse('2026-03-02T14:00:00Z'), agentId: '1001' });
      await attempt(p, 'd2', { customerId: '100002', result: 'no-answer', placedAt: Date.parse('2026-03-02T14:30:00Z') });
      await attempt(p, 'd3', { customerId: '100003', result: 'busy', placedAt: Date.parse('2026-02-20T14:30:00Z') });
      await attempt(p, 'd4', { campaignId: 2, customerId: '200001', result: 'answer', placedAt: Date.parse('2026-03-02T14:10:00Z') });
      const r = await p.campaign('GET', 'detail', { type_campaign: 'predictive', campaign_id: '1', date_ini: '20260302000000', date_end: '20260302235959' });
      ok(r, 200, '2 records were found');
      const rows = r.json.data as Record<string, unknown>[];
      assert.deepEqual(rows.map((x) => x.conn_id), ['d1', 'd2']);
      assert.deepEqual(rows[0], {
        conn_id: 'd1', campaign_id: '1', customer_id: '100001', customer_name: 'Customer', phone: '3001000000', result: 'answer',
        agent_id: '1001', date_placed: '2026-03-02 09:00:00', date_answered: '2026-03-02 09:00:05', date_ended: '2026-03-02 09:01:00',
        cod_act: null, cod_act_2: null, comments: null,
      });
      ok(await p.campaign('GET', 'detail', { campaign_id: '1', date_ini: '20260201000000', date_end: '20260304000000' }), 200, '3 records were found');
      refused(await p.campaign('GET', 'detail', { campaign_id: '1', date_ini: '20260101000000', date_end: '20260302000000' }), 400, /^SOME PARAMETERS ARE REQUIRED: date_end \(the range from date_ini may be at most 31 days\)/);
      refused(await p.campaign('GET', 'detail', { campaign_id: '1', date_ini: '20260302000000', date_end: '20260301000000' }), 400, /^SOME PARAMETERS ARE REQUIRED: date_end \(it is before date_ini\)/);
      refused(await p.campaign('GET', 'detail', { campaign_id: '1', date_ini: '20260230000000', date_end: '20260302000000' }), 400, /^SOME PARAMETERS ARE REQUIRED: date_ini \(20260230000000 is not a real time/);
      refused(await p.campaign('GET', 'detail', { campaign_id: '1', date_ini: '20260302000000' }), 400, 'SOME PARAMETERS ARE REQUIRED: date_end');
      refused(await p.campaign('GET', 'detail', { campaign_id: '3', date_ini: '20260302000000', date_end: '20260302235959' }), 404, 'Campaign 3 does not exist');
    }));

    test('delete_campaign: refused while started; ids of campaigns with history are not reused', () => withPacer(kind, async (p) => {
      ok(await p.campaign('PUT', 'start', { campaign_id: '2' }), 202);
      refused(await p.campaign('DELETE', 'delete_campaign', { campaign_id: '2' }), 409, 'Campaign 2 is started: stop it before deleting it');
      ok(await p.campaign('PUT', 'stop', { campaign_id: '2' }), 202);
      await attempt(p, 'old', { campaignId: 2, customerId: '200001', result: 'answer' });
      ok(await p.campaign('DELETE', 'delete_campaign', { type_campaign: 'preview', campaign_id: '2' }), 202, 'The 2 campaign_id has been deleted successfully');
      assert.equal((await db(p).selectFrom('records').select('customer_id').where('campaign_id', '=', '2').execute()).length, 0);
      refused(await p.campaign('PUT', 'start', { campaign_id: '2' }), 404, 'Campaign 2 does not exist');
      refused(await p.campaign('DELETE', 'delete_campaign', { campaign_id: '2' }), 404, 'Campaign 2 does not exist');
      const created = await p.campaign('POST', 'create_campaign', { type_campaign: 'preview' }, { campaign_name: 'Next' });
      assert.deepEqual(created.json.data, { id_campaing: '3', name_campaing: 'Next' });
    }));

    test('routing: unknown api 400, token 401/403, wrong method 405 on every api', () => withPacer(kind, async (p) => {
      refused(await p.campaign('GET', 'nope'), 400, 'THE API YOU WANT TO CONSULT DOES NOT EXIST');
      refused(await p.campaign('GET', '__proto__'), 400, 'THE API YOU WANT TO CONSULT DOES NOT EXIST');
      refused(await p.campaign('PUT', 'start', { campaign_id: '1' }, undefined, { 'wolkvox-token': '' }), 401, 'PLEASE ENTER THE WOLKVOX-TOKEN');
      refused(await p.campaign('PUT', 'start', { campaign_id: '1' }, undefined, { 'wolkvox-token': 'wrong' }), 403, 'PLEASE VALIDATE TOKEN');
      refused(await p.campaign('PUT', 'start', { campaign_id: '1' }, undefined, { wolkvox_server: '0002' }), 403, 'PLEASE VALIDATE TOKEN');
      const methods: Record<string, string> = {
        create_campaign: 'POST', add_record: 'POST', start: 'PUT', stop: 'PUT', speed: 'PUT', recall: 'PUT', codify: 'PUT',
        remove_record: 'DELETE', clear_campaign: 'DELETE', find_record: 'GET', detail: 'GET', delete_campaign: 'DELETE',
      };
      for (const [api, method] of Object.entries(methods)) {
        refused(await p.campaign('PATCH', api, { campaign_id: '1' }), 405, `api=${api} must be called with ${method}`);
      }
    }));

    test('campaign calls count against the daily quota; refusals and agentbox calls do not', () => withPacer(kind, async (p) => {
      // PACER_QUOTA_PER_LICENSE=1 and 2 licenses: 2 campaign calls a day.
      await db(p).updateTable('operations').set({ licenses: 2 }).where('id', '=', '0001').execute();
      refused(await p.campaign('PUT', 'start', { campaign_id: '99' }), 404, 'Campaign 99 does not exist');
      ok(await p.campaign('PUT', 'start', { campaign_id: '1' }), 202);
      ok(await p.campaign('GET', 'find_record', { customer_id: '100001' }), 200);
      refused(await p.campaign('PUT', 'stop', { campaign_id: '1' }), 403, 'TOKEN LIMIT EXCEEDED');
      assert.equal((await p.agentbox('change_status', { agent_id: '1001', status: 'ready' })).status, 200);
      // A new day in Bogota, a new quota.
      await p.clock.advance(24 * 3600_000);
      ok(await p.campaign('PUT', 'stop', { campaign_id: '1' }), 202);
    }, { PACER_QUOTA_PER_LICENSE: '1' }));

    test('bad input of every kind is a 4xx envelope, never a 500', () => withPacer(kind, async (p) => {
      const huge = 'x'.repeat(100_000);
      const cases: [string, string, Record<string, string>, unknown?, Record<string, string>?][] = [
        ['POST', 'create_campaign', { type_campaign: 'predictive' }, { campaign_name: huge }],
        ['POST', 'create_campaign', { type_campaign: 'predictive' }, { campaign_name: ['a'] }],
        ['POST', 'create_campaign', { type_campaign: 'predictive' }, { campaign_name: 'ok', skill_id: 'seven' }],
        ['POST', 'create_campaign', { type_campaign: 'predictive' }, 'campaign_name=x', { 'content-type': 'application/x-www-form-urlencoded' }],
        ['POST', 'add_record', { campaign_id: '1' }, { records: [] }],
        ['POST', 'add_record', { campaign_id: '1' }, '"just a string"', { 'content-type': 'application/json' }],
        ['POST', 'add_record', { campaign_id: '1' }, 'null', { 'content-type': 'application/json' }],
        ['POST', 'add_record', { campaign_id: '1'.repeat(40) }, [{ customer_id: '1', tel1: '3001112222' }]],
        ['PUT', 'speed', { campaign_id: '1' }, '{"speed": 1e400}', { 'content-type': 'application/json' }],
        ['PUT', 'recall', { campaign_id: '1' }, { recall_date: 20260302143000.5, recall_telephone: '300', customer_id: '100001' }],
        ['PUT', 'recall', { campaign_id: '1' }, { recall_date: '99999999999999', recall_telephone: '3001234567', customer_id: '100001' }],
        ['PUT', 'recall', { campaign_id: '1' }, { recall_date: '20260302143000', recall_telephone: huge, customer_id: '100001' }],
        ['PUT', 'codify', { campaign_id: '1' }, { cod_act: 'SALE', customer_id: huge }],
        ['DELETE', 'remove_record', { campaign_id: '1' }, 42],
        ['GET', 'detail', { campaign_id: '1', date_ini: huge, date_end: '20260302000000' }],
        ['GET', 'find_record', { customer_id: 'a b' }],
        ['PUT', 'start', { campaign_id: '-1' }],
      ];
      for (const [method, api, query, body, headers] of cases) {
        const r = await p.campaign(method as 'GET', api, query, body, headers);
        assert.ok(r.status >= 400 && r.status < 500, `${method} ${api}: ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
        assert.equal(r.json.code, r.status);
        assert.equal(typeof r.json.msg, 'string');
      }
    }));
  });
}
