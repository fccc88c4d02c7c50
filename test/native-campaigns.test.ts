// /v1/campaigns and /v1/records through the real app, on both stores: create, list, get, change,
// delete; bulk record loads with rejected rows; search by campaign, customer, phone and status with
// cursors; search by name; refusals and isolation between operations.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { hashToken } from '../src/engine/gate.ts';
import { db } from './support/campaign.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const auth = { authorization: `Bearer ${TOKEN}` };
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

async function v1(p: TestPacer, method: Method, url: string, body?: unknown, headers: Record<string, string> = auth) {
  const r = await p.call({ method, url, headers, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  return { status: r.statusCode, json: r.json as Record<string, any> };
}

async function withPacer(kind: Parameters<typeof testPacer>[0], work: (p: TestPacer) => Promise<void>) {
  const p = await testPacer(kind);
  try {
    await work(p);
  } finally {
    await p.close();
  }
}

for (const { kind, skip } of await storeKinds()) {
  describe(`native campaigns and records on ${kind}`, { skip }, () => {
    test('campaigns: create, list with filters and cursors, get, change, delete', () => withPacer(kind, async (p) => {
      const created = await v1(p, 'POST', '/v1/campaigns', {
        type: 'predictive', name: 'Renewals', start_time: '07:30', end_time: '19:00:00', skill_id: 4, opt_titles: { opt1: 'Plan' },
      });
      assert.equal(created.status, 201);
      const colombia = { mon: ['07:00-19:00'], tue: ['07:00-19:00'], wed: ['07:00-19:00'], thu: ['07:00-19:00'], fri: ['07:00-19:00'], sat: ['08:00-15:00'], sun: [], holidays: 'CO' };
      assert.deepEqual(created.json, {
        id: '3', name: 'Renewals', description: '', type: 'predictive', dial_mode: 'predictive', status: 'stopped', speed: 50,
        skill_id: 4, start_time: '07:30:00', end_time: '19:00:00', enable_edition: false, opt_titles: { opt1: 'Plan' },
        calling_schedule: colombia, one_contact_per_day: false,
      });
      const custom = await v1(p, 'POST', '/v1/campaigns', {
        type: 'predictive', name: 'Evenings', calling_schedule: { mon: ['09:00-12:00', '14:00-18:00'], holidays: 'none' }, one_contact_per_day: true,
      });
      assert.deepEqual([custom.json.calling_schedule, custom.json.one_contact_per_day],
        [{ mon: ['09:00-12:00', '14:00-18:00'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], holidays: 'none' }, true]);
      const reopened = await v1(p, 'PATCH', `/v1/campaigns/${custom.json.id}`, { calling_schedule: colombia, one_contact_per_day: false });
      assert.deepEqual([reopened.json.calling_schedule, reopened.json.one_contact_per_day], [colombia, false]);
      assert.equal((await v1(p, 'DELETE', `/v1/campaigns/${custom.json.id}`)).status, 204);

      const first = await v1(p, 'GET', '/v1/campaigns?limit=2');
      assert.deepEqual(first.json.data.map((c: { id: string }) => c.id), ['1', '2']);
      assert.equal(first.json.next_cursor, '2');
      const rest = await v1(p, 'GET', `/v1/campaigns?limit=2&cursor=${first.json.next_cursor}`);
      assert.deepEqual([rest.json.data.map((c: { id: string }) => c.id), rest.json.next_cursor], [['3'], null]);
      const previews = await v1(p, 'GET', '/v1/campaigns?type=preview');
      assert.deepEqual(previews.json.data.map((c: { id: string }) => c.id), ['2']);

      const changed = await v1(p, 'PATCH', '/v1/campaigns/3', { speed: 80, status: 'started' });
      assert.deepEqual([changed.status, changed.json.speed, changed.json.status], [200, 80, 'started']);
      // The state it already has is no change (and no 409, unlike campaign.php start).
      const again = await v1(p, 'PATCH', '/v1/campaigns/3', { status: 'started' });
      assert.equal(again.status, 200);
      const started = await v1(p, 'GET', '/v1/campaigns?status=started');
      assert.deepEqual(started.json.data.map((c: { id: string }) => c.id), ['3']);
      const events = await db(p).selectFrom('events').select('type').where('campaign_id', '=', '3').orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.type), ['campaign.created', 'campaign.speed', 'campaign.started']);
      const compliance = await db(p).selectFrom('events').select('type').where('campaign_id', '=', '4').orderBy('id').execute();
      assert.deepEqual(compliance.map((e) => e.type), ['campaign.created', 'campaign.compliance', 'campaign.deleted']);

      const busy = await v1(p, 'DELETE', '/v1/campaigns/3');
      assert.deepEqual([busy.status, busy.json.error.code], [409, 'CAMPAIGN_CONFLICT']);
      await v1(p, 'PATCH', '/v1/campaigns/3', { status: 'stopped' });
      assert.equal((await v1(p, 'DELETE', '/v1/campaigns/3')).status, 204);
      const gone = await v1(p, 'GET', '/v1/campaigns/3');
      assert.deepEqual([gone.status, gone.json.error.code], [404, 'CAMPAIGN_NOT_FOUND']);
    }));

    test('campaigns: bad input is a 400 with the catalogue body', () => withPacer(kind, async (p) => {
      const bad = [
        { type: 'robocall', name: 'x' },
        { type: 'predictive', name: '' },
        { type: 'predictive', name: 'x', start_time: '25:00' },
        { type: 'predictive', name: 'x', opt_titles: { opt13: 'no' } },
        { type: 'predictive', name: 'x', colour: 'red' },
      ];
      for (const body of bad) {
        const r = await v1(p, 'POST', '/v1/campaigns', body);
        assert.deepEqual([r.status, r.json.error.code], [400, 'BAD_VALUE'], JSON.stringify(body));
      }
      const window = await v1(p, 'POST', '/v1/campaigns', { type: 'predictive', name: 'x', start_time: '19:00', end_time: '07:00' });
      assert.equal(window.status, 400);
      const schedules = [
        { mon: ['07:00-19:00'] },
        { mon: ['19:00-07:00'], holidays: 'CO' },
        { mon: ['08:00-12:00', '11:00-13:00'], holidays: 'CO' },
        { mon: ['7-19'], holidays: 'CO' },
        { monday: ['07:00-19:00'], holidays: 'CO' },
        { mon: ['07:00-19:00'], holidays: 'US' },
      ];
      for (const calling_schedule of schedules) {
        const r = await v1(p, 'POST', '/v1/campaigns', { type: 'predictive', name: 'x', calling_schedule });
        assert.deepEqual([r.status, r.json.error?.code], [400, 'BAD_VALUE'], JSON.stringify(calling_schedule));
      }
      const overlap = await v1(p, 'PATCH', '/v1/campaigns/1', { calling_schedule: { mon: ['08:00-12:00', '11:00-13:00'], holidays: 'CO' } });
      assert.match(overlap.json.error.message, /calling_schedule: mon: intervals must be in order and must not overlap/);
      assert.equal((await v1(p, 'PATCH', '/v1/campaigns/1', {})).status, 400);
      assert.equal((await v1(p, 'PATCH', '/v1/campaigns/1', { speed: 101 })).status, 400);
      assert.equal((await v1(p, 'PATCH', '/v1/campaigns/99', { speed: 10 })).status, 404);
      assert.equal((await v1(p, 'GET', '/v1/campaigns?cursor=abc')).status, 400);
    }));

    test('records: bulk load reports rejected rows by index; search by campaign, phone, customer and status', () => withPacer(kind, async (p) => {
      const loaded = await v1(p, 'POST', '/v1/campaigns/1/records', {
        records: [
          { customer_id: 'A-1', customer_name: 'Ana', tel1: '3001110000', tel2: '6015550000' },
          { customer_id: 'A-2', tel1: 'not a phone' },
          { customer_id: 'A-3', tel1: 3002220000, opt1: 'gold' },
          { customer_id: '100001', customer_name: 'Updated', tel1: '3009990000' },
        ],
      });
      assert.equal(loaded.status, 200);
      assert.deepEqual(loaded.json, { added: 2, updated: 1, rejected: [{ index: 1, customer_id: 'A-2', reason: 'tel1 must be a phone number of 3 to 20 digits' }] });

      const byPhone = await v1(p, 'GET', '/v1/records?phone=6015550000');
      assert.deepEqual(byPhone.json.data, [{
        campaign_id: '1', customer_id: 'A-1', data: { customer_name: 'Ana', tel1: '3001110000', tel2: '6015550000' }, phones: ['3001110000', '6015550000'],
        status: 'fresh', attempts: 0, last_result: null, next_attempt_at: null, time_zone: 'America/Bogota', recall_date: null, recall_telephone: null, cod_act: null, cod_act_2: null, comment: null,
      }]);
      // By name: contains, in any case, in customer_name or customer_last_name; % and _ are themselves.
      const byName = async (name: string) => (await v1(p, 'GET', `/v1/records?name=${encodeURIComponent(name)}`)).json.data.map((r: { customer_id: string }) => r.customer_id);
      assert.deepEqual(await byName('upDATED'), ['100001']);
      assert.deepEqual(await byName('an'), ['A-1']);
      assert.deepEqual(await byName('%'), []);
      assert.equal((await v1(p, 'POST', '/v1/campaigns/1/records', { records: [{ customer_id: 'A-4', customer_name: 'Luz', customer_last_name: 'Ortiz_100%', tel1: '3004440000' }] })).status, 200);
      assert.deepEqual(await byName('luz ortiz'), ['A-4']);
      assert.deepEqual(await byName('z_100%'), ['A-4']);
      assert.equal((await v1(p, 'DELETE', '/v1/campaigns/1/records/A-4')).status, 204);
      const one = await v1(p, 'GET', '/v1/campaigns/1/records/100001');
      assert.equal(one.json.data.customer_name, 'Updated');

      // Campaign 1 holds 100001…100100 and A-1, A-3: pages of 40 walk all 102 in key order.
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pageNo = 0; pageNo < 10; pageNo++) {
        const page = await v1(p, 'GET', `/v1/records?campaign=1&limit=40${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        seen.push(...page.json.data.map((r: { customer_id: string }) => r.customer_id));
        cursor = page.json.next_cursor;
        if (cursor === null) break;
      }
      assert.equal(seen.length, 102);
      assert.deepEqual(seen.slice(-2), ['A-1', 'A-3']);
      assert.deepEqual([...seen].sort(), seen);

      const everywhere = await v1(p, 'GET', '/v1/records?customer_id=200005');
      assert.deepEqual(everywhere.json.data.map((r: { campaign_id: string }) => r.campaign_id), ['2']);
      await db(p).updateTable('records').set({ status: 'done' }).where('customer_id', '=', 'A-3').execute();
      const done = await v1(p, 'GET', '/v1/records?status=done');
      assert.deepEqual(done.json.data.map((r: { customer_id: string }) => r.customer_id), ['A-3']);

      assert.equal((await v1(p, 'DELETE', '/v1/campaigns/1/records/A-1')).status, 204);
      const removed = await v1(p, 'GET', '/v1/campaigns/1/records/A-1');
      assert.deepEqual([removed.status, removed.json.error.code], [404, 'RECORD_NOT_FOUND']);
      assert.equal((await v1(p, 'DELETE', '/v1/campaigns/1/records/A-1')).status, 404);
    }));

    test('records: refusals (all rows bad, too many, bad filters, unknown campaign)', () => withPacer(kind, async (p) => {
      const allBad = await v1(p, 'POST', '/v1/campaigns/1/records', { records: [{ customer_id: 'x' }] });
      assert.deepEqual([allBad.status, allBad.json.error.code], [400, 'BAD_VALUE']);
      assert.match(allBad.json.error.message, /row 0: at least one of tel1…tel10 is required/);
      const tooMany = await v1(p, 'POST', '/v1/campaigns/1/records', { records: Array.from({ length: 10_001 }, (_, i) => ({ customer_id: `c${i}`, tel1: '3001234567' })) });
      assert.equal(tooMany.status, 400);
      assert.equal((await v1(p, 'POST', '/v1/campaigns/1/records', { records: [] })).status, 400);
      assert.equal((await v1(p, 'POST', '/v1/campaigns/77/records', { records: [{ customer_id: 'x', tel1: '3001234567' }] })).status, 404);
      assert.equal((await v1(p, 'GET', '/v1/records?phone=12')).status, 400);
      assert.equal((await v1(p, 'GET', '/v1/records?cursor=nope')).status, 400);
      assert.equal((await v1(p, 'GET', '/v1/records?status=lost')).status, 400);
    }));

    test('another operation sees none of these campaigns or records', () => withPacer(kind, async (p) => {
      const now = new Date(p.clock.now());
      await db(p).insertInto('operations').values({ id: '0002', name: 'Other', time_zone: 'America/Mexico_City', created_at: now }).execute();
      await db(p).insertInto('api_tokens').values({ operation_id: '0002', hash: hashToken('other-token'), description: 'other', daily_limit: null, created_at: now }).execute();
      const other = { authorization: 'Bearer other-token' };
      assert.deepEqual((await v1(p, 'GET', '/v1/campaigns', undefined, other)).json, { data: [], next_cursor: null });
      assert.deepEqual((await v1(p, 'GET', '/v1/records?customer_id=100001', undefined, other)).json, { data: [], next_cursor: null });
      assert.equal((await v1(p, 'GET', '/v1/campaigns/1', undefined, other)).status, 404);
      assert.equal((await v1(p, 'PATCH', '/v1/campaigns/1', { status: 'started' }, other)).status, 404);
      assert.equal((await v1(p, 'DELETE', '/v1/campaigns/1/records/100001', undefined, other)).status, 404);
      assert.equal((await v1(p, 'GET', '/v1/campaigns', undefined, {})).status, 401);
    }));
  });
}
