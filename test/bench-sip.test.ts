// `npm run bench:sip` at its smallest, so the benchmark keeps running end to end: Pacer in sip
// mode (embedded store) against a sipp carrier and a sipp phone for 5 agents, a 3 s window. It
// checks that the run completes and reports; it asserts no figure (a shared CI machine would make
// any threshold flaky). About 15 s.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { sippSkip } from './support/sipp/peer.ts';

test('bench:sip runs end to end at 5 agents and prints its tables', { skip: sippSkip, timeout: 90_000 }, async () => {
  const args = [
    'bench/sip.ts', '--agents', '5', '--modes', 'sip', '--store', 'pglite', '--duration', '3', '--warmup', '2',
    '--ring-timeout', '5', '--ring', '0.5-1', '--busy', '0.2-0.5', '--talk', '1', '--acw', '0', '--settle', '0', '--quiet',
  ];
  const child = spawn(process.execPath, args, { cwd: new URL('..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 0, err);
  const row = JSON.parse(out.split('\n').find((l) => l.startsWith('{')) ?? '{}') as { mode?: string; agents?: number; attempts?: number; failures?: object };
  assert.equal(row.mode, 'sip');
  assert.equal(row.agents, 5);
  assert.equal(typeof row.attempts, 'number');
  assert.ok(row.failures, 'failures are reported');
  assert.match(out, /^\| sip \| 5 \|/m, 'the results table');
  assert.match(out, /^Machine: /m, 'the machine line');
  // Linux says how long the loop's thread waited for a core (schedstat): the stall line splits it out.
  assert.match(out, /^Event-loop stalls of 50 ms or more .*: sip 5: \d+ stalls.*waiting for a core/m, 'the stall line');
});
