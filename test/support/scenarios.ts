// Small scenarios for the simulator tests: short shifts, so every test replays in well under a second.
import { parseScenario, type Scenario } from '../../src/sim/scenario.ts';

export function scenario(overrides: Record<string, unknown> = {}): Scenario {
  return parseScenario({
    name: 'test',
    description: 'a short shift',
    seed: 7,
    duration_s: 3600,
    agents: 10,
    records: 100000,
    ring_timeout_s: 22,
    connect_deadline_s: 2,
    talk_s: { dist: 'mixture', parts: [{ w: 0.35, dist: 'lognormal', mean: 24, sd: 15 }, { w: 0.65, dist: 'lognormal', mean: 206, sd: 190 }] },
    acw_s: { dist: 'gamma', mean: 20, sd: 10 },
    outcomes: [
      { result: 'answer', p: 0.15, ring_s: { dist: 'lognormal', mean: 8, sd: 5 } },
      { result: 'answer-machine', p: 0.25, ring_s: { dist: 'uniform', min: 10, max: 20 }, detect_s: { dist: 'uniform', min: 2, max: 4 } },
      { result: 'busy', p: 0.08, ring_s: { dist: 'uniform', min: 3, max: 6 } },
      { result: 'no-answer', p: 0.44 },
      { result: 'failed', p: 0.08, ring_s: { dist: 'uniform', min: 1, max: 3 } },
    ],
    ...overrides,
  });
}

/** Agents come and go, the answer rate moves in bursts and steps: every code path of the replay. */
export function eventfulScenario(): Scenario {
  return scenario({
    duration_s: 7200,
    agents: [{ at_s: 0, count: 8 }, { at_s: 1800, count: 14 }, { at_s: 3600, count: 5 }, { at_s: 5400, count: 10 }],
    changes: [{ at_s: 2400, answer_scale: 0.4 }, { at_s: 4800, answer_scale: 1.3 }],
    answer_regimes: { scales: [0.6, 1, 1.5], mean_sojourn_s: 600 },
    max_lines: 40,
  });
}
