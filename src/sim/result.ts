// The result of a replayed shift, exactly the fields of SCENARIOS.md "Result (JSON)".
import type { Scenario } from './scenario.ts';

export interface ShiftResult {
  scenario: string;
  strategy: string;
  seed: number;
  agents: Scenario['agents'];
  duration_s: number;
  dials: number;
  live_answers: number;
  connected: number;
  abandoned: number;
  /** abandoned / live_answers over the whole shift (0 when there were no live answers). */
  abandon_rate: number;
  /** See stats.ts maxWindowRate: 3600 s windows inside the shift holding at least 30 live answers. */
  max_window_abandon_rate: number;
  logged_s: number;
  talk_s: number;
  acw_s: number;
  idle_s: number;
  occupancy: number;
  utilization: number;
  limit_occupancy: number;
  /** Nearest-rank percentiles, seconds from live answer to connect, over connected calls. */
  customer_wait_s: { p50: number; p95: number; max: number };
  /** Seconds from an agent becoming ready to its next connected call (nearest-rank percentiles). */
  wait_s: { mean: number; p50: number; p95: number };
  wall_s: number;
}

/** The figures that depend on the replay alone (everything but wall_s), for comparisons. */
export function withoutWall(r: ShiftResult): Omit<ShiftResult, 'wall_s'> {
  const { wall_s: _wall, ...rest } = r;
  return rest;
}
