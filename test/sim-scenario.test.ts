// Scenario files: what is accepted, and errors that name the field at fault.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { carrier } from '../src/sim/carrier.ts';
import { parseScenario, ScenarioError } from '../src/sim/scenario.ts';
import { maxWindowRate, percentile } from '../src/sim/stats.ts';
import { scenario } from './support/scenarios.ts';

const valid = () => JSON.parse(JSON.stringify(scenario())) as Record<string, unknown>;
const fails = (patch: Record<string, unknown>, message: RegExp) =>
  assert.throws(() => parseScenario({ ...valid(), ...patch }), (e: unknown) => e instanceof ScenarioError && message.test(e.message));

describe('scenario parsing', () => {
  test('accepts the public scenarios', () => {
    for (const name of ['small-team', 'markov-twin-20', 'hit-rate-drop']) {
      const file = join(import.meta.dirname, '..', '..', 'shared', 'bench', 'scenarios', `${name}.json`);
      let text: string;
      try { text = readFileSync(file, 'utf8'); } catch { continue; } // outside the shared workspace
      assert.equal(parseScenario(JSON.parse(text)).name, name);
    }
  });

  test('defaults: connect deadline 2 s, ceiling 3 %, no line cap', () => {
    const v = valid();
    delete v.connect_deadline_s;
    const s = parseScenario(v);
    assert.equal(s.connect_deadline_s, 2);
    assert.equal(s.abandon_limit, 0.03);
    assert.equal(s.max_lines, Infinity);
  });

  test('errors name the field', () => {
    fails({ duration_s: undefined }, /duration_s must be a number/);
    fails({ agents: 0 }, /agents must be at least 1/);
    fails({ agents: [{ at_s: 0, count: 3 }, { at_s: 0, count: 4 }] }, /agents\[1\]\.at_s must be later/);
    fails({ talk_s: { dist: 'weibull', mean: 3 } }, /talk_s\.dist must be one of/);
    fails({ acw_s: { dist: 'mixture', parts: [{ w: 0.5, dist: 'fixed', value: 1 }] } }, /acw_s\.parts weights must sum to 1/);
    fails({ outcomes: [{ result: 'answer', p: 0.5, ring_s: { dist: 'fixed', value: 3 } }] }, /outcomes probabilities p must sum to 1/);
    fails({ outcomes: [{ result: 'hangup', p: 1 }] }, /outcomes\[0\]\.result must be one of/);
    fails({ outcomes: [{ result: 'answer-machine', p: 1, ring_s: { dist: 'fixed', value: 3 } }] }, /outcomes\[0\]\.detect_s is required/);
    fails({ changes: [{ at_s: 10 }] }, /changes\[0\]\.answer_scale must be a number/);
    fails({ answer_regimes: { scales: [], mean_sojourn_s: 10 } }, /answer_regimes must be/);
  });

  test('a record draws the same attempt whenever it is dialled, and answers whenever it answered at a lower rate', () => {
    const s = scenario({ changes: [{ at_s: 100, answer_scale: 0.5 }] });
    const c = carrier(s, 9);
    for (let r = 1; r <= 500; r++) {
      const early = c.attempt(r, 1, 50);
      const late = carrier(s, 9).attempt(r, 1, 150);
      assert.deepEqual(c.attempt(r, 1, 50), early);
      if (late.result === 'answer') assert.equal(early.result, 'answer');
      assert.equal(late.talkS, early.talkS);
    }
  });
});

describe('result statistics', () => {
  test('nearest-rank percentiles', () => {
    assert.equal(percentile([], 0.5), 0);
    assert.equal(percentile([1, 2, 3, 4], 0.5), 2);
    assert.equal(percentile([1, 2, 3, 4], 0.95), 4);
  });

  test('worst rolling hour: only windows inside the shift with at least 30 answers', () => {
    const times = Array.from({ length: 120 }, (_, i) => i * 60); // one answer a minute for two hours
    const abandoned = times.map((_, i) => i >= 90 && i < 96); // six abandons in the last half hour
    assert.equal(maxWindowRate(times, abandoned, 7200), 6 / 60);
    assert.equal(maxWindowRate(times.slice(0, 20), abandoned.slice(0, 20), 7200), 0);
  });
});

describe('pacer simulate (CLI)', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(import.meta.dirname, '..', 'src', 'cli', 'main.ts'), 'simulate', ...args], { encoding: 'utf8' });

  test('--json: the last line is the result; --events writes JSON lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pacer-sim-'));
    const file = join(dir, 's.json');
    writeFileSync(file, JSON.stringify({ ...valid(), duration_s: 600 }));
    const out = cli('--scenario', file, '--strategy', 'adapt', '--seed', '4', '--events', join(dir, 'e.jsonl'), '--json');
    assert.equal(out.status, 0, out.stderr);
    const result = JSON.parse(out.stdout.trim().split('\n').pop() ?? '') as { strategy: string; seed: number; dials: number };
    assert.equal(result.strategy, 'adapt');
    assert.equal(result.seed, 4);
    const lines = readFileSync(join(dir, 'e.jsonl'), 'utf8').trim().split('\n');
    assert.equal(lines.filter((l) => (JSON.parse(l) as { type: string }).type === 'dial').length, result.dials);
    const human = cli('--scenario', file);
    assert.match(human.stdout, /utilization/);
  });

  test('bad flags and files are explained', () => {
    const missing = cli('--strategy', 'adapt');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--scenario FILE is required/);
    assert.match(cli('--scenario', '/nonexistent.json').stderr, /cannot read scenario file/);
    assert.match(cli('--scenario', '/dev/null', '--seed', 'x').stderr, /--seed must be an integer/);
    assert.match(cli('--scenario', '/dev/null', '--bogus').stderr, /Unknown option '--bogus'/);
    const dir = mkdtempSync(join(tmpdir(), 'pacer-sim-'));
    writeFileSync(join(dir, 'bad.json'), '{"name":');
    assert.match(cli('--scenario', join(dir, 'bad.json')).stderr, /is not valid JSON/);
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(valid()));
    assert.match(cli('--scenario', join(dir, 'ok.json'), '--strategy', 'turbo').stderr, /unknown strategy "turbo"/);
  });
});
