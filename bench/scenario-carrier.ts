// The simulated carrier driven by a dialer scenario (../shared/bench/SCENARIOS.md): each call to a
// record's phone does what the shift simulator's carrier (src/sim/carrier.ts) draws for that
// record's attempt — result, ring time, machine recognition, conversation — so the real engine and
// `pacer simulate` face the same customers, and any difference in their figures is the dialers'.
// Answering machines are reported when they are recognised (ring + detection), as the engine only
// learns then; calls ring until the scenario's own ring timeout, not the engine's default.
import type { Clock } from '../src/engine/ports/clock.ts';
import { carrier } from '../src/sim/carrier.ts';
import type { Scenario } from '../src/sim/scenario.ts';
import { simulatedTelephony, type ScriptedBehavior, type SimulatedTelephony } from '../src/adapters/telephony/simulated.ts';

export interface ScenarioCarrierOptions {
  seed: number;
  /** The instant the shift starts (the scenario's time 0, for its answer-rate changes). */
  shiftStartMs: number;
  /** The record (1, 2, …: its place in the scenario's load order) a phone belongs to; undefined: not the scenario's. */
  recordOf(phone: string): number | undefined;
}

export function scenarioTelephony(clock: Clock, scenario: Scenario, options: ScenarioCarrierOptions): SimulatedTelephony {
  const draws = carrier(scenario, options.seed);
  const attempts = new Map<number, number>();
  const behaviorOf = (to: string): ScriptedBehavior | undefined => {
    const record = options.recordOf(to);
    if (record === undefined) return undefined;
    const n = (attempts.get(record) ?? 0) + 1;
    attempts.set(record, n);
    const a = draws.attempt(record, n, (clock.now() - options.shiftStartMs) / 1000);
    if (a.result === 'answer') return { result: 'answer', ringS: a.ringS, talkS: a.talkS };
    if (a.result === 'answer-machine') return { result: 'answer-machine', ringS: a.ringS + a.detectS };
    return { result: a.result, ringS: a.ringS };
  };
  const inner = simulatedTelephony(clock, { outcomes: [], talkS: null, patienceS: null }, options.seed, behaviorOf);
  return { ...inner, originate: (req) => inner.originate({ ...req, ringTimeoutS: scenario.ring_timeout_s }) };
}
