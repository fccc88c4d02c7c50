// `pacer simulate`: replays a scenario file with a strategy and prints the result, a readable
// summary by default or the result object as the last stdout line with --json.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createStrategy } from '../domain/pacing/strategies.ts';
import type { ShiftEvent } from '../sim/events.ts';
import type { ShiftResult } from '../sim/result.ts';
import { parseScenario, ScenarioError, type Scenario } from '../sim/scenario.ts';
import { simulate } from '../sim/shift.ts';

const usage = 'usage: pacer simulate --scenario FILE [--strategy predictive|progressive|ratio:X|adapt] [--seed N] [--events OUT.jsonl] [--json]';

class UsageError extends Error {}

export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read scenario file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return parseScenario(json);
}

/** Writes event lines through a buffer: a shift produces hundreds of thousands of them. */
function eventWriter(file: string): { sink: (e: ShiftEvent) => void; close: () => void } {
  let fd: number;
  try {
    fd = openSync(file, 'w');
  } catch (e) {
    throw new UsageError(`cannot write events to ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) writeSync(fd, lines.join('\n') + '\n');
    lines = [];
  };
  return {
    sink: (e) => {
      lines.push(JSON.stringify(e));
      if (lines.length >= 10000) flush();
    },
    close: () => {
      flush();
      closeSync(fd);
    },
  };
}

function parse(args: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: {
        scenario: { type: 'string' },
        strategy: { type: 'string', default: 'predictive' },
        seed: { type: 'string' },
        events: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.scenario) throw new UsageError('--scenario FILE is required');
    let seed: number | undefined;
    if (values.seed !== undefined) {
      if (!/^-?\d+$/.test(values.seed)) throw new UsageError(`--seed must be an integer (got "${values.seed}")`);
      seed = Number(values.seed);
    }
    return { scenario: values.scenario, strategy: values.strategy, seed, events: values.events, json: values.json };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

export function summary(r: ShiftResult): string {
  return [
    `${r.scenario} · ${r.strategy} · seed ${r.seed} · ${r.duration_s} s replayed in ${r.wall_s.toFixed(2)} s`,
    `  utilization   ${pct(r.utilization)} (occupancy ${pct(r.occupancy)}, limit ${pct(r.limit_occupancy)})`,
    `  abandon rate  ${pct(r.abandon_rate)} (${r.abandoned} of ${r.live_answers} live answers; worst hour ${pct(r.max_window_abandon_rate)})`,
    `  calls         ${r.dials} dials, ${r.connected} connected`,
    `  agent wait    mean ${r.wait_s.mean.toFixed(1)} s, p50 ${r.wait_s.p50.toFixed(1)} s, p95 ${r.wait_s.p95.toFixed(1)} s`,
    `  customer wait p50 ${r.customer_wait_s.p50.toFixed(2)} s, p95 ${r.customer_wait_s.p95.toFixed(2)} s, max ${r.customer_wait_s.max.toFixed(2)} s`,
  ].join('\n');
}

export function runSimulate(args: string[]): number {
  try {
    const opts = parse(args);
    const scenario = loadScenario(opts.scenario);
    const strategy = createStrategy(opts.strategy, { abandonTarget: scenario.abandon_limit, connectDeadlineS: scenario.connect_deadline_s });
    const writer = opts.events ? eventWriter(opts.events) : undefined;
    let result: ShiftResult;
    try {
      result = simulate(scenario, strategy, { seed: opts.seed, events: writer?.sink, wallMs: () => performance.now() });
    } finally {
      writer?.close();
    }
    console.log(opts.json ? JSON.stringify(result) : summary(result));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`pacer simulate: ${e.message}\n${usage}`);
      return 2;
    }
    if (e instanceof ScenarioError || e instanceof RangeError) {
      console.error(`pacer simulate: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
