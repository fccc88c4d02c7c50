// GET /v1/campaigns/{id}/stats/series through the real app on the virtual clock: a short morning
// whose every bucket is worked out by hand from what the test made happen (calls placed by the
// dialer on scripted numbers, an agent's states), the day's calls by result, the same totals as
// the live figures of /stats, coarser buckets, and the refusals. The store's windows are answered
// whatever their order.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { campaignStatsRepo } from '../src/adapters/store/campaign-stats.ts';
import { busyAgentStates, staffedAgentStates } from '../src/domain/campaign-stats.ts';
import { progressive } from '../src/domain/pacing/strategy.ts';
import type { CampaignSeries, CampaignStats } from '../packages/client/src/index.ts';
import { virtualClock } from '../src/engine/virtual-clock.ts';
import { START, testPacer, TOKEN, type TestPacer } from './support/pacer.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';

after(stopSharedEmbedded);
// Known before any suite is declared (see campaign-stats.test.ts).
const kinds = await storeKinds();

type Method = 'GET' | 'POST' | 'PATCH';

async function v1(p: TestPacer, method: Method, url: string, body?: unknown, token = TOKEN) {
  const r = await p.call({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  return { status: r.statusCode, body: r.body, json: r.json as Record<string, any> };
}

async function read<T>(p: TestPacer, url: string): Promise<T> {
  const r = await v1(p, 'GET', url);
  assert.equal(r.status, 200, r.body);
  return r.json as unknown as T;
}

async function status(p: TestPacer, agentId: string, to: 'ready' | number) {
  const r = await v1(p, 'POST', `/v1/agents/${agentId}/status`, { status: to });
  assert.equal(r.status, 200, r.body);
}

const at = (hhmmss: string) => Date.parse(`2026-03-02T${hhmmss}-05:00`);

/** The buckets that hold anything, as [start's wall time, answered, abandoned, busy_s, staffed_s]. */
const active = (s: CampaignSeries) => s.buckets.filter((b) => b.answered > 0 || b.staffed_s > 0)
  .map((b) => [b.start.slice(11, 16), b.answered, b.abandoned, b.busy_s, b.staffed_s]);

for (const { kind, skip } of kinds) {
  describe(`campaign series on ${kind}`, { skip }, () => {
    test('a morning in buckets of 15 minutes, worked out by hand; the totals are the live figures\' "today"', async () => {
      const p = await testPacer(kind, { strategyFor: () => progressive() });
      try {
        p.telephony.script('3007770001', { result: 'answer', ringS: 2, talkS: 60 });
        p.telephony.script('3007770003', { result: 'no-answer', ringS: 30 });
        p.telephony.script('3007770002', { result: 'answer', ringS: 20, talkS: 30 });
        const created = await v1(p, 'POST', '/v1/campaigns', { type: 'predictive', name: 'Series' });
        assert.equal(created.status, 201, created.body);
        const id = String(created.json.id);
        const load = async (rows: Record<string, string>) => {
          const r = await v1(p, 'POST', `/v1/campaigns/${id}/records`, { records: Object.entries(rows).map(([customer_id, tel1]) => ({ customer_id, tel1 })) });
          assert.equal(r.status, 200, r.body);
        };
        await load({ r1: '3007770001', r3: '3007770003' });

        // Before the shift: answered at 09:00:05 and at 09:20:05 (abandoned) today, and an
        // abandon yesterday at 23:00:05, which is not today's.
        const past = (callId: string, placed: number, result: string) => p.pacer.database.db.insertInto('calls').values({
          id: callId, operation_id: '0001', agent_id: null, campaign_id: id, customer_id: 'old', customer_name: null, phone: '3001112222',
          origin: 'campaign', state: 'ended', result, parent_call_id: null, placed_at: new Date(placed), answered_at: new Date(placed + 5000),
          connected_at: result === 'answer' ? new Date(placed + 5000) : null, ended_at: new Date(placed + 65_000),
          cod_act: null, cod_act_2: null, comments: null, disposed_at: null,
        }).execute();
        await past('old-1', at('09:00:00'), 'answer');
        await past('old-2', at('09:20:00'), 'abandon');
        await past('old-3', at('09:00:00') - 10 * 3600_000, 'abandon');

        // 10:00 the agent is ready and the campaign starts: r1 is answered at 10:00:02 and talks
        // 60 s, then 15 s of after-call work (busy 75 s); r3 rings out. A break at 10:05.
        assert.equal(p.clock.now(), START);
        await status(p, '1001', 'ready');
        assert.equal((await v1(p, 'PATCH', `/v1/campaigns/${id}`, { status: 'started' })).status, 200);
        await p.clock.advanceTo(at('10:05:00'));
        await status(p, '1001', 1);
        // 10:20 r2 is loaded and the agent is ready; r2 rings 20 s, and from 10:20:05 the agent is
        // on a break again: answered at 10:20:20 with nobody to take it, r2 is abandoned.
        await p.clock.advanceTo(at('10:20:00'));
        await load({ r2: '3007770002' });
        await status(p, '1001', 'ready');
        await p.clock.advanceTo(at('10:20:05'));
        await status(p, '1001', 1);
        // Ready again from 10:25 to now, 10:40, with nothing left to call.
        await p.clock.advanceTo(at('10:25:00'));
        await status(p, '1001', 'ready');
        await p.clock.advanceTo(at('10:40:00'));

        const calls = await p.pacer.database.db.selectFrom('calls').select(['phone', 'result', 'answered_at']).where('campaign_id', '=', id)
          .where('process_id', 'is not', null).orderBy('placed_at').execute();
        assert.deepEqual(calls.map((c) => [c.phone, c.result]), [['3007770001', 'answer'], ['3007770003', 'no-answer'], ['3007770002', 'abandon']]);
        const answeredAt = calls[2]?.answered_at?.getTime() ?? 0;
        assert.ok(answeredAt >= at('10:20:20') && answeredAt < at('10:20:21'), 'r2 answered at 10:20:20 (and a fraction)');

        const s = await read<CampaignSeries>(p, `/v1/campaigns/${id}/stats/series?bucket=15`);
        assert.deepEqual([s.campaign_id, s.at, s.time_zone, s.bucket_minutes, s.abandon_target, s.abandon_ceiling],
          [id, '2026-03-02T10:40:00-05:00', 'America/Bogota', 15, 0.015, 0.03]);
        assert.equal(s.buckets.length, 43, 'from 00:00 to the bucket of 10:30, which now falls in');
        assert.deepEqual([s.buckets[0]?.start, s.buckets[0]?.end], ['2026-03-02T00:00:00-05:00', '2026-03-02T00:15:00-05:00']);
        assert.deepEqual([s.buckets.at(-1)?.start, s.buckets.at(-1)?.end], ['2026-03-02T10:30:00-05:00', '2026-03-02T10:40:00-05:00']);
        // By hand: 09:00 one answer; 09:15 one, abandoned; 10:00 r1, and the agent staffed 10:00
        // to 10:05 (300 s), busy 75 s; 10:15 r2, abandoned, staffed 10:20:00–10:20:05 and
        // 10:25–10:30 (305 s); 10:30 staffed the 10 minutes so far.
        assert.deepEqual(active(s), [
          ['09:00', 1, 0, 0, 0],
          ['09:15', 1, 1, 0, 0],
          ['10:00', 1, 0, 75, 300],
          ['10:15', 1, 1, 0, 305],
          ['10:30', 0, 0, 0, 600],
        ]);
        const bucket = (hhmm: string) => s.buckets.find((b) => b.start.slice(11, 16) === hhmm);
        assert.deepEqual(
          ['08:45', '09:00', '09:15', '10:00', '10:15', '10:30'].map((h) => [bucket(h)?.abandon_rate, bucket(h)?.agent_utilisation, bucket(h)?.day_abandon_rate]),
          [[null, null, null], [0, null, 0], [1, null, 0.5], [0, 0.25, 1 / 3], [1, 0, 0.5], [null, 0, 0.5]],
          'rates in the bucket (null with nothing to divide), and the day\'s abandon rate up to each bucket\'s end',
        );
        assert.deepEqual(s.calls_by_result, [{ result: 'answer', calls: 2 }, { result: 'no-answer', calls: 1 }, { result: 'abandon', calls: 2 }],
          'today\'s calls in the vocabulary\'s order; yesterday\'s abandon is not today\'s');

        // The live figures of today are the buckets' sums.
        const stats = await read<CampaignStats>(p, `/v1/campaigns/${id}/stats`);
        const sum = (f: (b: CampaignSeries['buckets'][number]) => number) => s.buckets.reduce((n, b) => n + f(b), 0);
        assert.deepEqual([stats.today.answered, stats.today.abandoned, stats.today.busy_s, stats.today.staffed_s],
          [sum((b) => b.answered), sum((b) => b.abandoned), sum((b) => b.busy_s), sum((b) => b.staffed_s)]);
        assert.deepEqual([stats.today.answered, stats.today.abandoned, stats.today.busy_s, stats.today.staffed_s], [4, 2, 75, 1205]);
        assert.deepEqual([stats.abandon_target, stats.abandon_ceiling], [0.015, 0.03]);

        // Hours: the same morning in four buckets of activity.
        const hours = await read<CampaignSeries>(p, `/v1/campaigns/${id}/stats/series?bucket=60`);
        assert.equal(hours.buckets.length, 11);
        assert.deepEqual(active(hours), [['09:00', 2, 1, 0, 0], ['10:00', 2, 1, 75, 1205]]);
        assert.deepEqual(hours.buckets.at(-1)?.end, '2026-03-02T10:40:00-05:00');

        // The store answers windows in any order, once each.
        const repo = campaignStatsRepo(p.pacer.database.db);
        const windows = [at('10:15:00'), at('00:00:00'), at('10:15:00'), at('10:30:00')];
        const states = { busy: busyAgentStates, staffed: staffedAgentStates };
        assert.deepEqual((await repo.agentTime('0001', null, windows, p.clock.now(), states)).map((t) => [t.busyMs / 1000, t.staffedMs / 1000]),
          [[0, 905], [75, 1205], [0, 905], [0, 600]]);
        assert.deepEqual((await repo.answers('0001', id, windows, p.clock.now())).map((a) => [a.answered, a.abandoned]), [[1, 1], [4, 2], [1, 1], [0, 0]]);
      } finally {
        await p.close();
      }
    });

    test('the first instant of the day is one empty bucket; bad buckets, unknown campaigns and agents are refused', async () => {
      const p = await testPacer(kind, { clock: virtualClock(Date.parse('2026-03-02T05:00:00Z')) });
      try {
        const s = await read<CampaignSeries>(p, '/v1/campaigns/1/stats/series');
        assert.equal(s.bucket_minutes, 15, 'the default');
        assert.deepEqual(s.buckets, [{
          start: '2026-03-02T00:00:00-05:00', end: '2026-03-02T00:00:00-05:00', answered: 0, abandoned: 0, abandon_rate: null,
          busy_s: 0, staffed_s: 0, agent_utilisation: null, day_abandon_rate: null,
        }]);
        assert.deepEqual(s.calls_by_result, []);
        for (const bucket of ['7', '0', 'abc', '1440']) {
          const r = await v1(p, 'GET', `/v1/campaigns/1/stats/series?bucket=${bucket}`);
          assert.equal(r.status, 400, `bucket=${bucket}: ${r.body}`);
        }
        assert.equal((await v1(p, 'GET', '/v1/campaigns/999/stats/series')).status, 404);
        const token = String((await v1(p, 'POST', '/v1/tokens', { description: 'a', role: 'agent', agent_id: '1001' })).json.token);
        const agent = await v1(p, 'GET', '/v1/campaigns/1/stats/series', undefined, token);
        assert.deepEqual([agent.status, agent.json.error?.code], [403, 'ROLE_FORBIDDEN']);
      } finally {
        await p.close();
      }
    });
  });
}
