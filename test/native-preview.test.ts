// Preview dialling through the real app on the virtual clock: an agent of a started preview
// campaign is shown its next record, held for it (no other agent is offered it, until the hold
// ends), dials it (an attempt of the record, connected to the agent, the record's result from the
// call) or skips it (set aside for an hour); a number the operation may not call is refused and the
// record closed; a campaign with a skill is worked by its agents only. An agent reads the record of
// its own call through GET /v1/calls/{id}/record, and not another agent's.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { START, testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function v1(p: TestPacer, method: Method, url: string, body?: unknown, token = TOKEN) {
  const r = await p.call({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  return { status: r.statusCode, json: r.json as Record<string, any>, body: r.body };
}

const db = (p: TestPacer) => p.pacer.database.db;
const record = (p: TestPacer, campaignId: string, customerId: string) =>
  db(p).selectFrom('records').selectAll().where('campaign_id', '=', campaignId).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
const events = (p: TestPacer, type: string) => db(p).selectFrom('events').selectAll().where('type', '=', type).orderBy('id').execute();
const minutes = (n: number) => n * 60_000;

async function ready(p: TestPacer, ...ids: string[]) {
  for (const id of ids) assert.equal((await v1(p, 'POST', `/v1/agents/${id}/status`, { status: 'ready' })).status, 200);
}

/** The demo's preview campaign (2: records 200001–200020, one phone each), started and open every hour of every day. */
async function startPreview(p: TestPacer) {
  const allDay = ['00:00-24:00'];
  const r = await v1(p, 'PATCH', '/v1/campaigns/2', {
    status: 'started', calling_schedule: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay, holidays: 'none' },
  });
  assert.equal(r.status, 200, r.body);
}

const preview = async (p: TestPacer, agentId: string, token = TOKEN) => {
  const r = await v1(p, 'POST', `/v1/agents/${agentId}/preview`, undefined, token);
  assert.equal(r.status, 200, r.body);
  return r.json as { campaigns: { id: string; name: string }[]; next: null | { campaign_id: string; record: { customer_id: string; data: Record<string, string> }; phone: string; held_until: string } };
};

for (const { kind, skip } of await storeKinds()) {
  describe(`preview dialling on ${kind}`, { skip }, () => {
    test('the next record is held for the agent; dial, skip, the hold\'s end, and the call\'s record', async () => {
      const p = await testPacer(kind);
      try {
        assert.deepEqual(await preview(p, '1001'), { campaigns: [], next: null }, 'a stopped preview campaign is no one\'s');
        await startPreview(p);
        assert.deepEqual(await preview(p, '1001'), { campaigns: [{ id: '2', name: 'Demo preview' }], next: null }, 'nothing is taken for an agent that is not ready');
        await ready(p, '1001', '1002');

        const first = await preview(p, '1001');
        assert.equal(first.next?.record.customer_id, '200001');
        assert.deepEqual([first.next.campaign_id, first.next.phone, first.next.record.data.customer_name], ['2', '3001000500', 'Customer 200001']);
        assert.equal(first.next.held_until, new Date(START + minutes(10)).toISOString());
        await p.clock.advance(minutes(5));
        const again = await preview(p, '1001');
        assert.equal(again.next?.record.customer_id, '200001', 'asking again answers the same record');
        assert.equal(again.next.held_until, new Date(START + minutes(15)).toISOString(), 'and renews its hold');
        assert.equal((await preview(p, '1002')).next?.record.customer_id, '200002', 'another agent is offered another record');

        const taken = await v1(p, 'POST', '/v1/agents/1002/preview/dial', { campaign_id: '2', customer_id: '200001' });
        assert.deepEqual([taken.status, taken.json.error.code], [409, 'CAMPAIGN_CONFLICT']);
        assert.match(taken.json.error.message, /held for agent 1001/);

        // Skip: set aside for an hour; the answer is the next record no one holds.
        const skipped = await v1(p, 'POST', '/v1/agents/1001/preview/skip', { campaign_id: '2', customer_id: '200001' });
        assert.equal(skipped.status, 200, skipped.body);
        assert.equal(skipped.json.next.record.customer_id, '200003');
        assert.deepEqual((await events(p, 'record.skipped')).map((e) => [e.agent_id, e.data.customer_id]), [['1001', '200001']]);
        assert.equal((await v1(p, 'POST', '/v1/agents/1002/preview/dial', { campaign_id: '2', customer_id: '200001' })).status, 409, 'a skipped record is set aside for everyone');

        // Dial: an attempt of the record, placed for the agent, connected when answered.
        const dialled = await v1(p, 'POST', '/v1/agents/1001/preview/dial', { campaign_id: '2', customer_id: '200003' });
        assert.equal(dialled.status, 200, dialled.body);
        const connId = String(dialled.json.conn_id);
        assert.equal(dialled.json.agent.call_id, connId);
        const call = (await v1(p, 'GET', `/v1/calls/${connId}`)).json;
        assert.deepEqual([call.origin, call.campaign_id, call.customer_id, call.customer_name, call.phone], ['campaign', '2', '200003', 'Customer 200003', '3001000502']);
        assert.deepEqual([(await record(p, '2', '200003')).status, (await record(p, '2', '200003')).attempts], ['dialing', 1]);
        assert.equal((await v1(p, 'POST', '/v1/agents/1001/preview/dial', { campaign_id: '2', customer_id: '200004' })).status, 409, 'not while on a call');
        await p.clock.advance(5000);
        assert.equal((await v1(p, 'GET', `/v1/calls/${connId}`)).json.state, 'connected');

        // The agent reads its own call's record; not another agent's; a manual dial has none.
        const agentToken = String((await v1(p, 'POST', '/v1/tokens', { description: 'agent 1001', role: 'agent', agent_id: '1001' })).json.token);
        const otherToken = String((await v1(p, 'POST', '/v1/tokens', { description: 'agent 1002', role: 'agent', agent_id: '1002' })).json.token);
        const mine = await v1(p, 'GET', `/v1/calls/${connId}/record`, undefined, agentToken);
        assert.equal(mine.status, 200, mine.body);
        assert.deepEqual([mine.json.campaign_id, mine.json.customer_id, mine.json.data.customer_last_name, mine.json.status], ['2', '200003', 'Demo', 'dialing']);
        const theirs = await v1(p, 'GET', `/v1/calls/${connId}/record`, undefined, otherToken);
        assert.deepEqual([theirs.status, theirs.json.error.code], [404, 'CALL_NOT_FOUND']);
        assert.equal((await v1(p, 'GET', '/v1/calls/nope/record', undefined, agentToken)).status, 404);
        assert.equal((await v1(p, 'POST', '/v1/agents/1003/status', { status: 'ready' })).status, 200);
        const manual = await v1(p, 'POST', '/v1/agents/1003/dial', { phone: '3005550100' });
        const none = await v1(p, 'GET', `/v1/calls/${String(manual.json.conn_id)}/record`);
        assert.deepEqual([none.status, none.json.error.code], [404, 'RECORD_NOT_FOUND']);
        // An agent acts on itself only.
        assert.equal((await v1(p, 'POST', '/v1/agents/1002/preview', undefined, agentToken)).status, 403);

        // The call's end is the record's result: answered, so done.
        assert.equal((await v1(p, 'POST', '/v1/agents/1001/hang')).status, 200);
        const closed = await record(p, '2', '200003');
        assert.deepEqual([closed.status, closed.last_result, closed.attempts], ['done', 'answer', 1]);

        // 1002's hold ends after ten minutes unasked: the record goes to whoever asks next.
        await p.clock.advance(minutes(11));
        await ready(p, '1004');
        assert.equal((await preview(p, '1004')).next?.record.customer_id, '200002');
        // An hour after the skip, 200001 comes back first (in load order).
        await p.clock.advance(minutes(60));
        await ready(p, '1005');
        assert.equal((await preview(p, '1005')).next?.record.customer_id, '200001');
      } finally {
        await p.close();
      }
    });

    test('a number the operation may not call closes the record; a campaign with a skill is its agents\' only', async () => {
      const p = await testPacer(kind);
      try {
        await startPreview(p);
        await ready(p, '1001');
        assert.equal((await v1(p, 'POST', '/v1/dnc', { phones: ['3001000500'] })).status, 201);
        const next = await preview(p, '1001');
        assert.equal(next.next?.record.customer_id, '200001');
        const refused = await v1(p, 'POST', '/v1/agents/1001/preview/dial', { campaign_id: '2', customer_id: '200001' });
        assert.deepEqual([refused.status, refused.json.error.code], [422, 'NUMBER_REFUSED']);
        const closed = await record(p, '2', '200001');
        assert.deepEqual([closed.status, closed.last_result], ['done', 'do-not-call']);
        assert.equal((await v1(p, 'GET', '/v1/agents/1001')).json.state, 'ready', 'no call was placed');
        assert.equal((await preview(p, '1001')).next?.record.customer_id, '200002', 'the next record is offered');

        // A preview campaign with a skill: only agents with that skill work it.
        assert.equal((await v1(p, 'PUT', '/v1/skills/7', { name: 'Premium' })).status, 200);
        const created = await v1(p, 'POST', '/v1/campaigns', { type: 'preview', name: 'Premium preview', skill_id: 7 });
        assert.equal(created.status, 201, created.body);
        const id = String(created.json.id);
        assert.equal((await v1(p, 'POST', `/v1/campaigns/${id}/records`, { records: [{ customer_id: 'P1', tel1: '3007770001', customer_name: 'Premium one' }] })).status, 200);
        assert.equal((await v1(p, 'PATCH', `/v1/campaigns/${id}`, { status: 'started' })).status, 200);
        assert.deepEqual((await preview(p, '1001')).campaigns.map((c) => c.id), ['2']);
        assert.equal((await v1(p, 'PUT', '/v1/agents/1002/skills', { skills: [7] })).status, 200);
        await ready(p, '1002');
        const premium = await preview(p, '1002');
        assert.deepEqual(premium.campaigns.map((c) => c.id), ['2', id]);
        const notTheirs = await v1(p, 'POST', '/v1/agents/1001/preview/dial', { campaign_id: id, customer_id: 'P1' });
        assert.deepEqual([notTheirs.status, notTheirs.json.error.code], [409, 'CAMPAIGN_CONFLICT']);
        assert.deepEqual((await v1(p, 'POST', '/v1/agents/1001/preview/dial', { campaign_id: '99', customer_id: 'P1' })).json.error.code, 'CAMPAIGN_NOT_FOUND');
        assert.deepEqual((await v1(p, 'POST', '/v1/agents/1001/preview/dial', { campaign_id: '2', customer_id: 'nobody' })).json.error.code, 'RECORD_NOT_FOUND');
      } finally {
        await p.close();
      }
    });
  });
}
