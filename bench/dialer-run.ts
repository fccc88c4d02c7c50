// One benchmark run, in a worker thread: a scenario file, a strategy name and a seed in; the
// result out. Kept apart from bench/dialer.ts so runs spread over the machine's cores.
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { createStrategy } from '../src/domain/pacing/strategies.ts';
import { loadScenario } from '../src/cli/simulate.ts';
import { simulate } from '../src/sim/shift.ts';

export interface RunRequest { id: number; file: string; strategy: string; seed: number }

export function runOne(req: RunRequest) {
  const scenario = loadScenario(req.file);
  const strategy = createStrategy(req.strategy, { abandonTarget: scenario.abandon_limit, connectDeadlineS: scenario.connect_deadline_s });
  return simulate(scenario, strategy, { seed: req.seed, wallMs: () => performance.now() });
}

parentPort?.on('message', (req: RunRequest) => {
  parentPort?.postMessage({ id: req.id, result: runOne(req) });
});
