// GET /v1/campaigns/{id}/stats and the campaign.dialling event, through the real app on the
// virtual clock: every reason a campaign is not dialling, the figures of a short shift checked
// against the calls it made, the event announced once per change, 404 across operations and the
// agent role refused. The pure parts (reasons, local days and times) are checked on their own.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { campaignStatsRepo } from '../src/adapters/store/campaign-stats.ts';
import { notDialling, type ZoneNow } from '../src/domain/not-dialling.ts';
import { localIsoTime, startOfLocalDay } from '../src/domain/local-time.ts';
import { progressive } from '../src/domain/pacing/strategy.ts';
import type { CampaignStats } from '../packages/client/src/index.ts';
import { virtualClock } from '../src/engine/virtual-clock.ts';
import { START, testPacer, TOKEN, type TestPacer } from './support/pacer.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';

after(stopSharedEmbedded);
// Known before any suite is declared: a suite declared after an await would start once the runner
// thinks the file is done, after the hook that stops the embedded database.
const kinds = await storeKinds();

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const ADMIN = 'admin-token-for-stats-tests';

async function v1(p: TestPacer, method: Method, url: string, body?: unknown, token = TOKEN) {
  const r = await p.call({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  return { status: r.statusCode, body: r.body, json: r.json as Record<string, any> };
}

async function stats(p: TestPacer, campaignId: string): Promise<CampaignStats> {
  const r = await v1(p, 'GET', `/v1/campaigns/${campaignId}/stats`);
  assert.equal(r.status, 200, r.body);
  return r.json as unknown as CampaignStats;
}

const reasons = (s: CampaignStats) => s.not_dialling?.map((r) => r.reason) ?? null;

async function status(p: TestPacer, agentId: string, to: 'ready' | 'logout' | number) {
  const r = await v1(p, 'POST', `/v1/agents/${agentId}/status`, { status: to });
  assert.equal(r.status, 200, r.body);
}

/** A campaign of its own (the demo has 1 and 2), with these records (`customer_id` → phone). */
async function campaignWith(p: TestPacer, records: Record<string, string>): Promise<string> {
  const created = await v1(p, 'POST', '/v1/campaigns', { type: 'predictive', name: 'Stats' });
  assert.equal(created.status, 201, created.body);
  const id = String(created.json.id);
  const rows = Object.entries(records).map(([customer_id, tel1]) => ({ customer_id, tel1 }));
  if (rows.length > 0) assert.equal((await v1(p, 'POST', `/v1/campaigns/${id}/records`, { records: rows })).status, 200);
  return id;
}

async function dialling(p: TestPacer, campaignId: string) {
  const r = await v1(p, 'GET', `/v1/events?type=campaign.dialling&campaign=${campaignId}&limit=500`);
  assert.equal(r.status, 200, r.body);
  return (r.json.data as { at: string; data: { not_dialling: { reason: string; opens_at?: string | null }[] | null } }[])
    .map((e) => ({ at: e.at, reasons: e.data.not_dialling?.map((x) => x.reason) ?? null, data: e.data }));
}

/** The calls the dialer placed for the campaign, in order. */
const campaignCalls = (p: TestPacer, campaignId: string) => p.pacer.database.db.selectFrom('calls').selectAll()
  .where('campaign_id', '=', campaignId).where('process_id', 'is not', null).orderBy('placed_at').execute();

/** Advances the clock a second at a time until `done` (at most `limitS` seconds). */
async function until(p: TestPacer, done: () => Promise<boolean>, limitS = 600) {
  for (let s = 0; s < limitS; s++) {
    if (await done()) return;
    await p.clock.advance(1000);
  }
  assert.fail('the awaited state never came');
}

describe('why a campaign is not dialling (pure)', () => {
  const zone = (z: Partial<ZoneNow>): ZoneNow => ({ open: true, opensAt: null, pending: true, due: true, ...z });
  const started = { status: 'started' as const, agentsAvailable: 1 };

  test('dialling: started, an agent, a record due in an open zone', () => {
    assert.equal(notDialling({ ...started, zones: [zone({})] }), null);
    assert.equal(notDialling({ ...started, zones: [zone({ open: false, opensAt: 5 }), zone({})] }), null, 'one open zone with a due record is enough');
  });

  test('each reason, in the order of the enumeration', () => {
    assert.deepEqual(notDialling({ ...started, status: 'stopped', zones: [zone({})] }), [{ reason: 'stopped' }]);
    assert.deepEqual(notDialling({ ...started, zones: [zone({ open: false, opensAt: 9 }), zone({ open: false, opensAt: 7 }), zone({ open: false, opensAt: 1, pending: false, due: false })] }),
      [{ reason: 'outside_schedule', opensAt: 7 }], 'the earliest opening of a zone that holds pending records');
    assert.deepEqual(notDialling({ ...started, agentsAvailable: 0, zones: [zone({})] }), [{ reason: 'no_agent_ready' }]);
    assert.deepEqual(notDialling({ ...started, zones: [] }), [{ reason: 'no_records' }]);
    assert.deepEqual(notDialling({ ...started, zones: [zone({ due: false }), zone({ open: false, opensAt: 3 })] }), [{ reason: 'no_records' }],
      'records wait for their retry where the window is open: no records now, not outside the schedule');
    assert.deepEqual(notDialling({ ...started, zones: [zone({}), zone({ open: false })], trunk: { configured: false, atLimit: false } }), [{ reason: 'no_trunk' }]);
    assert.deepEqual(notDialling({ ...started, zones: [zone({})], trunk: { configured: true, atLimit: true } }), [{ reason: 'trunk_at_limit' }]);
    assert.deepEqual(notDialling({ status: 'stopped', agentsAvailable: 0, zones: [zone({ open: false, opensAt: 2 })], trunk: { configured: false, atLimit: false } }),
      [{ reason: 'stopped' }, { reason: 'outside_schedule', opensAt: 2 }, { reason: 'no_agent_ready' }, { reason: 'no_trunk' }]);
  });

  test('today starts at local midnight, or where a DST change skips it; times carry their zone\'s offset', () => {
    assert.equal(new Date(startOfLocalDay(START, 'America/Bogota')).toISOString(), '2026-03-02T05:00:00.000Z');
    assert.equal(new Date(startOfLocalDay(Date.parse('2026-03-02T03:00:00Z'), 'America/Bogota')).toISOString(), '2026-03-01T05:00:00.000Z', '22:00 is still yesterday');
    // Chile springs forward at midnight: 6 September 2026 begins at 01:00 (-03:00).
    assert.equal(localIsoTime(startOfLocalDay(Date.parse('2026-09-06T15:00:00Z'), 'America/Santiago'), 'America/Santiago'), '2026-09-06T01:00:00-03:00');
    assert.equal(localIsoTime(START, 'America/Bogota'), '2026-03-02T10:00:00-05:00');
    assert.equal(localIsoTime(START + 999, 'Asia/Kolkata'), '2026-03-02T20:30:00+05:30');
    assert.equal(localIsoTime(START, 'UTC'), '2026-03-02T15:00:00+00:00');
  });
});

for (const { kind, skip } of kinds) {
  describe(`campaign stats on ${kind}`, { skip }, () => {
    test('each reason it is not dialling, from the API, until it dials', async () => {
      const p = await testPacer(kind);
      try {
        // The demo's campaign 1: stopped, 100 records never tried, nobody logged in (Monday 10:00).
        let s = await stats(p, '1');
        assert.deepEqual([s.status, s.time_zone, s.at, s.campaign_id], ['stopped', 'America/Bogota', '2026-03-02T10:00:00-05:00', '1']);
        assert.deepEqual(s.not_dialling, [{ reason: 'stopped' }, { reason: 'no_agent_ready' }]);
        assert.deepEqual([s.records, s.agents, s.pacing, s.lines_in_flight], [{ dialable_now: 100, pending: 100, capped: false }, { ready: 0, available: 0 }, null, 0]);
        // Each kind of pending record is counted up to a cap, the same whatever the size of the campaign.
        const capped = await campaignStatsRepo(p.pacer.database.db).records('0001', '1', p.clock.now(), 40);
        assert.deepEqual(capped, [{ timeZone: 'America/Bogota', pending: 40, due: 40, capped: true }]);
        assert.equal(s.abandon_target, 0.015, 'speed 50: half the 3 % ceiling');
        await status(p, '1001', 'ready');
        assert.deepEqual(reasons(await stats(p, '1')), ['stopped']);

        // The schedule opens at 10:30 today.
        const closed = { mon: ['10:30-18:00'], holidays: 'none' };
        assert.equal((await v1(p, 'PATCH', '/v1/campaigns/1', { calling_schedule: closed })).status, 200);
        s = await stats(p, '1');
        assert.deepEqual(s.not_dialling, [{ reason: 'stopped' }, { reason: 'outside_schedule', opens_at: '2026-03-02T10:30:00-05:00' }]);
        assert.deepEqual(s.records, { dialable_now: 0, pending: 100, capped: false });

        // A campaign without records.
        const empty = await campaignWith(p, {});
        assert.deepEqual(reasons(await stats(p, empty)), ['stopped', 'no_records']);

        // Started, and the agent goes on a break: every reason but stopped.
        assert.equal((await v1(p, 'PATCH', '/v1/campaigns/1', { status: 'started' })).status, 200);
        await status(p, '1001', 1);
        await p.clock.advance(1000);
        s = await stats(p, '1');
        assert.deepEqual(s.not_dialling, [{ reason: 'outside_schedule', opens_at: '2026-03-02T10:30:00-05:00' }, { reason: 'no_agent_ready' }]);
        assert.equal(s.pacing, null, 'no pacing decision while every window is shut');
        await status(p, '1001', 'ready');
        await p.clock.advanceTo(Date.parse('2026-03-02T15:30:00Z') - 1000);
        assert.deepEqual(reasons(await stats(p, '1')), ['outside_schedule']);
        assert.equal((await campaignCalls(p, '1')).length, 0);

        // 10:30: the window opens, the dialer dials.
        await p.clock.advance(1000);
        s = await stats(p, '1');
        assert.equal(s.not_dialling, null);
        assert.ok((await campaignCalls(p, '1')).length > 0);
        assert.equal(s.lines_in_flight, (await campaignCalls(p, '1')).filter((c) => c.state === 'dialing' || c.state === 'ringing').length);
        assert.equal(s.pacing?.strategy, 'predictive');
        assert.equal(s.pacing?.decided_at, '2026-03-02T10:30:00-05:00');
        assert.equal(typeof s.pacing?.risk_limit, 'number');
        assert.equal(s.pacing?.dial_ratio, null);
        assert.equal(s.pacing?.lines_wanted, (s.pacing?.in_flight ?? 0) + (s.pacing?.wanted ?? 0));
      } finally {
        await p.close();
      }
    });

    test('campaign.dialling is announced when the reasons change, once, on the virtual clock', async () => {
      const p = await testPacer(kind, { strategyFor: () => progressive() });
      try {
        for (let i = 1; i <= 2; i++) p.telephony.script(`300888000${i}`, { result: 'no-answer', ringS: 30 });
        const id = await campaignWith(p, {});
        await status(p, '1001', 'ready');
        assert.equal((await v1(p, 'PATCH', `/v1/campaigns/${id}`, { status: 'started' })).status, 200);
        await p.clock.advance(1000);
        assert.deepEqual((await dialling(p, id)).map((e) => e.reasons), [['no_records']], 'the first decision after a start says where it stands');

        await status(p, '1001', 1);
        await p.clock.advance(1000);
        assert.equal((await v1(p, 'POST', `/v1/campaigns/${id}/records`, { records: [{ customer_id: 'a', tel1: '3008880001' }, { customer_id: 'b', tel1: '3008880002' }] })).status, 200);
        await p.clock.advance(1000);
        await status(p, '1001', 'ready');
        await p.clock.advance(1000);
        let events = await dialling(p, id);
        assert.deepEqual(events.map((e) => e.reasons), [['no_records'], ['no_agent_ready', 'no_records'], ['no_agent_ready'], null]);
        assert.deepEqual(events.map((e) => e.at), ['00.000', '01.100', '02.100', '03.100'].map((t) => `2026-03-02T15:00:${t}Z`),
          'at the start, then at the decision a commit wakes the dialer for (100 ms after it)');
        assert.equal((await campaignCalls(p, id)).length, 1, 'dialling: one call for the one ready agent');

        // Ticks that find the same reasons say nothing.
        await p.clock.advance(20_000);
        assert.equal((await dialling(p, id)).length, 4);

        // The window closes from 10:05 to 10:10.
        assert.equal((await v1(p, 'PATCH', `/v1/campaigns/${id}`, { calling_schedule: { mon: ['07:00-10:05', '10:10-19:00'], holidays: 'none' } })).status, 200);
        await p.clock.advanceTo(Date.parse('2026-03-02T15:05:01Z'));
        events = await dialling(p, id);
        assert.deepEqual(events.at(-1)?.data.not_dialling, [{ reason: 'outside_schedule', opens_at: '2026-03-02T10:10:00-05:00' }]);
        const closedAt = Date.parse(events.at(-1)?.at ?? '');
        assert.ok(closedAt >= Date.parse('2026-03-02T15:05:00Z') && closedAt < Date.parse('2026-03-02T15:05:01Z'), 'at the next tick of a busy dialer');

        // Stopped and started again: the first decision announces afresh, even the same reasons.
        assert.equal((await v1(p, 'PATCH', `/v1/campaigns/${id}`, { status: 'stopped' })).status, 200);
        assert.equal((await v1(p, 'PATCH', `/v1/campaigns/${id}`, { status: 'started' })).status, 200);
        await p.clock.advance(1000);
        events = await dialling(p, id);
        assert.deepEqual(events.slice(-2).map((e) => e.reasons), [['outside_schedule'], ['outside_schedule']]);
        // It opens at 10:10, announced at that instant (the dialer wakes for an opening): now the
        // two records, unanswered at 10:00, wait for their retry (1 h).
        await p.clock.advanceTo(Date.parse('2026-03-02T15:10:01Z'));
        events = await dialling(p, id);
        assert.deepEqual([events.at(-1)?.reasons, events.at(-1)?.at], [['no_records'], '2026-03-02T15:10:00.000Z']);
      } finally {
        await p.close();
      }
    });

    test('the figures of a short shift are those of its calls; today is the operation\'s day', async () => {
      const p = await testPacer(kind, { strategyFor: () => progressive() });
      try {
        const phone = (n: number) => `300777000${n}`;
        p.telephony.script(phone(1), { result: 'answer', ringS: 2, talkS: 60 });
        p.telephony.script(phone(2), { result: 'no-answer', ringS: 99 });
        p.telephony.script(phone(3), { result: 'answer-machine', ringS: 3 });
        p.telephony.script(phone(4), { result: 'answer', ringS: 20, talkS: 60 });
        p.telephony.script(phone(5), { result: 'answer', ringS: 2, talkS: 30 });
        const id = await campaignWith(p, { r1: phone(1), r2: phone(2), r3: phone(3), r4: phone(4), r5: phone(5) });
        // History before the shift: a person answered at 09:00 today, and one abandoned yesterday at 23:00.
        const db = p.pacer.database.db;
        const past = (callId: string, placed: number, result: string) => db.insertInto('calls').values({
          id: callId, operation_id: '0001', agent_id: null, campaign_id: id, customer_id: 'old', customer_name: null, phone: '3001112222',
          origin: 'campaign', state: 'ended', result, parent_call_id: null, placed_at: new Date(placed), answered_at: new Date(placed + 5000),
          connected_at: result === 'answer' ? new Date(placed + 5000) : null, ended_at: new Date(placed + 65_000),
          cod_act: null, cod_act_2: null, comments: null, disposed_at: null,
        }).execute();
        await past('old-today', START - 3600_000, 'answer');
        await past('old-yesterday', START - 11 * 3600_000, 'abandon');

        // 10:00 the agent is ready and the campaign starts: r1 answered and talked 60 s, r2 rang
        // out, r3 was a machine; r4 is answered after 20 s while the agent is on a break: abandoned.
        const t0 = p.clock.now();
        await status(p, '1001', 'ready');
        assert.equal((await v1(p, 'PATCH', `/v1/campaigns/${id}`, { status: 'started' })).status, 200);
        // 10:00:32, r1 answered at 10:00:02: 30 s of talk in 32 s staffed, counted while it lasts.
        await p.clock.advance(32_000);
        const midCall = await stats(p, id);
        assert.deepEqual([midCall.today.busy_s, midCall.today.staffed_s, midCall.agents], [30, 32, { ready: 0, available: 1 }]);
        await until(p, async () => (await campaignCalls(p, id)).some((c) => c.phone === phone(4)));
        await status(p, '1001', 1);
        const onBreak = p.clock.now();
        await p.clock.advance(30_000);
        const calls = await campaignCalls(p, id);
        assert.deepEqual(calls.map((c) => [c.phone, c.result]), [[phone(1), 'answer'], [phone(2), 'no-answer'], [phone(3), 'answer-machine'], [phone(4), 'abandon']]);
        const r1 = calls[0];
        assert.ok(r1?.connected_at && r1.ended_at);
        assert.equal(r1.ended_at.getTime() - r1.connected_at.getTime(), 60_000);

        // 40 minutes on a break, then ready again: r5 talks 30 s; 5 more minutes.
        await p.clock.advance(40 * 60_000);
        let s = await stats(p, id);
        assert.deepEqual(reasons(s), ['no_agent_ready'], 'r5 waits for an agent');
        assert.deepEqual(s.records, { dialable_now: 1, pending: 4, capped: false }, 'r5 never tried; r2, r3, r4 wait for their retries');
        const back = p.clock.now();
        await status(p, '1001', 'ready');
        await p.clock.advance(5 * 60_000);
        const now = p.clock.now();
        s = await stats(p, id);
        const r5 = (await campaignCalls(p, id)).find((c) => c.phone === phone(5));
        assert.equal(r5?.result, 'answer');

        // By hand: today 4 live answers (09:00, r1, r4, r5; yesterday's abandon and the machine do
        // not count), 1 abandoned; the agent was staffed from 10:00 to its break and from its
        // return to now, busy 60 + 15 s (r1 and its after-call work) and 30 + 15 s (r5).
        assert.deepEqual(s.today, {
          since: '2026-03-02T00:00:00-05:00', answered: 4, abandoned: 1, abandon_rate: 0.25,
          busy_s: 120, staffed_s: (onBreak - t0 + now - back) / 1000, agent_utilisation: 120_000 / (onBreak - t0 + now - back),
        });
        // The last 30 minutes: r5 only; the agent came back 5 minutes ago.
        assert.deepEqual(s.last_30_min, {
          since: localIsoTime(now - 30 * 60_000, 'America/Bogota'), answered: 1, abandoned: 0, abandon_rate: 0,
          busy_s: 45, staffed_s: 300, agent_utilisation: 0.15,
        });
        assert.deepEqual([reasons(s), s.records, s.lines_in_flight, s.waiting_for_agent, s.agents], [['no_records'], { dialable_now: 0, pending: 3, capped: false }, 0, 0, { ready: 1, available: 1 }]);
        assert.deepEqual(s.pacing && { ...s.pacing, decided_at: undefined }, {
          strategy: 'progressive', decided_at: undefined, in_flight: 0, ready_agents: 1, wanted: 1, lines_wanted: 1, dial_ratio: 1, risk_limit: null,
        }, 'a ready agent and nothing in flight: it wants one call, and finds no record');

        // The campaign stops (the dialer rests); 11:19:59: the agent has been ready the whole half
        // hour, without a change of state.
        assert.equal((await v1(p, 'PATCH', `/v1/campaigns/${id}`, { status: 'stopped' })).status, 200);
        await p.clock.advanceTo(Date.parse('2026-03-02T16:19:59Z'));
        s = await stats(p, id);
        assert.deepEqual([s.last_30_min.busy_s, s.last_30_min.staffed_s, s.last_30_min.agent_utilisation], [0, 1800, 0]);
        // Then a break, and a minute later: ready from the window's start (10:50:59) to the break.
        await status(p, '1001', 1);
        const secondBreak = p.clock.now();
        await p.clock.advance(60_000);
        s = await stats(p, id);
        assert.deepEqual([s.last_30_min.busy_s, s.last_30_min.staffed_s], [0, 29 * 60]);
        assert.deepEqual([s.today.busy_s, s.today.staffed_s], [120, (onBreak - t0 + secondBreak - back) / 1000]);
      } finally {
        await p.close();
      }
    });

    test('an agent ready since yesterday counts from the operation\'s midnight', async () => {
      // Sunday 23:30 in Bogota (no calling on Sundays: nothing is dialled).
      const p = await testPacer(kind, { clock: virtualClock(Date.parse('2026-03-02T04:30:00Z')) });
      try {
        await status(p, '1002', 'ready');
        await p.clock.advanceTo(Date.parse('2026-03-02T05:10:00Z'));
        let s = await stats(p, '1');
        assert.equal(s.today.since, '2026-03-02T00:00:00-05:00');
        assert.deepEqual([s.today.staffed_s, s.last_30_min.staffed_s, s.today.agent_utilisation], [600, 1800, 0], 'no change today: ready all day so far');
        await status(p, '1002', 2);
        await p.clock.advance(10 * 60_000);
        s = await stats(p, '1');
        assert.deepEqual([s.today.staffed_s, s.last_30_min.staffed_s], [600, 1200], 'ready until 00:10, then at lunch; the half hour reaches back into Sunday');
      } finally {
        await p.close();
      }
    });

    test('another operation\'s campaign is not found; an agent token is refused, a supervisor reads', async () => {
      const p = await testPacer(kind, { env: { PACER_ADMIN_TOKEN: ADMIN } });
      try {
        const id = await campaignWith(p, { a: '3001234567' });
        const created = await v1(p, 'POST', '/v1/operations', { id: '0002', name: 'B', time_zone: 'America/Bogota' }, ADMIN);
        assert.equal(created.status, 201, created.body);
        const other = await v1(p, 'GET', `/v1/campaigns/${id}/stats`, undefined, String(created.json.token.token));
        assert.deepEqual([other.status, other.json.error?.code], [404, 'CAMPAIGN_NOT_FOUND']);
        assert.equal((await v1(p, 'GET', '/v1/campaigns/999/stats')).status, 404);

        const token = async (body: Record<string, unknown>) => String((await v1(p, 'POST', '/v1/tokens', body)).json.token);
        const agent = await v1(p, 'GET', `/v1/campaigns/${id}/stats`, undefined, await token({ description: 'a', role: 'agent', agent_id: '1001' }));
        assert.deepEqual([agent.status, agent.json.error?.code], [403, 'ROLE_FORBIDDEN']);
        const floor = await v1(p, 'GET', `/v1/campaigns/${id}/stats`, undefined, await token({ description: 's', role: 'supervisor' }));
        assert.deepEqual([floor.status, floor.json.campaign_id], [200, id]);
      } finally {
        await p.close();
      }
    });
  });
}
