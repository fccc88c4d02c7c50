// One benchmark job, in a worker thread: a scenario file, a strategy name and a seed in, the shift's
// result out; or, for a Markovian twin, its exact optimum. Kept apart from bench/dialer.ts so jobs
// spread over the machine's cores.
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { createStrategy } from '../src/domain/pacing/strategies.ts';
import { loadScenario } from '../src/cli/simulate.ts';
import { simulate } from '../src/sim/shift.ts';
import { optimum } from './optimum/optimum.ts';
import { twinOf } from './optimum/twin.ts';

export interface RunRequest { id: number; file: string; strategy: string; seed: number }
export interface OptimumRequest { id: number; file: string; optimum: true }
export interface TwinOptimum { utilization: number; lambda: number; states: number; sweeps: number; wall_s: number }

export function runOne(req: RunRequest) {
  const scenario = loadScenario(req.file);
  const strategy = createStrategy(req.strategy, { abandonTarget: scenario.abandon_limit, connectDeadlineS: scenario.connect_deadline_s });
  return simulate(scenario, strategy, { seed: req.seed, wallMs: () => performance.now() });
}

/** The exact optimum of a twin scenario; undefined when the file is not one. */
export function optimumOf(file: string): TwinOptimum | undefined {
  const chain = twinOf(loadScenario(file));
  if (typeof chain === 'string') return undefined;
  const started = performance.now();
  const o = optimum(chain);
  return { utilization: o.utilization, lambda: o.lambda, states: o.grid.size, sweeps: o.sweeps, wall_s: (performance.now() - started) / 1000 };
}

parentPort?.on('message', (req: RunRequest | OptimumRequest) => {
  if ('optimum' in req) parentPort?.postMessage({ id: req.id, optimum: optimumOf(req.file) ?? null });
  else parentPort?.postMessage({ id: req.id, result: runOne(req) });
});
