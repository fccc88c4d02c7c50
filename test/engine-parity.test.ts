// The engine dials as the simulator says: a scenario replayed through the real engine (virtual
// clock, the scenario's carrier, each store) lands within a stated tolerance of `pacer simulate`
// on the same scenario and seed, and under the abandon ceiling. The tolerances and where the two
// still differ are in docs/dialer.md ("The engine against the simulator"); `npm run bench:parity`
// runs a bigger case.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { replayOnEngine, replayRefusal } from '../bench/engine-replay.ts';
import { createStrategy } from '../src/domain/pacing/strategies.ts';
import { simulate } from '../src/sim/shift.ts';
import { scenario } from './support/scenarios.ts';
import { sharedEmbedded, stopSharedEmbedded, storeKinds } from './support/stores.ts';

after(stopSharedEmbedded);
// Asked before any suite is declared: a suite declared before a top-level await kept the file from exiting.
const kinds = await storeKinds();

/** Utilisation may differ by this much (absolute)… */
const UTILIZATION_TOLERANCE = 0.04;
/** …and the abandon rate by this many points (a handful of abandons in a short shift). */
const ABANDON_TOLERANCE = 0.02;

const shares: Record<string, number> = { 'answer': 0.3, 'answer-machine': 0.2, 'busy': 0.1, 'no-answer': 0.35, 'failed': 0.05 };
/** Ten minutes of eight agents at 30 % live answers, with machines, busy lines and failures; fixed 5 s ACW. */
const parity = scenario({
  name: 'parity-8', duration_s: 600, agents: 8, acw_s: { dist: 'fixed', value: 5 },
  talk_s: { dist: 'lognormal', mean: 30, sd: 18 },
  // The outcomes of the simulator tests' scenario, twice the live answers.
  outcomes: scenario().outcomes.map((o) => ({ ...o, p: shares[o.result] })),
});
const SEED = 1;

describe('the engine replay', () => {
  test('names what it cannot replay as the simulator does', () => {
    assert.equal(replayRefusal(parity), undefined);
    assert.match(replayRefusal(scenario({ agents: [{ at_s: 0, count: 5 }, { at_s: 600, count: 8 }] })) ?? '', /^agents: .*constant team/);
    assert.match(replayRefusal(scenario({ connect_deadline_s: 0 })) ?? '', /^connect_deadline_s: the engine connects within 2 s \(got 0\)/);
    assert.match(replayRefusal(scenario({ acw_s: { dist: 'gamma', mean: 20, sd: 10 } })) ?? '', /^acw_s: /);
    assert.match(replayRefusal(scenario({ acw_s: { dist: 'fixed', value: 10 }, max_lines: 10 })) ?? '', /^max_lines: /);
  });
});

for (const { kind, skip } of kinds) {
  describe(`engine against simulator on ${kind}`, { skip }, () => {
    test('a short shift through the engine lands within tolerance of pacer simulate, under the ceiling', { timeout: 300_000 }, async () => {
      const sim = simulate(parity, createStrategy('predictive', { abandonTarget: parity.abandon_limit, connectDeadlineS: parity.connect_deadline_s }), { seed: SEED });
      const engine = await replayOnEngine(parity, { seed: SEED, store: kind, embedded: kind === 'pglite' ? await sharedEmbedded() : undefined });
      const pair = `engine ${JSON.stringify(engine)} against simulator utilization ${sim.utilization}, abandons ${sim.abandon_rate} (${sim.abandoned}/${sim.live_answers})`;
      assert.ok(sim.live_answers >= 100 && engine.live_answers >= 100, `enough answers to compare: ${pair}`);
      assert.equal(engine.acw_mean_s, 5, `after-call work lasts the operation's 5 s: ${pair}`);
      assert.ok(Math.abs(engine.utilization - sim.utilization) <= UTILIZATION_TOLERANCE, `utilization within ${UTILIZATION_TOLERANCE}: ${pair}`);
      assert.ok(Math.abs(engine.abandon_rate - sim.abandon_rate) <= ABANDON_TOLERANCE, `abandon rate within ${ABANDON_TOLERANCE}: ${pair}`);
      assert.ok(engine.abandon_rate <= parity.abandon_limit, `the engine stays under the ceiling: ${pair}`);
    });
  });
}
