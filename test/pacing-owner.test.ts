// The process that paces a campaign learns every outcome of its calls, whichever process handled
// them (src/engine/dialer/pacing-bus.ts: a NOTIFY sent at commit), and a strategy made when a
// process takes a campaign over first learns the campaign's history from the database
// (strategy-memory.ts). On the virtual clock; the two-process cases are two Pacers on one
// PostgreSQL schema (each its own pool, pacing channel, carrier and dialer), sharing the clock.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { pacingHistory, type PastCall } from '../src/domain/pacing/history.ts';
import { predictive } from '../src/domain/pacing/predictive.ts';
import { progressive, type PacingEvent, type PacingStrategy } from '../src/domain/pacing/strategy.ts';
import type { CarrierProfile } from '../src/adapters/telephony/simulated.ts';
import type { Distribution } from '../src/domain/distribution.ts';
import { dropSchema, stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);
// Before any test is declared: a test declared before a top-level await runs, and the file's
// after-hook with it, before the tests declared after the await.
const kinds = await storeKinds();

/** Outcomes at whole seconds: the events are compared to the millisecond. */
const oneOf = (...values: number[]): Distribution => ({ dist: 'mixture', parts: values.map((value) => ({ dist: 'fixed', value, w: 1 / values.length })) });
const mixed: CarrierProfile = {
  outcomes: [
    { result: 'answer', p: 0.35, ringS: oneOf(2, 3, 5, 8) },
    { result: 'answer-machine', p: 0.1, ringS: oneOf(2, 4, 6) },
    { result: 'no-answer', p: 0.35, ringS: oneOf(10, 15, 20) },
    { result: 'busy', p: 0.2, ringS: oneOf(1, 2, 3) },
  ],
  talkS: oneOf(20, 30, 45, 60),
  patienceS: oneOf(1, 2, 4),
};

/** A strategy that notes every event it hears, by instance (a new instance: a rebuilt strategy). */
function spying(inner: () => PacingStrategy) {
  const heard: PacingEvent[][] = [];
  const strategyFor = (): PacingStrategy => {
    const mine: PacingEvent[] = [];
    heard.push(mine);
    const s = inner();
    return { name: s.name, decide: (snap) => s.decide(snap), observe: (e) => { mine.push(e); s.observe(e); }, target: () => s.target?.() ?? {} };
  };
  return { heard, strategyFor };
}

/** Events as comparable words, to the millisecond. */
const words = (events: readonly PacingEvent[]) => events.map((e) => `${e.type}@${Math.floor(e.tS * 1000 + 1e-6)}`).sort();

const db = (p: TestPacer) => p.pacer.database.db;
async function ready(p: TestPacer, ...agents: string[]) {
  for (const a of agents) assert.equal((await p.agentbox('change_status', { agent_id: a, status: 'ready' })).status, 200);
}
async function startCampaign(p: TestPacer) {
  await db(p).updateTable('campaigns').set({ status: 'started' }).where('operation_id', '=', '0001').where('id', '=', '1').execute();
  p.pacer.engine.background.dialer.wake();
}

/** What the database says the campaign's strategy should have heard (the same derivation a new owner uses). */
async function truth(p: TestPacer): Promise<PacingEvent[]> {
  const past = await p.pacer.store.transaction((tx) => tx.pacing.history({ operationId: '0001', campaignId: '1' }, 0, p.clock.now() + 1));
  return pacingHistory(past.calls, past.acwEnds).map((e) => e.event);
}

/** Waits (bounded) for messages between the Pacers still on their way over the database. */
async function until(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

test('the history of a campaign\'s calls is the events production emits, each after-call work paired with its call', () => {
  const call = (id: string, o: Partial<PastCall>): PastCall => ({
    id, recordAttempt: true, agentId: null, placedAt: 0, answeredAt: null, connectedAt: null, endedAt: null, result: null, ...o,
  });
  const events = pacingHistory([
    call('talked', { agentId: 'a', placedAt: 1000, answeredAt: 4000, connectedAt: 4500, endedAt: 64_500, result: 'answer' }),
    call('again', { agentId: 'a', placedAt: 70_000, answeredAt: 72_000, connectedAt: 80_000, endedAt: 90_000, result: 'answer' }),
    call('machine', { placedAt: 2000, answeredAt: 5000, endedAt: 5000, result: 'answer-machine' }),
    call('abandoned', { placedAt: 3000, answeredAt: 6000, endedAt: 8000, result: 'abandon' }),
    call('busy', { placedAt: 3000, endedAt: 5000, result: 'busy' }),
    call('ringing', { placedAt: 9000 }),
    call('recall', { recordAttempt: false, agentId: 'b', placedAt: 9500, answeredAt: 10_000, connectedAt: 10_000, endedAt: 20_000, result: 'answer' }),
  ], [{ agentId: 'a', at: 95_000 }, { agentId: 'a', at: 79_500 }, { agentId: 'b', at: 25_000 }]);
  const of = (id: string) => events.filter((e) => e.key.startsWith(`${id}/`)).map((e) => e.event);
  assert.deepEqual(of('talked'), [
    { type: 'dial', tS: 1 }, { type: 'answer', tS: 4, ringS: 3, by: 'human' }, { type: 'connect', tS: 4.5, waitS: 0.5 },
    { type: 'end', tS: 64.5, talkS: 60 }, { type: 'acwEnd', tS: 79.5, acwS: 15 },
  ]);
  assert.deepEqual(of('again').at(-1), { type: 'acwEnd', tS: 95, acwS: 5 });
  assert.deepEqual(of('machine'), [{ type: 'dial', tS: 2 }, { type: 'answer', tS: 5, ringS: 3, by: 'machine' }]);
  assert.deepEqual(of('abandoned').at(-1), { type: 'abandon', tS: 8 });
  assert.deepEqual(of('busy'), [{ type: 'dial', tS: 3 }, { type: 'fail', tS: 5, ringS: 2 }]);
  assert.deepEqual(of('ringing'), [{ type: 'dial', tS: 9 }]);
  assert.deepEqual(of('recall').map((e) => e.type), ['answer', 'connect'], 'a call that is no record attempt: its answer and connection only');
  assert.deepEqual(events.map((e) => e.event.tS), events.map((e) => e.event.tS).sort((x, y) => x - y), 'in time order');
  assert.equal(new Set(events.map((e) => e.key)).size, events.length, 'one key per call and type');
});

for (const { kind, skip } of kinds) {
  describe(`pacing owner on ${kind}`, { skip }, () => {
    test('a rebuilt strategy learns from the database exactly what the live one heard', async () => {
      const spy = spying(() => progressive());
      const p = await testPacer(kind, { carrier: mixed, strategyFor: spy.strategyFor });
      try {
        await ready(p, '1001', '1002', '1003', '1004');
        await startCampaign(p);
        await p.clock.advance(300_000);
        const live = [...(spy.heard[0] ?? [])];
        // Everything the campaign's calls did was heard live, once.
        assert.deepEqual(words(live), words(await truth(p)));
        const types = new Set(live.map((e) => e.type));
        // (Progressive dialing abandons nothing; the derivation of abandons is checked above.)
        for (const t of ['dial', 'answer', 'fail', 'connect', 'end', 'acwEnd'] as const) assert.ok(types.has(t), `the shift had ${t} events`);
        // A gap (the pacing channel was lost): the next decision makes a new strategy, taught the history first.
        p.pacer.engine.background.dialer.relearn();
        const now = p.clock.now();
        await p.pacer.engine.background.dialer.runNow();
        const rebuilt = spy.heard[1];
        assert.ok(rebuilt, 'a new strategy was made');
        const before = (events: readonly PacingEvent[]) => events.filter((e) => e.tS * 1000 <= now);
        assert.ok(before(live).length > 100, `${before(live).length} events`);
        assert.deepEqual(words(before(rebuilt)), words(before(live)), 'the same events, at the same instants');
      } finally {
        await p.close();
      }
    });

    if (kind === 'postgres') test('the owner hears every outcome, also of calls another process ended, and a new owner starts from the history', async (t) => {
      const spyA = spying(() => progressive());
      const spyB = spying(() => progressive());
      const a = await testPacer(kind, { keepSchema: true, carrier: { ...mixed, talkS: null }, strategyFor: spyA.strategyFor });
      const b = await testPacer(kind, { schema: a.schema, clock: a.clock, keepSchema: true, carrier: { ...mixed, talkS: null }, strategyFor: spyB.strategyFor });
      try {
        await ready(a, '1001', '1002', '1003');
        await ready(b, '1004', '1005', '1006');
        await startCampaign(a);
        await a.clock.advance(1000);
        const lease = await db(a).selectFrom('pacing_leases').selectAll().executeTakeFirstOrThrow();
        const processOf = async (p: TestPacer) => (await db(p).selectFrom('pacer_processes').select('id').execute()).map((r) => r.id);
        assert.equal((await processOf(a)).length, 2);
        const [owner, other, ownerSpy] = a.pacer.engine.background.dialer.leases.holds({ operationId: '0001', campaignId: '1' })
          ? [a, b, spyA] as const : [b, a, spyB] as const;
        assert.ok(owner.pacer.engine.background.dialer.leases.holds({ operationId: '0001', campaignId: '1' }));
        assert.ok(!other.pacer.engine.background.dialer.leases.holds({ operationId: '0001', campaignId: '1' }));
        t.diagnostic(`owner ${lease.owner}`);
        // Customers stay on the line: the agents hang up, through the process that does not pace.
        let hungUp = 0;
        for (let i = 0; i < 120; i++) {
          await a.clock.advance(2500);
          const talking = await db(a).selectFrom('agents').select('id').where('state', '=', 'talking').execute();
          for (const x of talking) if ((await other.agentbox('hang', { agent_id: x.id })).status === 200) hungUp++;
        }
        await a.clock.advance(20_000);
        assert.ok(hungUp >= 20, `${hungUp} calls hung up through the other process`);
        const calls = await db(a).selectFrom('calls').select(['process_id']).where('origin', '=', 'campaign').execute();
        assert.deepEqual([...new Set(calls.map((c) => c.process_id))], [lease.owner], 'only the owner placed calls');
        // The ends of those calls and their after-call work happened in the other process; the owner heard them.
        const heard = () => ownerSpy.heard[0] ?? [];
        const expected = words(await truth(a));
        assert.ok(await until(() => Promise.resolve(words(heard()).length >= expected.length)), 'the messages arrived');
        assert.deepEqual(words(heard()), expected, 'the owner heard every outcome once');
        assert.ok(heard().filter((e) => e.type === 'acwEnd').length >= 20);

        // The owner stops (gracefully): the other process takes the campaign at its next beat, and
        // its strategy starts from the campaign's history.
        const stoppedAt = a.clock.now();
        await owner.pacer.engine.background.dialer.stop();
        await a.clock.advance(2500);
        const otherSpy = ownerSpy === spyA ? spyB : spyA;
        const taught = otherSpy.heard.at(-1) ?? [];
        assert.ok(other.pacer.engine.background.dialer.leases.holds({ operationId: '0001', campaignId: '1' }), 'the other process paces it now');
        assert.deepEqual(words(taught.filter((e) => e.tS * 1000 <= stoppedAt)), words(heard().filter((e) => e.tS * 1000 <= stoppedAt)),
          'the new owner learnt what the old one knew');
      } finally {
        await b.close();
        await a.close();
        await dropSchema(a.schema);
      }
    });

    if (kind === 'postgres') test('two campaigns sharing agents, paced by two processes at the same instant, do not overdial them', async () => {
      const a = await testPacer(kind, { keepSchema: true, strategyFor: () => progressive() });
      const b = await testPacer(kind, { schema: a.schema, clock: a.clock, keepSchema: true, strategyFor: () => progressive() });
      try {
        await db(a).insertInto('campaigns').values({
          operation_id: '0001', id: 3, name: 'Second', type: 'predictive', skill_id: null, start_time: null, end_time: null, created_at: new Date(a.clock.now()),
        }).execute();
        await db(a).insertInto('records').values(Array.from({ length: 5 }, (_, i) => ({
          operation_id: '0001', campaign_id: 3, customer_id: `3000${i}`, data: JSON.stringify({}), phones: [`30177700${i}0`], created_at: new Date(a.clock.now()),
        }))).execute();
        await ready(a, '1001', '1002');
        await db(a).updateTable('campaigns').set({ status: 'started' }).where('operation_id', '=', '0001').where('id', 'in', ['1', '3']).execute();
        // Each process takes one of the two campaigns (its share), then both decide at once.
        await a.pacer.engine.background.dialer.leases.beat();
        await b.pacer.engine.background.dialer.leases.beat();
        const holds = (p: TestPacer, id: string) => p.pacer.engine.background.dialer.leases.holds({ operationId: '0001', campaignId: id });
        assert.deepEqual([holds(a, '1'), holds(a, '3'), holds(b, '1'), holds(b, '3')], [true, false, false, true]);
        await Promise.all([a.pacer.engine.background.dialer.runNow(), b.pacer.engine.background.dialer.runNow()]);
        const live = await db(a).selectFrom('calls').select(['campaign_id', 'process_id']).where('state', '<>', 'ended').execute();
        assert.equal(live.length, 2, `one call per ready agent across both campaigns: ${JSON.stringify(live)}`);
      } finally {
        await b.close();
        await a.close();
        await dropSchema(a.schema);
      }
    });

    if (kind === 'postgres') test('a predictive shift paced with two processes matches one process', { timeout: 600_000 }, async (t) => {
      // 15 minutes, 10 agents, the mixed carrier, predictive at the default speed; once with one
      // Pacer and once with two on the same database (agents made ready through both). The owner's
      // carrier draws the same outcomes in both, so the difference is what the second process does to pacing.
      const shift = async (processes: 1 | 2) => {
        const a = await testPacer(kind, { keepSchema: true, carrier: mixed, strategyFor: () => predictive({ target: 0.015 }) });
        const b = processes === 2 ? await testPacer(kind, { schema: a.schema, clock: a.clock, keepSchema: true, carrier: mixed, strategyFor: () => predictive({ target: 0.015 }) }) : undefined;
        try {
          await db(a).insertInto('records').values(Array.from({ length: 3000 }, (_, i) => ({
            operation_id: '0001', campaign_id: 1, customer_id: `9${String(i).padStart(6, '0')}`, data: JSON.stringify({}), phones: [`31${String(i).padStart(8, '0')}`],
            created_at: new Date(a.clock.now()),
          }))).execute();
          await ready(a, '1001', '1002', '1003', '1004', '1005');
          await ready(b ?? a, '1006', '1007', '1008', '1009', '1010');
          await startCampaign(a);
          await a.clock.advance(900_000);
          const s = await a.call({ method: 'GET', url: '/v1/campaigns/1/stats', headers: { authorization: 'Bearer test-token-0001' } });
          const today = s.json.today as { answered: number; abandon_rate: number; agent_utilisation: number };
          return today;
        } finally {
          await b?.close();
          await a.close();
          await dropSchema(a.schema);
        }
      };
      const one = await shift(1);
      const two = await shift(2);
      t.diagnostic(`one process: ${JSON.stringify(one)}; two: ${JSON.stringify(two)}`);
      assert.ok(one.answered > 100 && two.answered > 100);
      assert.ok(Math.abs(one.agent_utilisation - two.agent_utilisation) <= 0.05, 'utilisation within 0.05');
      assert.ok(Math.abs(one.abandon_rate - two.abandon_rate) <= 0.02, 'abandon rate within 2 points');
    });
  });
}
