// The shift simulator: deterministic, paired across strategies, and its result fully accounted for
// by its event log (recomputed by an independent checker).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createStrategy } from '../src/domain/pacing/strategies.ts';
import type { ShiftEvent } from '../src/sim/events.ts';
import { withoutWall, type ShiftResult } from '../src/sim/result.ts';
import type { Scenario } from '../src/sim/scenario.ts';
import { simulate } from '../src/sim/shift.ts';
import { recompute } from './support/event-checker.ts';
import { eventfulScenario, scenario } from './support/scenarios.ts';

const strategies = ['progressive', 'ratio:1.6', 'adapt', 'predictive'];

function run(s: Scenario, name: string, seed?: number): { result: ShiftResult; events: ShiftEvent[] } {
  const events: ShiftEvent[] = [];
  const strategy = createStrategy(name, { abandonTarget: s.abandon_limit, connectDeadlineS: s.connect_deadline_s });
  const result = simulate(s, strategy, { seed, events: (e) => events.push(e) });
  return { result, events };
}

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: log says ${actual}, result says ${expected}`);
}

describe('shift simulator', () => {
  test('same scenario, seed and strategy give the same result and the same log', () => {
    for (const name of strategies) {
      const a = run(eventfulScenario(), name, 3);
      const b = run(eventfulScenario(), name, 3);
      assert.deepEqual(withoutWall(a.result), withoutWall(b.result), name);
      assert.deepEqual(a.events, b.events, name);
    }
  });

  test('another seed gives another shift', () => {
    const a = run(scenario(), 'progressive', 1).result;
    const b = run(scenario(), 'progressive', 2).result;
    assert.notDeepEqual(withoutWall(a), withoutWall(b));
    assert.equal(a.seed, 1);
  });

  test('every figure of the result is recomputed from the event log alone', () => {
    for (const s of [eventfulScenario(), scenario({ connect_deadline_s: 0 })]) {
      for (const name of strategies) {
        const { result, events } = run(s, name, 5);
        const again = recompute(events);
        for (const key of Object.keys(again) as (keyof typeof again)[]) {
          const v = again[key];
          const r = result[key];
          if (typeof v === 'number') close(v, r as number, `${name} ${key}`);
          else for (const [k, x] of Object.entries(v)) close(x, (r as Record<string, number>)[k] ?? NaN, `${name} ${key}.${k}`);
        }
        assert.ok(result.live_answers > 0 && result.connected > 0, 'the shift had calls');
      }
    }
  });

  test('draws are paired: a record behaves the same whichever strategy dials it', () => {
    const s = scenario({ duration_s: 5400 });
    const byRecord = (events: ShiftEvent[]) => {
      const callRecord = new Map<string, string>();
      const out = new Map<string, string>();
      for (const e of events) {
        if (e.type === 'dial') callRecord.set(e.call, e.record);
        if (e.type === 'answer') out.set(callRecord.get(e.call) ?? '', `answer:${e.by}`);
        if (e.type === 'end' && e.result !== 'answer' && e.result !== 'abandon' && e.result !== 'answer-machine') out.set(callRecord.get(e.call) ?? '', e.result);
      }
      return out;
    };
    const talkOf = (events: ShiftEvent[]) => {
      const callRecord = new Map<string, string>();
      const connectedAt = new Map<string, number>();
      const out = new Map<string, number>();
      for (const e of events) {
        if (e.type === 'dial') callRecord.set(e.call, e.record);
        if (e.type === 'connect') connectedAt.set(e.call, e.t);
        if (e.type === 'end' && e.result === 'answer') out.set(callRecord.get(e.call) ?? '', e.t - (connectedAt.get(e.call) ?? NaN));
      }
      return out;
    };
    const a = run(s, 'progressive').events;
    const b = run(s, 'predictive').events;
    const oa = byRecord(a);
    const ob = byRecord(b);
    let common = 0;
    for (const [record, outcome] of oa) {
      const other = ob.get(record);
      if (other === undefined) continue;
      common++;
      assert.equal(other, outcome, record);
    }
    assert.ok(common > 500, `records dialled by both: ${common}`);
    const ta = talkOf(a);
    let talks = 0;
    for (const [record, talk] of talkOf(b)) {
      const other = ta.get(record);
      if (other === undefined) continue;
      talks++;
      assert.ok(Math.abs(other - talk) < 1e-6, `talk of ${record}`);
    }
    assert.ok(talks > 20, `talks connected in both: ${talks}`);
  });

  test('progressive never abandons, even as agents come and go', () => {
    for (const seed of [1, 2, 3]) {
      assert.equal(run(eventfulScenario(), 'progressive', seed).result.abandoned, 0);
      assert.equal(run(scenario({ connect_deadline_s: 0 }), 'progressive', seed).result.abandoned, 0);
    }
  });

  test('progressive utilization is near the closed form h / (h + r/p)', () => {
    // Every attempt resolves after an exponential time of mean r = 16 s and is live with p = 0.15;
    // handle time h = 180 s talk + 20 s after-call work.
    const ring = { dist: 'exponential', mean: 16 };
    const s = scenario({
      duration_s: 28800, agents: 20, ring_timeout_s: 1e6,
      talk_s: { dist: 'exponential', mean: 180 }, acw_s: { dist: 'fixed', value: 20 },
      outcomes: [{ result: 'answer', p: 0.15, ring_s: ring }, { result: 'no-answer', p: 0.85, ring_s: ring }],
    });
    const expected = 200 / (200 + 16 / 0.15);
    const u = run(s, 'progressive').result.utilization;
    assert.ok(Math.abs(u - expected) < 0.03, `utilization ${u}, closed form ${expected}`);
  });

  test('agents leaving finish their call first; the schedule is honoured', () => {
    const { events } = run(eventfulScenario(), 'predictive', 2);
    const state = new Map<string, string>();
    let loggedIn = 0;
    let maxAfter3600 = 0;
    for (const e of events) {
      if (e.type !== 'agent') continue;
      const before = state.get(e.agent);
      assert.ok(!(e.state === 'logout' && before === 'talking' && e.t < 7200), `${e.agent} left in the middle of a call at ${e.t}`);
      if (e.state === 'logout' && before !== undefined && before !== 'logout') loggedIn--;
      if (e.state !== 'logout' && (before === undefined || before === 'logout')) loggedIn++;
      state.set(e.agent, e.state);
      if (e.t >= 3600 + 1500 && e.t < 5400) maxAfter3600 = Math.max(maxAfter3600, loggedIn);
    }
    assert.ok(maxAfter3600 <= 5, `agents logged in well after the step down to 5: ${maxAfter3600}`);
  });

  test('max_lines caps the calls in flight', () => {
    const { events } = run(scenario({ max_lines: 4 }), 'ratio:3', 1);
    let inFlight = 0;
    const open = new Set<string>();
    for (const e of events) {
      if (e.type === 'dial') open.add(e.call);
      if ((e.type === 'connect' || e.type === 'end' || e.type === 'abandon') && open.delete(e.call)) { /* settled */ }
      inFlight = Math.max(inFlight, open.size);
    }
    assert.ok(inFlight <= 4, `calls in flight reached ${inFlight}`);
  });

  test('the answer rate follows changes: fewer live answers per dial after a drop', () => {
    const s = scenario({ duration_s: 7200, changes: [{ at_s: 3600, answer_scale: 0.2 }] });
    const { events } = run(s, 'progressive');
    const rate = (from: number, to: number) => {
      const dials = events.filter((e) => e.type === 'dial' && e.t >= from && e.t < to).length;
      const live = events.filter((e) => e.type === 'answer' && e.by === 'human' && e.t >= from + 30 && e.t < to + 30).length;
      return live / dials;
    };
    assert.ok(rate(600, 3500) > 0.1 && rate(3700, 7100) < 0.06, `before ${rate(600, 3500)}, after ${rate(3700, 7100)}`);
  });
});
