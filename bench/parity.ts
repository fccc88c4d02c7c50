// `npm run bench:parity`: one scenario and seed through `pacer simulate` and through the real engine
// (bench/engine-replay.ts: virtual clock, the scenario's carrier, PostgreSQL or PGlite), side by
// side, with the differences; `--write` records the pair in BENCHMARKS.md (section `parity`).
//
//   npm run bench:parity -- [--scenario FILE] [--seed N] [--store postgres|pglite] [--strategy NAME] [--write]
import { loadavg } from 'node:os';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenario } from '../src/cli/simulate.ts';
import { createStrategy } from '../src/domain/pacing/strategies.ts';
import { simulate } from '../src/sim/shift.ts';
import { machine, writeSection } from './benchmarks-file.ts';
import { replayOnEngine } from './engine-replay.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: resolve(import.meta.dirname, 'parity', 'reference-20-1h.json') },
    seed: { type: 'string' },
    store: { type: 'string', default: 'postgres' },
    strategy: { type: 'string', default: 'predictive' },
    write: { type: 'boolean', default: false },
  },
});
if (values.store !== 'postgres' && values.store !== 'pglite') throw new Error(`--store must be postgres or pglite (got ${values.store})`);
const store = values.store;
const scenario = loadScenario(values.scenario);
const seed = values.seed === undefined ? scenario.seed : Number(values.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer (got ${values.seed})`);

const simStarted = performance.now();
const sim = simulate(scenario, createStrategy(values.strategy, { abandonTarget: scenario.abandon_limit, connectDeadlineS: scenario.connect_deadline_s }), { seed });
const simWall = (performance.now() - simStarted) / 1000;
const engine = await replayOnEngine(scenario, {
  seed, store, strategy: values.strategy,
  onMinute: (m) => { if (m % 10 === 0) process.stderr.write(`  engine: ${m} of ${Math.ceil(scenario.duration_s / 60)} simulated minutes\n`); },
});

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const f3 = (x: number) => x.toFixed(3);
const rows: [string, string, string, string][] = [
  ['utilization (talk + ACW) / logged', f3(sim.utilization), f3(engine.utilization), f3(engine.utilization - sim.utilization)],
  ['occupancy talk / logged', f3(sim.occupancy), f3(engine.occupancy), f3(engine.occupancy - sim.occupancy)],
  ['abandon rate', pct(sim.abandon_rate), pct(engine.abandon_rate), `${(100 * (engine.abandon_rate - sim.abandon_rate)).toFixed(2)} points`],
  ['live answers', String(sim.live_answers), String(engine.live_answers), String(engine.live_answers - sim.live_answers)],
  ['abandoned', String(sim.abandoned), String(engine.abandoned), String(engine.abandoned - sim.abandoned)],
  ['dials', String(sim.dials), String(engine.dials), String(engine.dials - sim.dials)],
  ['mean after-call work', `${(sim.acw_s / Math.max(1, sim.connected)).toFixed(1)} s`, `${engine.acw_mean_s.toFixed(1)} s`, ''],
  ['wall time', `${simWall.toFixed(1)} s`, `${engine.wall_s.toFixed(1)} s`, ''],
];
const section = [
  '## Engine against simulator (`npm run bench:parity`)',
  '',
  `Scenario \`${relative(root, resolve(values.scenario))}\` (${engine.agents} agents, ${scenario.duration_s / 3600} h), strategy ${values.strategy}, seed ${seed}: \`pacer simulate\` beside the real engine on ${store === 'postgres' ? 'PostgreSQL' : 'PGlite'} (virtual clock, the scenario's carrier, bench/engine-replay.ts). Ceiling ${pct(scenario.abandon_limit)}. docs/dialer.md says where the two differ and why.`,
  '',
  `Machine: ${machine()}; load average ${(loadavg()[0] ?? 0).toFixed(1)} when the replay ended (the engine's wall time depends on it).`,
  '',
  '| figure | simulator | engine | engine − simulator |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
console.log(section);
if (values.write) {
  writeSection('parity', section);
  console.error('wrote BENCHMARKS.md');
}
