// The campaign dialer through the real app on the virtual clock: a started campaign dials its
// records for ready agents, connects live answers, abandons what no agent takes within 2 s, hangs
// up on machines, records every attempt's result, dials campaign recalls first, and stops.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dropSchema, stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, type TestPacer } from './support/pacer.ts';
import type { CarrierProfile } from '../src/adapters/telephony/simulated.ts';
import { progressive, type PacingEvent, type PacingSnapshot, type PacingStrategy } from '../src/domain/pacing/strategy.ts';

after(stopSharedEmbedded);

const db = (p: TestPacer) => p.pacer.database.db;
const agent = (p: TestPacer, id: string) => db(p).selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const record = (p: TestPacer, customerId: string) =>
  db(p).selectFrom('records').selectAll().where('campaign_id', '=', '1').where('customer_id', '=', customerId).executeTakeFirstOrThrow();
const campaignCalls = (p: TestPacer) => db(p).selectFrom('calls').selectAll().where('origin', '=', 'campaign').orderBy('placed_at').orderBy('customer_id').execute();
/** Starts or stops a campaign as the campaign API does: the row, then a wake-up for the runner. */
async function setStatus(p: TestPacer, status: 'started' | 'stopped', campaignId = '1') {
  await db(p).updateTable('campaigns').set({ status }).where('operation_id', '=', '0001').where('id', '=', campaignId).execute();
  p.pacer.engine.background.dialer.wake();
}
/** Phone of demo record 1000NN of campaign 1 (tel1). */
const phoneOf = (n: number) => `300${String(1000000 + n).padStart(7, '0')}`;

async function ready(p: TestPacer, ...agents: string[]) {
  for (const a of agents) assert.equal((await p.agentbox('change_status', { agent_id: a, status: 'ready' })).status, 200);
}

for (const { kind, skip } of await storeKinds()) {
  describe(`dialer on ${kind}`, { skip }, () => {
    test('a started campaign dials one record per ready agent, connects answers and records results', async () => {
      const p = await testPacer(kind);
      try {
        await ready(p, '1001', '1002');
        await p.clock.advance(2000);
        assert.equal((await campaignCalls(p)).length, 0, 'stopped campaigns do not dial');
        await setStatus(p, 'started');
        await p.clock.advance(1000);
        const placed = await campaignCalls(p);
        assert.deepEqual(placed.map((c) => [c.customer_id, c.phone, c.agent_id, String(c.campaign_id)]), [
          ['100001', phoneOf(0), null, '1'], ['100002', phoneOf(1), null, '1'],
        ]);
        assert.equal((await record(p, '100001')).status, 'dialing');
        assert.equal((await record(p, '100001')).attempts, 1);
        await p.clock.advance(500);
        assert.equal((await campaignCalls(p)).length, 2, 'no more calls than ready agents (progressive)');
        await p.clock.advance(3000); // the demo customers answer within 3 s
        const connected = await campaignCalls(p);
        assert.deepEqual(connected.map((c) => c.state), ['connected', 'connected']);
        assert.deepEqual(new Set(connected.map((c) => c.agent_id)), new Set(['1001', '1002']));
        for (const c of connected) {
          const a = await agent(p, c.agent_id ?? '');
          assert.equal(a.state, 'talking');
          assert.equal(a.call_id, c.id);
          assert.ok(p.telephony.log.some((l) => l.callId === c.id && l.action === 'bridge' && l.arg === c.agent_id));
        }
        assert.equal((await p.agentbox('hang', { agent_id: '1001' })).status, 200);
        const done = await record(p, connected.find((c) => c.agent_id === '1001')?.customer_id ?? '');
        assert.deepEqual([done.status, done.last_result, done.attempts], ['done', 'answer', 1]);
        // After-call work (15 s), then 1001 is ready again and gets the next record.
        await p.clock.advance(17_000);
        const next = await campaignCalls(p);
        assert.equal(next.length, 3);
        assert.equal(next[2]?.customer_id, '100003');
      } finally {
        await p.close();
      }
    });

    test('a number on the do-not-call list is never dialled; its record ends as do-not-call', async () => {
      const p = await testPacer(kind, { strategyFor: () => progressive() });
      try {
        const blocked = await p.call({ method: 'POST', url: '/v1/dnc', headers: { authorization: 'Bearer test-token-0001' }, payload: { phones: [phoneOf(0)] } });
        assert.equal(blocked.statusCode, 201);
        await ready(p, '1001');
        await setStatus(p, 'started');
        await p.clock.advance(1000);
        const placed = await campaignCalls(p);
        assert.deepEqual(placed.map((c) => c.customer_id), ['100002'], 'the blocked record is skipped, the next one dialled');
        const skipped = await record(p, '100001');
        assert.deepEqual([skipped.status, skipped.last_result], ['done', 'do-not-call']);
        const [refusal] = await p.pacer.database.db.selectFrom('events').select(['data', 'call_id']).where('type', '=', 'record.result').execute();
        assert.deepEqual([refusal?.call_id, (refusal?.data as { result?: string })?.result], [null, 'do-not-call'], 'a refusal is an attempt\'s outcome too');
        assert.ok(!p.telephony.log.some((l) => l.action === 'originate' && l.arg === phoneOf(0)));
      } finally {
        await p.close();
      }
    });

    test('a live answer with no ready agent within 2 s is abandoned and not redialled for 72 h', async () => {
      const p = await testPacer(kind);
      try {
        p.telephony.script(phoneOf(0), { result: 'answer', ringS: 2 });
        await ready(p, '1001');
        await setStatus(p, 'started');
        await p.clock.advance(1000);
        const [call] = await campaignCalls(p);
        assert.equal(call?.customer_id, '100001');
        // The agent leaves before the customer answers (at +2 s).
        await p.agentbox('change_status', { agent_id: '1001', status: '1' });
        await p.clock.advance(1500);
        assert.equal((await campaignCalls(p))[0]?.state, 'waiting');
        await p.clock.advance(1000);
        assert.equal((await campaignCalls(p))[0]?.state, 'waiting', 'still within the deadline');
        await p.clock.advance(600);
        const [ended] = await campaignCalls(p);
        assert.deepEqual([ended?.state, ended?.result], ['ended', 'abandon']);
        assert.ok(ended?.answered_at && ended.ended_at);
        assert.equal(ended.ended_at.getTime() - ended.answered_at.getTime(), 2000);
        assert.ok(p.telephony.log.some((l) => l.callId === call.id && l.action === 'hangup'));
        const r = await record(p, '100001');
        assert.deepEqual([r.status, r.last_result], ['fresh', 'abandon']);
        assert.equal(r.next_attempt_at?.getTime(), ended.ended_at.getTime() + 72 * 3600_000);
        const [result] = await p.pacer.database.db.selectFrom('events').select(['data', 'call_id', 'campaign_id']).where('type', '=', 'record.result').execute();
        assert.deepEqual([result?.call_id, result?.campaign_id, result?.data], [call.id, '1', {
          customer_id: '100001', result: 'abandon', attempts: 1, status: 'fresh', next_attempt_at: new Date(ended.ended_at.getTime() + 72 * 3600_000).toISOString(),
        }]);
        // Back to ready: the dialer moves on to the next record, not the abandoned one.
        await ready(p, '1001');
        await p.clock.advance(1000);
        const calls = await campaignCalls(p);
        assert.deepEqual(calls.map((c) => c.customer_id), ['100001', '100002']);
      } finally {
        await p.close();
      }
    });

    test('a waiting call is connected when an agent frees up within the deadline', async () => {
      const p = await testPacer(kind);
      try {
        p.telephony.script(phoneOf(0), { result: 'answer', ringS: 2 });
        await ready(p, '1001');
        await setStatus(p, 'started');
        await p.clock.advance(1000);
        await p.agentbox('change_status', { agent_id: '1001', status: '1' });
        await p.clock.advance(1500); // answered at +2 s, waiting
        assert.equal((await campaignCalls(p))[0]?.state, 'waiting');
        await ready(p, '1001');
        await p.clock.advance(1000); // the next tick connects it
        const [call] = await campaignCalls(p);
        assert.deepEqual([call?.state, call?.agent_id], ['connected', '1001']);
        assert.equal((await agent(p, '1001')).state, 'talking');
      } finally {
        await p.close();
      }
    });

    test('the call waiting longest is the one connected when an agent frees up', async () => {
      const p = await testPacer(kind);
      try {
        p.telephony.script(phoneOf(0), { result: 'answer', ringS: 3 });
        p.telephony.script(phoneOf(1), { result: 'answer', ringS: 2 });
        await ready(p, '1001', '1002');
        await setStatus(p, 'started');
        await p.clock.advance(500);
        await setStatus(p, 'stopped');
        await p.agentbox('change_status', { agent_id: '1001', status: '1' });
        await p.agentbox('change_status', { agent_id: '1002', status: '1' });
        await p.clock.advance(2800); // both answered (100002 first), both waiting
        assert.deepEqual((await campaignCalls(p)).map((c) => [c.customer_id, c.state]), [['100001', 'waiting'], ['100002', 'waiting']]);
        await setStatus(p, 'started');
        await ready(p, '1001');
        await p.clock.advance(100);
        const calls = await campaignCalls(p);
        assert.deepEqual(calls.map((c) => [c.customer_id, c.state, c.agent_id]), [['100001', 'waiting', null], ['100002', 'connected', '1001']]);
      } finally {
        await p.close();
      }
    });

    test('answering machines are hung up; busy and unanswered records wait for their retry', async () => {
      const p = await testPacer(kind);
      try {
        p.telephony.script(phoneOf(0), { result: 'answer-machine', ringS: 2 });
        p.telephony.script(phoneOf(1), { result: 'busy', ringS: 1 });
        p.telephony.script(phoneOf(2), { result: 'no-answer', ringS: 99 });
        await ready(p, '1001', '1002', '1003');
        const t0 = p.clock.now();
        await setStatus(p, 'started');
        await p.clock.advance(500);
        await setStatus(p, 'stopped');
        await p.clock.advance(40_000);
        const calls = await campaignCalls(p);
        assert.deepEqual(calls.map((c) => [c.customer_id, c.result]), [['100001', 'answer-machine'], ['100002', 'busy'], ['100003', 'no-answer']]);
        assert.ok(p.telephony.log.some((l) => l.callId === calls[0]?.id && l.action === 'hangup'));
        const machine = await record(p, '100001');
        assert.deepEqual([machine.status, machine.last_result, machine.attempts], ['fresh', 'answer-machine', 1]);
        assert.equal((await record(p, '100002')).next_attempt_at?.getTime(), t0 + 1000 + 15 * 60_000);
        assert.equal((await record(p, '100003')).next_attempt_at?.getTime(), t0 + 30_000 + 3600_000);
        for (const a of ['1001', '1002', '1003']) assert.equal((await agent(p, a)).state, 'ready', 'agents never touched');
      } finally {
        await p.close();
      }
    });

    test('due campaign recalls are dialled before fresh records, to their phone', async () => {
      const p = await testPacer(kind);
      try {
        await db(p).insertInto('callbacks').values({
          operation_id: '0001', agent_id: null, campaign_id: 1, customer_id: '100050', phone: '3009990000',
          due_at: new Date(p.clock.now() + 5000), type_recall: 'auto', status: 'pending', fired_at: null, call_id: null,
          created_at: new Date(p.clock.now()),
        }).execute();
        // 100002 is recalled tomorrow: not dialled as a fresh record before that.
        await db(p).insertInto('callbacks').values({
          operation_id: '0001', agent_id: null, campaign_id: 1, customer_id: '100002', phone: '3009990002',
          due_at: new Date(p.clock.now() + 86_400_000), type_recall: 'auto', status: 'pending', fired_at: null, call_id: null,
          created_at: new Date(p.clock.now()),
        }).execute();
        await ready(p, '1001', '1002', '1003');
        await p.clock.advance(6000);
        await setStatus(p, 'started');
        await p.clock.advance(500);
        // In the order placed (the event log): the recall, then fresh records in load order, skipping 100002.
        const placed = await db(p).selectFrom('events').select('data').where('type', '=', 'call.placed').orderBy('id').execute();
        assert.deepEqual(placed.map((e) => [e.data.customer_id, e.data.phone]), [['100050', '3009990000'], ['100001', phoneOf(0)], ['100003', phoneOf(2)]]);
        const call = (await campaignCalls(p)).find((c) => c.customer_id === '100050');
        const cb = await db(p).selectFrom('callbacks').selectAll().where('customer_id', '=', '100050').executeTakeFirstOrThrow();
        assert.deepEqual([cb.status, cb.call_id], ['done', call?.id]);
        await p.clock.advance(4000);
        const connected = await db(p).selectFrom('calls').selectAll().where('id', '=', call?.id ?? '').executeTakeFirstOrThrow();
        assert.equal(connected.state, 'connected', 'connected to a free agent');
        assert.ok(connected.agent_id);
        assert.equal((await record(p, '100050')).status, 'dialing');
      } finally {
        await p.close();
      }
    });

    test('stop stops dialing; calls in progress go on', async () => {
      const p = await testPacer(kind);
      try {
        await ready(p, '1001', '1002');
        await setStatus(p, 'started');
        await p.clock.advance(5000);
        assert.equal((await campaignCalls(p)).length, 2);
        await setStatus(p, 'stopped');
        await p.agentbox('hang', { agent_id: '1001' });
        await p.agentbox('hang', { agent_id: '1002' });
        await p.clock.advance(60_000);
        assert.equal((await agent(p, '1001')).state, 'ready');
        assert.equal((await campaignCalls(p)).length, 2, 'no call after stop');
        await setStatus(p, 'started');
        await p.clock.advance(6000);
        assert.equal((await campaignCalls(p)).length, 4, 'dials again once started');
      } finally {
        await p.close();
      }
    });

    test('a campaign with a skill dials only for agents with that skill', async () => {
      const p = await testPacer(kind);
      try {
        await db(p).insertInto('skills').values({ operation_id: '0001', id: 7, name: 'Sales' }).execute();
        await db(p).insertInto('agent_skills').values({ operation_id: '0001', agent_id: '1002', skill_id: 7 }).execute();
        await db(p).updateTable('campaigns').set({ skill_id: 7 }).where('id', '=', '1').execute();
        await ready(p, '1001', '1002', '1003');
        await setStatus(p, 'started');
        await p.clock.advance(5000);
        const calls = await campaignCalls(p);
        assert.equal(calls.length, 1);
        assert.equal(calls[0]?.agent_id, '1002');
      } finally {
        await p.close();
      }
    });

    test('two started campaigns drawing on the same agents do not overdial them', async () => {
      const p = await testPacer(kind);
      try {
        await db(p).insertInto('campaigns').values({
          operation_id: '0001', id: 3, name: 'Second', type: 'predictive', skill_id: null, start_time: null, end_time: null,
          created_at: new Date(p.clock.now()),
        }).execute();
        await db(p).insertInto('records').values(Array.from({ length: 5 }, (_, i) => ({
          operation_id: '0001', campaign_id: 3, customer_id: `3000${i}`, data: JSON.stringify({}), phones: [`30177700${i}0`],
          created_at: new Date(p.clock.now()),
        }))).execute();
        await ready(p, '1001', '1002');
        await setStatus(p, 'started', '1');
        await setStatus(p, 'started', '3');
        await p.clock.advance(500);
        const live = await db(p).selectFrom('calls').select('id').where('state', '<>', 'ended').execute();
        assert.equal(live.length, 2, 'one call per ready agent across both campaigns');
      } finally {
        await p.close();
      }
    });

    // Several processes share only a PostgreSQL: the embedded store serves one process.
    if (kind === 'postgres') test('two processes pacing one campaign never dial a record twice', async () => {
      const a = await testPacer(kind, { keepSchema: true });
      const b = await testPacer(kind, { schema: a.schema, clock: a.clock, keepSchema: true });
      try {
        await ready(a, '1001', '1002', '1003', '1004', '1005', '1006');
        await db(a).updateTable('campaigns').set({ status: 'started' }).where('id', '=', '1').execute();
        await Promise.all([a.pacer.engine.background.dialer.runNow(), b.pacer.engine.background.dialer.runNow(), a.pacer.engine.background.dialer.runNow(), b.pacer.engine.background.dialer.runNow()]);
        await a.clock.advance(60_000);
        const calls = await campaignCalls(a);
        const customers = calls.map((c) => c.customer_id);
        assert.ok(calls.length >= 6);
        assert.equal(new Set(customers).size, customers.length, 'no record dialled twice');
        const records = await db(a).selectFrom('records').select(['customer_id', 'attempts']).where('campaign_id', '=', '1').where('attempts', '>', 0).execute();
        assert.equal(records.length, calls.length);
        assert.ok(records.every((r) => r.attempts === 1));
      } finally {
        await b.close();
        await a.close();
        await dropSchema(a.schema);
      }
    });

    if (kind === 'postgres') test('two processes with agents made ready through each: no record dialled twice at once, no agent given two calls', async (t) => {
      // A predictive campaign over ten virtual minutes: calls are answered, missed, busy; customers
      // talk, agents wrap up and come back ready; the strategy over-dials. Half of the agents are
      // made ready through each process; one of them holds the campaign's pacing lease and places
      // every call, the other's commits wake it.
      const mixed: CarrierProfile = {
        outcomes: [
          { result: 'answer', p: 0.35, ringS: { dist: 'uniform', min: 2, max: 8 } },
          { result: 'no-answer', p: 0.45, ringS: { dist: 'uniform', min: 10, max: 20 } },
          { result: 'busy', p: 0.2, ringS: { dist: 'uniform', min: 1, max: 3 } },
        ],
        talkS: { dist: 'uniform', min: 20, max: 60 },
        patienceS: { dist: 'uniform', min: 3, max: 8 },
      };
      const a = await testPacer(kind, { keepSchema: true, carrier: mixed });
      const b = await testPacer(kind, { schema: a.schema, clock: a.clock, keepSchema: true, carrier: mixed });
      try {
        await ready(a, '1001', '1002', '1003');
        await ready(b, '1004', '1005', '1006');
        await setStatus(a, 'started');
        b.pacer.engine.background.dialer.wake();
        await a.clock.advance(600_000);
        await setStatus(a, 'stopped');
        await a.clock.advance(120_000);

        const calls = await campaignCalls(a);
        const span = (c: (typeof calls)[number], from: Date | null) => [from?.getTime() ?? Infinity, c.ended_at?.getTime() ?? Infinity] as const;
        const overlaps = (x: readonly [number, number], y: readonly [number, number]) => x[0] < y[1] && y[0] < x[1];
        const sameRecord = calls.flatMap((x, i) => calls.slice(i + 1).filter((y) => y.customer_id === x.customer_id
          && overlaps(span(x, x.placed_at), span(y, y.placed_at))).map((y) => `${x.customer_id}: ${x.id} and ${y.id}`));
        assert.deepEqual(sameRecord, [], 'no record dialled twice at once');
        const connected = calls.filter((c) => c.connected_at !== null);
        const sameAgent = connected.flatMap((x, i) => connected.slice(i + 1).filter((y) => y.agent_id === x.agent_id
          && overlaps(span(x, x.connected_at), span(y, y.connected_at))).map((y) => `${x.agent_id}: ${x.id} and ${y.id}`));
        assert.deepEqual(sameAgent, [], 'no agent given two calls at once');
        const byProcess = await db(a).selectFrom('calls').select(['process_id']).where('origin', '=', 'campaign').execute();
        const processes = new Set(byProcess.map((c) => c.process_id));
        t.diagnostic(`${calls.length} calls, ${connected.length} connected to an agent, placed by ${processes.size} processes`);
        assert.ok(connected.length >= 20, 'the shift kept agents busy');
        assert.equal(processes.size, 1, 'one process paced the campaign');
        const served = new Set(connected.map((c) => c.agent_id));
        assert.ok(['1001', '1004'].every((x) => served.has(x)), 'agents made ready through either process got calls');
        const agents = await db(a).selectFrom('agents').select(['id', 'state', 'call_id']).where('id', 'in', ['1001', '1002', '1003', '1004', '1005', '1006']).execute();
        assert.ok(agents.every((x) => x.call_id === null), 'every call let go of its agent once the campaign stopped');
      } finally {
        await b.close();
        await a.close();
        await dropSchema(a.schema);
      }
    });

    test('a call whose record was removed while it rang ends with no record result', async () => {
      const p = await testPacer(kind);
      try {
        p.telephony.script(phoneOf(0), { result: 'busy', ringS: 2 });
        await ready(p, '1001');
        await setStatus(p, 'started');
        await p.clock.advance(500);
        await setStatus(p, 'stopped');
        const [placed] = await campaignCalls(p);
        assert.equal(placed?.customer_id, '100001');
        await db(p).deleteFrom('records').where('campaign_id', '=', '1').where('customer_id', '=', '100001').execute();
        await p.clock.advance(5000);
        const [ended] = await campaignCalls(p);
        assert.deepEqual([ended?.state, ended?.result], ['ended', 'busy']);
        const results = await db(p).selectFrom('events').select('id').where('type', '=', 'record.result').where('call_id', '=', placed?.id ?? '').execute();
        assert.equal(results.length, 0);
      } finally {
        await p.close();
      }
    });

    test('the strategy sees an honest snapshot and hears what happens to its calls', async () => {
      const snapshots: PacingSnapshot[] = [];
      const heard: PacingEvent[] = [];
      const spy = (): PacingStrategy => {
        const inner = progressive();
        return {
          name: 'spy',
          decide: (s) => { snapshots.push(structuredClone(s)); return inner.decide(s); },
          observe: (e) => { heard.push(e); },
        };
      };
      const p = await testPacer(kind, { strategyFor: spy });
      try {
        p.telephony.script(phoneOf(0), { result: 'answer', ringS: 2.5 });
        await ready(p, '1001', '1002');
        await p.agentbox('change_status', { agent_id: '1003', status: '1' }); // aux: not counted
        await p.clock.advance(4000);
        await setStatus(p, 'started');
        await p.clock.advance(1000);
        const first = snapshots[0];
        assert.ok(first);
        assert.deepEqual(first.agents.map((a) => a.activity), ['ready', 'ready']);
        assert.ok(first.agents.every((a) => a.sinceS >= 4));
        assert.deepEqual([first.ringing.length, first.waiting, first.maxLines], [0, 0, Infinity]);
        // The commit of the two calls nudges a tick 0.1 s later: both ringing, aged since placed.
        assert.deepEqual(snapshots[1]?.ringing.map((r) => r.ageS), [0.1, 0.1]);
        await p.clock.advance(3000);
        const types = heard.map((e) => e.type);
        assert.deepEqual(types.slice(0, 2), ['dial', 'dial']);
        assert.ok(types.includes('answer') && types.includes('connect'));
        const connected = snapshots.at(-1);
        assert.deepEqual(connected?.agents.map((a) => a.activity), ['talking', 'talking']);
        await p.agentbox('hang', { agent_id: '1001' });
        await p.clock.advance(15_500); // ACW of the demo operation: 15 s
        const ends = heard.filter((e) => e.type === 'end' || e.type === 'acwEnd');
        assert.deepEqual(ends.map((e) => e.type), ['end', 'acwEnd']);
        assert.equal(ends[1]?.type === 'acwEnd' && ends[1].acwS, 15);
      } finally {
        await p.close();
      }
    });

    test('no call outside the campaign calling window (operation time zone)', async () => {
      const p = await testPacer(kind);
      try {
        // START is 10:00:00 in Bogota; the window opens at 10:00:30.
        await db(p).updateTable('campaigns').set({ start_time: '10:00:30', end_time: '18:00:00' }).where('id', '=', '1').execute();
        await ready(p, '1001');
        await setStatus(p, 'started');
        await p.clock.advance(29_000);
        assert.equal((await campaignCalls(p)).length, 0);
        await p.clock.advance(2000);
        assert.equal((await campaignCalls(p)).length, 1);
      } finally {
        await p.close();
      }
    });

    test('an idle dialer wakes for the next campaign recall at its time', async () => {
      const p = await testPacer(kind);
      try {
        await db(p).updateTable('records').set({ status: 'done' }).where('campaign_id', '=', '1').execute();
        await ready(p, '1001');
        await setStatus(p, 'started');
        await p.clock.advance(1000); // nothing to dial: the dialer sleeps
        const due = p.clock.now() + 40_000;
        await db(p).insertInto('callbacks').values({
          operation_id: '0001', agent_id: null, campaign_id: 1, customer_id: '100007', phone: '3009990007',
          due_at: new Date(due), type_recall: 'auto', status: 'pending', fired_at: null, call_id: null, created_at: new Date(p.clock.now()),
        }).execute();
        await p.clock.advance(41_000);
        const [call] = await campaignCalls(p);
        assert.equal(call?.customer_id, '100007');
        // A ready agent keeps the dialer deciding every second (its strategy wants a call it finds
        // no record for), in the phase of its last nudge (here the campaign.dialling event at the
        // start): the recall goes at the first decision at or after its time.
        const placed = call?.placed_at.getTime() ?? 0;
        assert.ok(placed >= due && placed < due + 1000, `placed ${placed - due} ms after it was due`);
      } finally {
        await p.close();
      }
    });
  });
}
