// `npm run bench:dialer`: every scenario × every strategy × N seeds through the shift simulator,
// in worker threads, summarised as mean and 95 % interval and written into BENCHMARKS.md between
// the dialer markers (the rest of the file belongs to other benchmarks) with an SVG chart beside it.
// For a Markovian twin (bench/optimum/twin.ts) the table also gives the exact optimum, computed by
// bench/optimum/optimum.ts, and each strategy's utilization as a share of it.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { ShiftResult } from '../src/sim/result.ts';
import type { OptimumRequest, RunRequest, TwinOptimum } from './dialer-run.ts';
import { chartSvg, type ChartPoint } from './dialer-chart.ts';
import { interval } from './dialer-stats.ts';
import { machine, writeSection } from './benchmarks-file.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    // Directories or .json files, comma-separated: the shared scenarios and this repository's twins.
    scenarios: { type: 'string', default: [join(root, '..', 'shared', 'bench', 'scenarios'), join(root, 'bench', 'scenarios')].join(',') },
    seeds: { type: 'string', default: '10' },
    strategies: { type: 'string', default: 'progressive,ratio:1.5,ratio:2,adapt,predictive' },
    jobs: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    write: { type: 'boolean', default: true },
    'no-write': { type: 'boolean', default: false },
  },
});
// `--seeds N` runs seeds 1…N; `--seeds A-B` runs A…B (held-out seeds, e.g. 31-70).
const seedRange = /^(\d+)-(\d+)$/.exec(values.seeds);
const firstSeed = seedRange ? Number(seedRange[1]) : 1;
const lastSeed = seedRange ? Number(seedRange[2]) : Number(values.seeds);
if (!Number.isInteger(firstSeed) || !Number.isInteger(lastSeed) || firstSeed < 1 || lastSeed < firstSeed) throw new RangeError(`--seeds must be N or A-B with 1 ≤ A ≤ B (got ${values.seeds})`);
const seeds = Array.from({ length: lastSeed - firstSeed + 1 }, (_, i) => firstSeed + i);
const strategies = values.strategies.split(',');
const sources = values.scenarios.split(',').filter((x) => x !== '');
const files = sources.flatMap((src) => (statSync(src).isDirectory()
  ? readdirSync(src).filter((f) => f.endsWith('.json')).map((f) => join(src, f))
  : [src])).sort((a, b) => a.split('/').at(-1)!.localeCompare(b.split('/').at(-1)!));

const requests: RunRequest[] = [];
for (const file of files) for (const strategy of strategies) for (const seed of seeds) requests.push({ id: requests.length, file, strategy, seed });
// The optima go first: the largest take longer than a replay.
const optimumRequests: OptimumRequest[] = files.map((file, i) => ({ id: requests.length + i, file, optimum: true }));

async function runAll(): Promise<{ results: ShiftResult[]; optima: Map<string, TwinOptimum> }> {
  const results: ShiftResult[] = new Array<ShiftResult>(requests.length);
  const optima = new Map<string, TwinOptimum>();
  const queue: (RunRequest | OptimumRequest)[] = [...optimumRequests, ...requests];
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.max(1, Number(values.jobs)) }, () => new Worker(join(import.meta.dirname, 'dialer-run.ts')));
  await Promise.all(workers.map((w) => new Promise<void>((ok, fail) => {
    const feed = () => {
      const req = queue[next++];
      if (req) w.postMessage(req);
      else ok();
    };
    w.on('message', (m: { id: number; result?: ShiftResult; optimum?: TwinOptimum | null }) => {
      if (m.result) {
        results[m.id] = m.result;
        done++;
        if (done % 25 === 0) process.stderr.write(`  ${done}/${requests.length} runs\n`);
      } else {
        const file = optimumRequests[m.id - requests.length]?.file;
        if (m.optimum && file) optima.set(file, m.optimum);
      }
      feed();
    });
    w.on('error', fail);
    feed();
  })));
  await Promise.all(workers.map((w) => w.terminate()));
  return { results, optima };
}


const pct = (x: number) => (100 * x).toFixed(2);
const started = performance.now();
const { results, optima } = await runAll();
const wall = (performance.now() - started) / 1000;

const lines: string[] = [];
const points: ChartPoint[] = [];
lines.push('| scenario | strategy | utilization (95 % CI) | × exact optimum | abandon % (95 % CI) | worst seed abandon % | runs ≤ ceiling | max 1 h window abandon % (mean / worst) | replay s (mean) |');
lines.push('|---|---|---|---|---|---|---|---|---|');
for (const file of files) {
  for (const strategy of strategies) {
    const runs = results.filter((r, i) => requests[i]?.file === file && requests[i]?.strategy === strategy);
    const first = runs[0];
    if (!first) continue;
    const ceiling = (JSON.parse(readFileSync(file, 'utf8')) as { abandon_limit?: number }).abandon_limit ?? 0.03;
    const u = interval(runs.map((r) => r.utilization));
    const a = interval(runs.map((r) => r.abandon_rate));
    const w = interval(runs.map((r) => r.max_window_abandon_rate));
    const under = runs.filter((r) => r.abandon_rate <= ceiling + 1e-12).length;
    const wallMean = runs.reduce((s, r) => s + r.wall_s, 0) / runs.length;
    const best = optima.get(file);
    const share = best ? (u.mean / best.utilization).toFixed(3) : '';
    lines.push(`| ${first.scenario} | ${strategy} | ${u.mean.toFixed(3)} ± ${u.half.toFixed(3)} | ${share} | ${pct(a.mean)} ± ${pct(a.half)} | ${pct(a.max)} | ${under}/${runs.length} | ${pct(w.mean)} / ${pct(w.max)} | ${wallMean.toFixed(2)} |`);
    points.push({ scenario: first.scenario, strategy, utilization: u, abandon: a, ceiling });
  }
}

const twinLines: string[] = [];
for (const file of files) {
  const best = optima.get(file);
  const name = results.find((r, i) => requests[i]?.file === file)?.scenario;
  if (!best || !name) continue;
  const chain = JSON.parse(readFileSync(file, 'utf8')) as { agents: number; outcomes: { result: string; p: number }[] };
  const live = chain.outcomes.find((o) => o.result === 'answer')?.p ?? 0;
  twinLines.push(`| ${name} | ${chain.agents} | ${(100 * live).toFixed(0)} % | ${best.utilization.toFixed(4)} | ${best.lambda.toPrecision(4)} | ${best.states} | ${best.sweeps} | ${best.wall_s.toFixed(1)} |`);
}

const section = [
  '## Dialer: utilization against abandons',
  '',
  `\`npm run bench:dialer\`: every scenario in ${sources.map((src) => `\`${relative(root, resolve(src))}\``).join(' and ')} × ${strategies.length} strategies × ${seeds.length} seeds (${firstSeed}…${lastSeed}), each an 8-hour shift replayed by the simulator (\`pacer simulate\`). Mean and 95 % interval (Student t) over the seeds; "runs ≤ ceiling" counts seeds whose whole-shift abandon rate is at or under the scenario's \`abandon_limit\`.`,
  '',
  `Machine: ${machine()}. ${requests.length} replays in ${wall.toFixed(0)} s of wall time on ${values.jobs} worker threads.`,
  '',
  ...lines,
  '',
  ...(twinLines.length > 0 ? [
    'Markovian twins (exponential ring and talk times, one resolution rate, no after-call work, no connect grace): the exact optimum is the best long-run utilization any dialer can hold with abandons at the ceiling, from the linear program over the chain (agents busy × calls ringing), solved through its Lagrangian dual by value iteration (`bench/optimum/`, docs/dialer.md). "× exact optimum" above is a strategy\'s mean utilization over it (a strategy over the ceiling may pass it: the optimum holds abandons at the ceiling); the shift\'s first minutes (an empty floor) are in the replay and not in the optimum.',
    '',
    '| twin | agents | live answers | exact optimum | price of an abandon λ | states | value-iteration sweeps | solve s |',
    '|---|---|---|---|---|---|---|---|',
    ...twinLines,
    '',
  ] : []),
  '![utilization against abandon rate per strategy](bench/dialer-chart.svg)',
].join('\n');

console.log(section);
if (values.write && !values['no-write']) {
  writeSection('dialer', section);
  writeFileSync(join(import.meta.dirname, 'dialer-chart.svg'), chartSvg(points, strategies));
  console.error(`wrote BENCHMARKS.md and bench/dialer-chart.svg`);
}
