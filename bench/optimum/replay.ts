// `node bench/optimum/replay.ts [--seeds N] TWIN.json…`: the exact optimum of each Markovian twin,
// its optimal policy's long-run figures on the chain, and that policy replayed by the shift
// simulator over N seeds: how often even the best stationary dialer ends a shift over the ceiling.
import { parseArgs } from 'node:util';
import { loadScenario } from '../../src/cli/simulate.ts';
import { simulate } from '../../src/sim/shift.ts';
import { optimum } from './optimum.ts';
import { policyFigures, tablePolicy } from './policy.ts';
import { twinOf } from './twin.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { seeds: { type: 'string', default: '10' } } });
const seeds = Number(values.seeds);
if (!Number.isInteger(seeds) || seeds < 1) throw new RangeError(`--seeds must be a positive integer (got ${values.seeds})`);
const pct = (x: number) => (100 * x).toFixed(2);
console.log('| twin | exact optimum | optimal policy on the chain: utilization, abandon % | replayed: utilization (mean) | replayed: abandon % per seed | seeds over the ceiling |');
console.log('|---|---|---|---|---|---|');
for (const file of positionals) {
  const scenario = loadScenario(file);
  const chain = twinOf(scenario);
  if (typeof chain === 'string') {
    console.error(`${file}: not a Markovian twin: ${chain}`);
    continue;
  }
  const best = optimum(chain);
  const figures = policyFigures(best.grid, best.target);
  const runs = Array.from({ length: seeds }, (_, i) => simulate(scenario, tablePolicy(best.grid, best.target), { seed: i + 1 }));
  const utilization = runs.reduce((s, r) => s + r.utilization, 0) / seeds;
  const over = runs.filter((r) => r.abandon_rate > scenario.abandon_limit + 1e-12).length;
  console.log(`| ${scenario.name} | ${best.utilization.toFixed(4)} | ${figures.utilization.toFixed(4)}, ${pct(figures.abandonRate)} | ${utilization.toFixed(4)} | ${runs.map((r) => pct(r.abandon_rate)).join(' ')} | ${over}/${seeds} |`);
}
