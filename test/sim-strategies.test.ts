// The pacing strategies, decision by decision, on hand-made snapshots.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { adapt } from '../src/domain/pacing/adapt.ts';
import { predictive } from '../src/domain/pacing/predictive.ts';
import { ratio } from '../src/domain/pacing/ratio.ts';
import { abandonTargetOfSpeed } from '../src/domain/pacing/speed.ts';
import { createStrategy } from '../src/domain/pacing/strategies.ts';
import { progressive, type AgentActivity, type PacingSnapshot } from '../src/domain/pacing/strategy.ts';

function snap(nowS: number, activities: AgentActivity[], ringing = 0, waiting = 0, maxLines = Infinity): PacingSnapshot {
  return {
    nowS,
    agents: activities.map((activity) => ({ activity, sinceS: 30 })),
    ringing: Array.from({ length: ringing }, () => ({ ageS: 5 })),
    waiting,
    maxLines,
  };
}
const ready = (n: number): AgentActivity[] => Array.from({ length: n }, () => 'ready');
const talking = (n: number): AgentActivity[] => Array.from({ length: n }, () => 'talking');

describe('pacing strategies', () => {
  test('progressive: one call in flight per ready agent', () => {
    assert.equal(progressive().decide(snap(0, [...ready(3), ...talking(2)], 1)), 2);
    assert.equal(progressive().decide(snap(0, talking(4))), 0);
  });

  test('ratio:X keeps X calls in flight per ready agent, within the lines', () => {
    assert.equal(ratio(2).decide(snap(0, ready(5), 3)), 7);
    assert.equal(ratio(2).decide(snap(0, ready(5), 3, 0, 6)), 3);
    assert.equal(ratio(1.5).decide(snap(0, talking(5))), 0);
    assert.throws(() => ratio(0), RangeError);
  });

  test('adapt raises its level while agents wait, and drops to 1 when the day is over target', () => {
    const s = adapt(0.03);
    let t = 0;
    let n = 0;
    for (; t <= 60; t += 0.5) n = s.decide(snap(t, ready(10)));
    assert.ok(n > 10, `after a minute of idle agents it dials ${n} for 10 ready`);
    for (let i = 0; i < 60; i++) {
      s.observe({ type: 'answer', tS: t, ringS: 5, by: 'human' });
      s.observe(i % 10 === 0 ? { type: 'abandon', tS: t } : { type: 'connect', tS: t, waitS: 0 });
    }
    assert.equal(s.decide(snap(t + 0.5, ready(10))), 10);
  });

  test('adapt halves its level when most of the last minute was abandoned', () => {
    const s = adapt(1); // a target it never passes, to isolate the halving rule
    let t = 0;
    for (; t <= 120; t += 0.5) s.decide(snap(t, ready(10)));
    const before = s.decide(snap(t, ready(10)));
    for (let i = 0; i < 30; i++) {
      s.observe({ type: 'answer', tS: t, ringS: 5, by: 'human' });
      if (i % 3 !== 0) s.observe({ type: 'abandon', tS: t });
    }
    const after = s.decide(snap(t + 0.5, ready(10)));
    assert.ok(after < before, `before ${before}, after ${after}`);
  });

  test('predictive: no agents, no calls; idle agents and rare answers, several calls each', () => {
    const s = predictive({ target: 0.03, connectDeadlineS: 2 });
    assert.equal(s.decide(snap(0, [])), 0);
    const first = s.decide(snap(0.5, ready(10)));
    assert.ok(first > 10, `dials ${first} for 10 idle agents`);
    assert.ok(s.decide(snap(1, ready(10), 0, 0, 12)) <= 12, 'stays within the lines');
  });

  test('predictive: quick busy signals before the first answer do not make it flood the lines', () => {
    // 100 idle agents; 40 % of the first calls are busy within half a second, the rest still ring.
    const s = predictive({ target: 0.03, connectDeadlineS: 2 });
    const first = s.decide(snap(0, ready(100)));
    const busy = Math.round(first * 0.4);
    for (let i = 0; i < busy; i++) s.observe({ type: 'fail', tS: 0.5, ringS: 0.5 });
    const ringing = Array.from({ length: first - busy }, () => ({ ageS: 0.9 }));
    const second = s.decide({ ...snap(0.9, ready(100)), ringing });
    // Before the fix: 329 then 4,853 (the cap of 1 / 0.02 calls per agent).
    assert.ok(first + second < 10 * 100, `${first} then ${second} calls for 100 agents`);
  });

  test('predictive dials less once it has learnt that most calls are answered', () => {
    const s = predictive({ target: 0.03, connectDeadlineS: 2 });
    const before = s.decide(snap(0, ready(10)));
    for (let i = 0; i < 400; i++) s.observe({ type: 'answer', tS: 1 + i * 0.01, ringS: 6, by: 'human' });
    const after = s.decide(snap(30, ready(10)));
    assert.ok(after < before, `before ${before}, after ${after}`);
    assert.ok(after >= 10, 'still at least one call per idle agent');
  });

  test('predictive tightens after abandons', () => {
    const s = predictive({ target: 0.03, connectDeadlineS: 2 });
    const busy = snap(100, [...ready(10), ...talking(10)]);
    const before = s.decide(busy);
    for (let i = 0; i < 20; i++) s.observe({ type: 'abandon', tS: 100 });
    const after = s.decide({ ...busy, nowS: 100.5 });
    assert.ok(after < before, `before ${before}, after ${after}`);
  });

  test('predictive at speed 0 dials no more than one call per ready agent when none is about to free', () => {
    const s = predictive({ target: abandonTargetOfSpeed(0), connectDeadlineS: 0 });
    for (let i = 0; i < 100; i++) s.observe({ type: 'connect', tS: i, waitS: 0 });
    assert.ok(s.decide(snap(10, [...ready(1), ...talking(1)])) <= 1);
  });

  test('speed maps 0–100 to an abandon target from 0 to the ceiling', () => {
    assert.equal(abandonTargetOfSpeed(0), 0);
    assert.equal(abandonTargetOfSpeed(100), 0.03);
    assert.equal(abandonTargetOfSpeed(50, 0.05), 0.025);
    assert.equal(abandonTargetOfSpeed(150), 0.03);
    assert.equal(abandonTargetOfSpeed(-3), 0);
  });

  test('strategies by name', () => {
    const ctx = { abandonTarget: 0.03, connectDeadlineS: 2 };
    assert.equal(createStrategy('ratio:2.5', ctx).name, 'ratio:2.5');
    assert.equal(createStrategy('adapt', ctx).name, 'adapt');
    assert.equal(createStrategy('predictive', ctx).name, 'predictive');
    assert.throws(() => createStrategy('ratio:0', ctx), /unknown strategy "ratio:0"/);
    assert.throws(() => createStrategy('fast', ctx), /use one of predictive, progressive, ratio:X/);
  });
});
