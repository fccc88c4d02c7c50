// reports_manager.php, customer.php and /v1/reports on both stores, over a history the engine made
// on the virtual clock (no row written by hand): agent 1001's morning (ready, a call it talks on for
// 75 s and hangs, a busy call, lunch, logout), then a campaign of scripted records worked by agent
// 1002 and a preview record dialled by agent 1003. Every report is checked against that timeline or
// against the calls the engine stored: field names, formats (strings, HH:MM:SS, "NN.NN %", the
// operation's clock) and totals; then the range limit and bad dates.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { START, testPacer, TOKEN, type TestPacer } from './support/pacer.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { conf, done } from './support/wolkvox-files.ts';

after(stopSharedEmbedded);
const kinds = await storeKinds();

const DAY = { date_ini: '20260302000000', date_end: '20260302235959' };
const S = 1000;

type Row = Record<string, string>;
interface Answer { status: number; json: { code: unknown; error: unknown; msg: string; data: Row[] } }

async function report(p: TestPacer, file: string, api: string, query: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const url = `/api/v2/${file}.php?${new URLSearchParams({ api, ...query }).toString()}`;
  const r = await p.call({ method: method, url, headers: { 'wolkvox-token': TOKEN } });
  return { status: r.statusCode, json: r.json as unknown as Answer['json'] };
}

/** A list answer: 200, code a number 200, "N records were found", every value of every row a string. */
function rows(a: Answer, fields: readonly string[], code: number | string = 200): Row[] {
  assert.equal(a.status, 200, JSON.stringify(a.json));
  assert.equal(a.json.code, code);
  assert.equal(a.json.error, null);
  assert.equal(a.json.msg, `${a.json.data.length} records were found`);
  for (const row of a.json.data) {
    assert.deepEqual(Object.keys(row), [...fields]);
    for (const [k, v] of Object.entries(row)) assert.equal(typeof v, 'string', `${k} is a string`);
  }
  return a.json.data;
}

const agent8Fields = [
  'agent_name', 'agent_dni', 'agent_id', 'date', 'hour', 'calls', 'inbound', 'outbound', 'internal', 'ready_time', 'inbound_time', 'outbound_time',
  'acw_time', 'ring_time', 'login_time', 'aht', 'occupancy', 'aux_time',
];

async function agentbox(p: TestPacer, api: string, params: Record<string, string>) {
  const r = await p.agentbox(api, params);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json;
}

async function v1(p: TestPacer, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown) {
  const r = await p.call({ method, url, headers: { authorization: `Bearer ${TOKEN}` }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  assert.ok(r.statusCode < 300, `${method} ${url}: ${r.body}`);
  return r.json as Record<string, any>;
}

/** Advances the clock a second at a time until `done` (at most `limitS` seconds). */
async function until(p: TestPacer, done: () => Promise<boolean>, limitS = 900) {
  for (let s = 0; s < limitS; s++) {
    if (await done()) return;
    await p.clock.advance(S);
  }
  assert.fail('the awaited state never came');
}

const at = (p: TestPacer, ms: number) => p.clock.advanceTo(START + ms);
const callsOf = (p: TestPacer, campaignId: string) => p.pacer.database.db.selectFrom('calls').selectAll()
  .where('campaign_id', '=', campaignId).where('origin', '=', 'campaign').where('parent_call_id', 'is', null).orderBy('placed_at').execute();

for (const { kind, skip } of kinds) {
  describe(`reports on ${kind}`, { skip }, () => {
    let p: TestPacer;
    /** What real_time.php answered while agent 1001 talked (t0 + 60 s). */
    const live: Record<string, Answer> = {};
    let talkCall = '';
    let busyCall = '';
    let campaignId = '';

    before(async () => {
      p = await testPacer(kind);
      p.telephony.script('3009990001', { result: 'answer', ringS: 4, talkS: null });
      p.telephony.script('3009990002', { result: 'busy', ringS: 3 });
      // 10:00:00 agent 1001 logs in; 10:00:30 dials, answered 4 s later; talks 75 s and hangs.
      await agentbox(p, 'change_status', { agent_id: '1001', status: 'ready' });
      await at(p, 30 * S);
      talkCall = ((await agentbox(p, 'dial', { agent_id: '1001', customer_phone: '3009990001' })).data as { conn_id: string }).conn_id;
      await at(p, 60 * S);
      await agentbox(p, 'recall', { agent_id: '1001', customer_phone: '3009990001', date: '20260303090000', type_recall: 'manual' });
      for (const [file, api, q] of [['real_time', 'agents', {}], ['real_time', 'calls_last_10', {}], ['real_time', 'recall', { type: 'all' }], ['real_time', 'latency', {}]] as const) {
        live[api] = await report(p, file, api, q);
      }
      await at(p, (34 + 75) * S);
      await agentbox(p, 'hang', { agent_id: '1001' });
      // ACW 15 s (the operation's), ready at 10:02:04; 10:02:30 a busy call (3 s of ringing, then 15 s of ACW).
      await at(p, 150 * S);
      busyCall = ((await agentbox(p, 'dial', { agent_id: '1001', customer_phone: '3009990002' })).data as { conn_id: string }).conn_id;
      // 10:03:20 lunch for a minute, then logout.
      await at(p, 200 * S);
      await agentbox(p, 'change_status', { agent_id: '1001', status: '2' });
      await at(p, 260 * S);
      await agentbox(p, 'change_status', { agent_id: '1001', status: 'logout' });

      // 11:00 a campaign of eight scripted records on skill 7, worked by agent 1002.
      await at(p, 3600 * S);
      await v1(p, 'PUT', '/v1/skills/7', { name: 'Sales' });
      // The codes agent 1002 gives its call: SALE flagged hit (wolkvox face), NEW flagged rpc (native face).
      done(await conf(p, 'PUT', 'edit_cod_act', { type_code: 'cod_act1', cod_act: 'SALE', hit: 'yes' }), '201', 'Successfully updated code');
      assert.deepEqual(await v1(p, 'PUT', '/v1/activity-codes/2/NEW', { name: 'New customer', flags: ['rpc'] }), { group: 2, code: 'NEW', name: 'New customer', flags: ['rpc'] });
      await v1(p, 'PUT', '/v1/agents/1002/skills', { skills: [7] });
      const created = await v1(p, 'POST', '/v1/campaigns', { type: 'predictive', name: 'Reports', skill_id: 7 });
      campaignId = String(created.id);
      const phone = (i: number) => `30077700${String(i).padStart(2, '0')}`;
      const behaviour = ['answer', 'busy', 'no-answer', 'answer', 'answer-machine', 'answer', 'failed', 'answer'] as const;
      behaviour.forEach((result, i) => p.telephony.script(phone(i), result === 'answer' ? { result, ringS: 2, talkS: 20 } : { result, ringS: result === 'no-answer' ? 25 : 3 }));
      await v1(p, 'POST', `/v1/campaigns/${campaignId}/records`, { records: behaviour.map((_, i) => ({ customer_id: `R${i}`, customer_name: `Rec ${i}`, tel1: phone(i), opt1: `o${i}` })) });
      await agentbox(p, 'change_status', { agent_id: '1002', status: 'ready' });
      await v1(p, 'PATCH', `/v1/campaigns/${campaignId}`, { status: 'started' });
      let typed = false;
      await until(p, async () => {
        const calls = await callsOf(p, campaignId);
        const connected = calls.find((c) => c.connected_at !== null && c.state === 'ended');
        if (connected && !typed) {
          await agentbox(p, 'type', { agent_id: '1002', cod_act: 'SALE', cod_act_2: 'NEW' });
          typed = true;
        }
        return new Set(calls.map((c) => c.customer_id)).size === behaviour.length && calls.every((c) => c.state === 'ended');
      });
      await v1(p, 'PATCH', `/v1/campaigns/${campaignId}`, { status: 'stopped' });
      await p.clock.advance(60 * S);

      // 12:00 agent 1003 previews a record of the demo's preview campaign and dials it.
      await at(p, 7200 * S);
      p.telephony.script('3001000500', { result: 'answer', ringS: 2, talkS: 30 });
      await v1(p, 'PATCH', '/v1/campaigns/2', { status: 'started' });
      await agentbox(p, 'change_status', { agent_id: '1003', status: 'ready' });
      const offer = await v1(p, 'POST', '/v1/agents/1003/preview');
      await v1(p, 'POST', '/v1/agents/1003/preview/dial', { campaign_id: '2', customer_id: String(offer.next.record.customer_id) });
      await p.clock.advance(60 * S);
    });
    after(async () => p?.close());

    test('agent_1: agent 1001\'s morning, its times by state, AHT and occupancy by the recorded formula', async () => {
      const data = rows(await report(p, 'reports_manager', 'agent_1', { ...DAY, agent_id: '1001' }), [
        'agent_id', 'agent_dni', 'agent_name', 'calls', 'inbound', 'outbound', 'internal', 'ready_time', 'inbound_time', 'outbound_time', 'acw_time',
        'ring_time', 'login_time', 'aht', 'occupancy', 'aux_time', 'hits', 'rpc', 'aht_outbund', 'aht_inbound', 'login', 'logout',
      ]);
      // ready 30 + 26 + 32, ringing 4 + 3, talking 75, ACW 15 + 15, lunch 60: logged in 260 s.
      assert.deepEqual(data, [{
        agent_id: '1001', agent_dni: '', agent_name: 'Agent 1001', calls: '1', inbound: '0', outbound: '1', internal: '0', ready_time: '00:01:28',
        inbound_time: '00:00:00', outbound_time: '00:01:15', acw_time: '00:00:30', ring_time: '00:00:07', login_time: '00:04:20', aht: '00:01:45',
        // (inbound_time + outbound_time + acw_time) / (login_time − aux_time) = 105 / 200
        occupancy: '52.50 %', aux_time: '00:01:00', hits: '0', rpc: '0', aht_outbund: '00:01:45', aht_inbound: '00:00:00',
        login: '2026-03-02 10:00:00', logout: '2026-03-02 10:04:20',
      }]);
      const all = rows(await report(p, 'reports_manager', 'agent_1', DAY), Object.keys(data[0] ?? {}));
      assert.deepEqual(all.map((r) => r.agent_id), ['1001', '1002', '1003'], 'every agent logged in that day, in id order');
      // The document number set on the native face is every agent report's agent_dni.
      await v1(p, 'PATCH', '/v1/agents/1003', { dni: '1020304050' });
      assert.deepEqual(rows(await report(p, 'reports_manager', 'agent_1', DAY), Object.keys(data[0] ?? {})).map((r) => r.agent_dni), ['', '', '1020304050']);
      assert.deepEqual(rows(await report(p, 'reports_manager', 'agent_7', { ...DAY, agent_id: '1003' }), ['agent_name', 'agent_id', 'agent_dni', 'date', 'login', 'logout', 'login_time']).map((r) => r.agent_dni), ['1020304050']);
      await v1(p, 'PATCH', '/v1/agents/1003', { dni: '' });
      // Agent 1002 disposed one call SALE (flagged hit) and NEW (flagged rpc).
      assert.deepEqual(all.map((r) => [r.agent_id, r.calls, r.hits, r.rpc]), [['1001', '1', '0', '0'], ['1002', '4', '1', '1'], ['1003', '1', '0', '0']]);
      // 1001's morning (10:00–10:04:20) lies in an hour closed before now (12:01): it was read from the
      // hour's sums, computed from its changes (migration 0026), and gave the figures above.
      const summed = await p.pacer.database.db.selectFrom('agent_state_hours').select(['hour', 'n']).where('agent_id', '=', '1001').execute();
      assert.deepEqual([...new Set(summed.map((h) => h.hour.toISOString()))], ['2026-03-02T15:00:00.000Z']);
      assert.equal(summed.reduce((n, h) => n + h.n, 0), 10, 'its ten changes, summed per (state left, state entered)');
      // Housekeeping sums every hour closed (by ten minutes) since: the answer is the same.
      await p.pacer.engine.background.housekeeping.runNow();
      const window = await p.pacer.database.db.selectFrom('agent_state_rollup').select(['hi']).executeTakeFirstOrThrow();
      assert.equal(window.hi.getTime(), Math.floor((p.clock.now() - 600_000) / 3600_000) * 3600_000);
      assert.deepEqual(rows(await report(p, 'reports_manager', 'agent_1', DAY), Object.keys(data[0] ?? {})), all);
      // A range that ends inside the call cuts it there (10:00:00 … 10:01:00 inclusive).
      const cut = rows(await report(p, 'reports_manager', 'agent_1', { date_ini: '20260302100000', date_end: '20260302100059', agent_id: '1001' }), Object.keys(data[0] ?? {}));
      assert.deepEqual([cut[0]?.ready_time, cut[0]?.ring_time, cut[0]?.outbound_time, cut[0]?.login_time, cut[0]?.logout], ['00:00:30', '00:00:04', '00:00:26', '00:01:00', '-']);
    });

    test('agent_2 and agent_14: each stretch in a state, with its call', async () => {
      const fields = ['agent_id', 'agent_status', 'time', 'date_ini', 'date_end', 'conn_id', 'type_interaction', 'destiny', 'telephone', 'campaign_id'];
      const data = rows(await report(p, 'reports_manager', 'agent_2', { ...DAY, agent_id: '1001' }), fields);
      assert.deepEqual(data.map((r) => [r.agent_status, r.time, r.conn_id]), [
        ['READY', '00:00:30', ''], ['RING', '00:00:04', talkCall], ['TALK', '00:01:15', talkCall], ['ACW', '00:00:15', talkCall], ['READY', '00:00:26', ''],
        ['RING', '00:00:03', busyCall], ['ACW', '00:00:15', busyCall], ['READY', '00:00:32', ''], ['Lunch', '00:01:00', ''],
      ]);
      assert.deepEqual([data[2]?.date_ini, data[2]?.date_end, data[2]?.type_interaction, data[2]?.destiny], ['2026-03-02 10:00:34', '2026-03-02 10:01:49', 'outbound_ma', '3009990001']);
      assert.equal((await report(p, 'reports_manager', 'agent_2', DAY)).status, 400, 'agent_2 needs agent_id');
      const every = rows(await report(p, 'reports_manager', 'agent_14', DAY), [...fields.map((f) => (f === 'destiny' ? 'destinity' : f)), 'agent_dni', 'agent_name']);
      assert.deepEqual(every.filter((r) => r.agent_id === '1001').map((r) => r.agent_status), ['Ready', 'Ring', 'Talk', 'ACW', 'Ready', 'Ring', 'ACW', 'Ready', 'Lunch']);
      assert.ok(every.some((r) => r.agent_id === '1002' && r.agent_status === 'Talk' && r.campaign_id === campaignId && r.type_interaction === 'out_pre'));
    });

    test('agent_3, agent_7: auxiliary time and sessions', async () => {
      assert.deepEqual(rows(await report(p, 'reports_manager', 'agent_3', { ...DAY, agent_id: '1001' }), ['agent_id', 'agent_dni', 'agent_name', 'aux_state', 'time']),
        [{ agent_id: '1001', agent_dni: '', agent_name: 'Agent 1001', aux_state: 'Lunch', time: '00:01:00' }]);
      const sessions = rows(await report(p, 'reports_manager', 'agent_7', DAY), ['agent_name', 'agent_id', 'agent_dni', 'date', 'login', 'logout', 'login_time']);
      assert.deepEqual(sessions[0], { agent_name: 'Agent 1001', agent_id: '1001', agent_dni: '', date: '2026-03-02', login: '2026-03-02 10:00:00', logout: '2026-03-02 10:04:20', login_time: '00:04:20' });
      const open = sessions.find((s) => s.agent_id === '1002');
      assert.equal(open?.logout, '-', 'still logged in');
    });

    test('agent_8, agent_8_1, customer agents_statustime: per hour and half hour on the operation\'s clock', async () => {
      const hourly = rows(await report(p, 'reports_manager', 'agent_8', { ...DAY, agent_id: '1001' }), agent8Fields);
      assert.deepEqual(hourly.map((r) => [r.date, r.hour, r.login_time, r.outbound_time, r.occupancy]), [['2026-03-02', '10:00', '00:04:20', '00:01:15', '52.50 %']]);
      // Agent 1002 logged in at 11:00 and still is: one row per hour up to the end of the day asked.
      const halves = rows(await report(p, 'reports_manager', 'agent_8_1', { date_ini: '20260302110000', date_end: '20260302115959', agent_id: '1002' }), agent8Fields);
      assert.deepEqual(halves.map((r) => [r.hour, r.login_time]), [['11:00', '00:30:00'], ['11:30', '00:30:00']]);
      // Half hours cut the summed hours: the changes themselves are read, and say the same.
      const morning = rows(await report(p, 'reports_manager', 'agent_8_1', { ...DAY, agent_id: '1001' }), agent8Fields);
      assert.deepEqual(morning.map((r) => [r.hour, r.login_time, r.outbound_time, r.aux_time]), [['10:00', '00:04:20', '00:01:15', '00:01:00']]);
      // From 11:30 agent 1002 was already logged in: its state then is the last it entered before.
      const late = rows(await report(p, 'reports_manager', 'agent_1', { date_ini: '20260302113000', date_end: '20260302115959', agent_id: '1002' }), [
        'agent_id', 'agent_dni', 'agent_name', 'calls', 'inbound', 'outbound', 'internal', 'ready_time', 'inbound_time', 'outbound_time', 'acw_time',
        'ring_time', 'login_time', 'aht', 'occupancy', 'aux_time', 'hits', 'rpc', 'aht_outbund', 'aht_inbound', 'login', 'logout',
      ]);
      assert.deepEqual([late[0]?.login_time, late[0]?.login, late[0]?.logout], ['00:30:00', '-', '-']);
      const status = rows(await report(p, 'customer', 'agents_statustime', { date_ini: '20260302100000', date_end: '20260302105959' }), [
        'operation', 'date', 'hour', 'agent_id', 'agent_dni', 'agent_name', 'calls', 'calls_inbound', 'calls_outbound', 'calls_internal',
        'ready_time', 'inbound_time', 'outbound_time', 'acw_time', 'ring_time', 'login_time', 'aht', 'occupancy', 'aux_time',
      ]);
      assert.deepEqual(status.map((r) => [r.operation, r.hour, r.agent_id, r.calls, r.calls_outbound, r.aht]), [['Demo operation', '10:00', '1001', '1', '1', '00:01:45']]);
    });

    test('cdr_1, cdr_5, cdr_6: calls talked on and not, against the calls the engine stored', async () => {
      const cdr1 = rows(await report(p, 'reports_manager', 'cdr_1', DAY), [
        'agent_name', 'date', 'destiny', 'telephone', 'cost', 'time_seg', 'time_min', 'cod_act', 'description_cod_act', 'cod_act_2', 'description_cod_act_2',
        'type_interaction', 'customer_id', 'hang_up', 'campaign_id', 'conn_id', 'skill_id', 'skill_name', 'agent_id', 'comment',
      ]);
      const first = cdr1.find((r) => r.conn_id === talkCall);
      assert.deepEqual(first && [first.agent_id, first.date, first.telephone, first.time_seg, first.time_min, first.hang_up, first.type_interaction],
        ['1001', '2026-03-02 10:00:30', '3009990001', '75', '2', 'agent', 'outbound_ma']);
      const stored = await p.pacer.database.db.selectFrom('calls').selectAll().execute();
      assert.deepEqual(cdr1.map((r) => r.conn_id).sort(), stored.filter((c) => c.connected_at !== null).map((c) => c.id).sort());
      const sale = cdr1.find((r) => r.cod_act === 'SALE');
      assert.deepEqual(sale && [sale.description_cod_act, sale.cod_act_2, sale.description_cod_act_2, sale.hang_up, sale.skill_id, sale.skill_name, sale.time_seg, sale.type_interaction],
        ['Sale', 'NEW', 'New customer', 'customer', '7', 'Sales', '20', 'out_pre']);

      const cdr5 = rows(await report(p, 'reports_manager', 'cdr_5', DAY), [
        'agent_name', 'date', 'destiny', 'telephone', 'ring_time', 'result', 'type_interaction', 'customer_id', 'campaign_id', 'agent_id', 'conn_id',
      ]);
      const busy = cdr5.find((r) => r.conn_id === busyCall);
      assert.deepEqual(busy && [busy.agent_id, busy.result, busy.ring_time, busy.type_interaction], ['1001', 'Busy', '3', 'outbound_ma']);
      const unconnected = stored.filter((c) => c.connected_at === null);
      assert.equal(cdr5.length, unconnected.length);
      const cdr6 = rows(await report(p, 'reports_manager', 'cdr_6', DAY), ['result', 'count']);
      assert.equal(cdr6.reduce((n, r) => n + Number(r.count), 0), unconnected.length);
      assert.equal(cdr6.find((r) => r.result === 'Busy')?.count, String(unconnected.filter((c) => c.result === 'busy').length));
    });

    test('campaign_1 … campaign_4: the campaign\'s attempts and records, counted as the engine stored them', async () => {
      const attempts = await callsOf(p, campaignId);
      const q = { ...DAY, campaign_id: campaignId };
      const c4 = rows(await report(p, 'reports_manager', 'campaign_4', q), ['result', 'records', 'percent']);
      const byResult = new Map<string, number>();
      for (const c of attempts) byResult.set(c.result ?? 'in-progress', (byResult.get(c.result ?? 'in-progress') ?? 0) + 1);
      assert.deepEqual(new Map(c4.map((r) => [r.result, Number(r.records)])), byResult);
      const answered = byResult.get('answer') ?? 0;
      assert.equal(c4.find((r) => r.result === 'answer')?.percent, `${(100 * answered / attempts.length).toFixed(2)} %`);

      const last = new Map<string, (typeof attempts)[number]>();
      for (const c of attempts) last.set(c.customer_id ?? '', c);
      const c1 = rows(await report(p, 'reports_manager', 'campaign_1', q), ['result', 'records', 'percent']);
      assert.equal(c1.reduce((n, r) => n + Number(r.records), 0), 8, 'one per record tried');
      assert.equal(c1.find((r) => r.result === 'busy')?.records, String([...last.values()].filter((c) => c.result === 'busy').length));
      const c2 = rows(await report(p, 'reports_manager', 'campaign_2', q), ['cod_act', 'records', 'percent']);
      assert.deepEqual(c2.map((r) => [r.cod_act, r.records]), [['', '7'], ['SALE', '1']]);

      const c3 = rows(await report(p, 'reports_manager', 'campaign_3', { ...DAY, campaign_id: 'all' }), [
        'campaign_id', 'customer_name', 'customer_last_name', 'id_type', 'customer_id', 'date', 'telephone', 'result',
        ...Array.from({ length: 12 }, (_, i) => `opt${i + 1}`), 'conn_id',
      ]);
      const mine = c3.filter((r) => r.campaign_id === campaignId);
      assert.deepEqual(mine.map((r) => r.conn_id), attempts.map((c) => c.id));
      assert.deepEqual(mine.map((r) => r.result), attempts.map((c) => (c.result ?? '').toUpperCase()));
      const n = (mine[0]?.customer_id ?? '').slice(1);
      assert.deepEqual([mine[0]?.customer_name, mine[0]?.opt1], [`Rec ${n}`, `o${n}`]);
      assert.equal((await report(p, 'reports_manager', 'campaign_1', { ...DAY, campaign_id: '99' })).status, 404);
    });

    test('campaign_5: the preview record shown and its call', async () => {
      const c5 = rows(await report(p, 'reports_manager', 'campaign_5', { ...DAY, campaign_id: '2' }), [
        'type_of_row', 'campaign_id', 'customer_name', 'customer_last_name', 'result', 'last_code_act', 'comments_customer_reg', 'customer_id', 'agent_id',
        'conn_id', 'telephone', 'hang_up', 'type_interaction', 'call_result', 'date', 'time', 'cod_act', 'comments',
      ]);
      assert.deepEqual(c5.map((r) => [r.type_of_row, r.agent_id, r.customer_id]), [['preview', '1003', '200001'], ['call', '1003', '200001']]);
      assert.deepEqual([c5[1]?.telephone, c5[1]?.type_interaction, c5[1]?.call_result, c5[1]?.time], ['3001000500', 'outbound_ma', 'answer', '00:00:30']);
    });

    test('real_time: agents, calls_last_10, recall and latency while agent 1001 talked; skills and campaigns after', async () => {
      const agents = rows(live.agents ?? assert.fail(), [
        'agent_id', 'agent_name', 'agent_status', 'calls', 'inbound', 'outbound', 'internal', 'time_state_now', 'ready_time', 'inbound_time',
        'outbound_time', 'acw_time', 'ring_time', 'aht_time', 'aux_time', 'login_time', 'ocupation',
      ]);
      assert.deepEqual(agents, [{
        agent_id: '1001', agent_name: 'Agent 1001', agent_status: 'Talk', calls: '1', inbound: '0', outbound: '1', internal: '0', time_state_now: '26',
        ready_time: '30', inbound_time: '0', outbound_time: '26', acw_time: '0', ring_time: '4', aht_time: '26', aux_time: '0',
        login_time: '2026-03-02 10:00:00', ocupation: '43.33 %',
      }]);
      assert.deepEqual(rows(live.calls_last_10 ?? assert.fail(), ['type_interaction', 'result', 'date', 'telephone', 'customer_id', 'conn_id']),
        [{ type_interaction: 'outbound_ma', result: '', date: '2026-03-02 10:00:30', telephone: '3009990001', customer_id: '', conn_id: talkCall }]);
      assert.deepEqual(rows(live.recall ?? assert.fail(), ['type_recall', 'date_recall', 'phone_number', 'id_campaing', 'id_agent'], '200'),
        [{ type_recall: 'manual', date_recall: '2026-03-03 09:00:00', phone_number: '3009990001', id_campaing: '', id_agent: '1001' }]);
      const latency = live.latency ?? assert.fail();
      assert.equal(latency.json.code, 200);
      const [one] = latency.json.data as unknown as { by_agent: Row[]; by_ip: Row[]; by_pbx: Row[] }[];
      assert.deepEqual([one?.by_agent.map((a) => [a.agent_id, a.agent_status, a.latency_ms]), one?.by_ip, one?.by_pbx], [[['1001', 'disconnected', '']], [], []]);

      const skills = rows(await report(p, 'real_time', 'skills', { skill_id: '7', services_time: '45' }), [
        'skill_id', 'skill_name', 'calls_in_queue_now', 'stat_inbound', 'stat_answer', 'stat_abandon', 'service_level_10seg', 'service_level_20seg',
        'service_level_30seg', 'service_level_45seg', 'by_abandon',
      ]);
      const attempts = await callsOf(p, campaignId);
      const live2 = attempts.filter((c) => c.answered_at !== null && c.result !== 'answer-machine');
      assert.deepEqual([skills[0]?.skill_name, skills[0]?.stat_inbound, skills[0]?.stat_answer], ['Sales', String(live2.length), String(live2.filter((c) => c.connected_at !== null).length)]);
      assert.equal((await report(p, 'real_time', 'skills', { skill_id: '99' })).status, 404);
      assert.equal((await report(p, 'real_time', 'skills')).status, 400, 'skill_id is required');
      const campaigns = rows(await report(p, 'real_time', 'campaigns'), [
        'campaign', 'speed', 'status', 'skill_id', 'records', 'clean', 'dial', 'answer', 'no_answer', 'busy/congestion/failed', 'answer_machine',
        'penetration_day', 'penetration_now', 'hits', 'calls_x_min', 'recycled',
      ]);
      const c = campaigns.find((r) => (r.campaign ?? '').startsWith(`${campaignId} - Reports - `));
      assert.deepEqual(c && [c.campaign, c.records, c.clean, c.dial, c.status, c.skill_id, c.penetration_now, c.hits],
        [`${campaignId} - Reports - 100.00%`, '8', '0', String(attempts.length), 'stopped', '7', '100.00 %', '1'], 'hits: the call typed SALE (flagged hit)');
      assert.ok(campaigns.filter((r) => r !== c).every((r) => r.hits === '0'));
    });

    test('the native face: the same figures as typed JSON', async () => {
      const from = '2026-03-02T00:00:00-05:00';
      const to = '2026-03-03T00:00:00-05:00';
      const time = await v1(p, 'GET', `/v1/reports/agent-time?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&agent_id=1001`);
      assert.deepEqual(time.rows.map((r: any) => [r.agent_id, r.calls, r.ready_s, r.ringing_s, r.talking_s, r.acw_s, r.aux_s, r.logged_in_s, r.handle_avg_s, r.occupancy, r.aux, r.first_login]),
        [['1001', 1, 88, 7, 75, 30, 60, 260, 105, 0.525, [{ aux_id: 2, name: 'Lunch', s: 60 }], '2026-03-02T10:00:00-05:00']]);
      const coded = await v1(p, 'GET', `/v1/reports/agent-time?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&agent_id=1002`);
      assert.deepEqual(coded.rows.map((r: any) => [r.agent_id, r.hits, r.rpc]), [['1002', 1, 1]]);
      const calls = await v1(p, 'GET', `/v1/reports/calls?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&connected=true&agent_id=1001`);
      assert.deepEqual(calls.calls.map((c: any) => [c.id, c.talk_s, c.ended_by, c.result]), [[talkCall, 75, 'agent', 'answer']]);
      const live = await v1(p, 'GET', '/v1/real-time/agents');
      assert.deepEqual(live.agents.map((a: any) => [a.agent_id, a.state, a.login_at]),
        [['1002', 'ready', '2026-03-02T11:00:00-05:00'], ['1003', 'ready', '2026-03-02T12:00:00-05:00']]);
      assert.equal(live.agents[1]?.today.calls, 1);
      const wide = await p.call({ method: 'GET', url: `/v1/reports/agent-time?from=${encodeURIComponent(from)}&to=2026-04-10T00:00:00-05:00`, headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(wide.statusCode, 400);
    });

    test('the range: at most 31 days, real dates, both required', async () => {
      const refused = async (query: Record<string, string>, msg: string) => {
        const a = await report(p, 'reports_manager', 'agent_1', query);
        assert.equal(a.status, 400);
        assert.deepEqual(a.json, { code: 400, error: 'BAD REQUEST', msg });
      };
      await refused({ date_ini: '20260301000000', date_end: '20260401000000' }, 'SOME PARAMETERS ARE REQUIRED: date_end (a report covers at most 31 days)');
      await refused({ date_ini: '20260302000000', date_end: '20260301000000' }, 'SOME PARAMETERS ARE REQUIRED: date_end (the end of the range must come after its start)');
      await refused({ date_ini: '2026030200', date_end: '20260302235959' }, 'SOME PARAMETERS ARE REQUIRED: date_ini (expected a date as YYYYmmddHHiiss)');
      await refused({ date_ini: '20260230000000', date_end: '20260302235959' }, 'SOME PARAMETERS ARE REQUIRED: date_ini (20260230000000 is not a real time in America/Bogota)');
      await refused({ date_end: '20260302235959' }, 'SOME PARAMETERS ARE REQUIRED: date_ini');
      // 31 days exactly (date_end included to its last second) is allowed; a second more is not.
      assert.equal((await report(p, 'reports_manager', 'cdr_1', { date_ini: '20260201000000', date_end: '20260303235959' })).status, 200);
      assert.equal((await report(p, 'reports_manager', 'cdr_1', { date_ini: '20260201000000', date_end: '20260304000000' })).status, 400);
      assert.equal((await report(p, 'reports_manager', 'agent_99', DAY)).status, 400);
      assert.equal((await report(p, 'reports_manager', 'agent_1', DAY, 'POST')).status, 405);
      assert.equal((await p.call({ method: 'GET', url: '/api/v2/real_time.php?api=agents' })).statusCode, 401);
    });
  });
}
