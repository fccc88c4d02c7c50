// coalesce: one run at a time, and every caller gets a run that began after it called.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coalesce, sharedRuns } from '../src/engine/coalesce.ts';

/** A task whose runs end when the test says, recording when each began and ended. */
function controlled() {
  const log: string[] = [];
  const endings: (() => void)[] = [];
  let failNext = false;
  let runs = 0;
  let active = 0;
  let maxActive = 0;
  const run = () => {
    const n = ++runs;
    maxActive = Math.max(maxActive, ++active);
    log.push(`start ${n}`);
    const fail = failNext;
    failNext = false;
    return new Promise<void>((resolve, reject) => endings.push(() => {
      active--;
      log.push(`end ${n}`);
      if (fail) reject(new Error(`run ${n} failed`));
      else resolve();
    }));
  };
  return { run, log, end: () => endings.shift()?.(), failNextRun: () => { failNext = true; }, runs: () => runs, maxActive: () => maxActive };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('callers during a run share the one run after it; no more than one waits', async () => {
  const task = controlled();
  const call = coalesce(task.run);
  const first = call();
  const during = [call(), call(), call()];
  assert.equal(task.runs(), 1, 'the second run waits for the first to end');
  task.end();
  await first;
  await tick();
  assert.equal(task.runs(), 2, 'the callers during run 1 started one run, not three');
  const afterSecondStarted = call();
  task.end();
  await Promise.all(during);
  await tick();
  assert.equal(task.runs(), 3, 'a caller during run 2 gets run 3, which began after it called');
  task.end();
  await afterSecondStarted;
  assert.deepEqual(task.log, ['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
});

test('an idle caller starts a run at once; a failed run fails its callers and the next one runs', async () => {
  const task = controlled();
  const call = coalesce(task.run);
  task.failNextRun();
  const failing = call();
  const waiting = call();
  task.end();
  await assert.rejects(failing, /run 1 failed/);
  await tick();
  task.end();
  await waiting;
  const idle = call();
  assert.equal(task.runs(), 3, 'nothing in progress: the run starts at once');
  task.end();
  await idle;
});

test('a caller between the end of a run and the start of the queued one joins the queued one', async () => {
  const task = controlled();
  const call = coalesce(task.run);
  const first = call();
  const queued = call();
  task.end();
  await first;
  const inGap = call();
  await tick();
  assert.equal(task.runs(), 2);
  task.end();
  await Promise.all([queued, inGap]);
  assert.equal(task.maxActive(), 1, 'never two runs at once');
});

test('shared runs per key: callers of one key share a run that began after they asked; keys do not wait for each other', async () => {
  const shared = sharedRuns<string>();
  const started: string[] = [];
  const endings = new Map<string, (() => void)[]>();
  let n = 0;
  const run = (key: string) => () => {
    const name = `${key}#${++n}`;
    started.push(name);
    return new Promise<string>((resolve) => endings.set(key, [...(endings.get(key) ?? []), () => resolve(name)]));
  };
  const end = (key: string) => endings.get(key)?.shift()?.();
  const a1 = shared('a', run('a'));
  const b1 = shared('b', run('b'));
  assert.deepEqual(started, ['a#1', 'b#2'], 'another key starts at once');
  const during = [shared('a', run('a')), shared('a', run('a'))];
  assert.equal(started.length, 2, 'callers of a during its run wait for the next one');
  end('a');
  assert.equal(await a1, 'a#1');
  await tick();
  assert.deepEqual(started, ['a#1', 'b#2', 'a#3'], 'one run for both callers that came during a#1');
  end('a');
  assert.deepEqual(await Promise.all(during), ['a#3', 'a#3']);
  end('b');
  assert.equal(await b1, 'b#2');
  // An idle key starts afresh.
  const again = shared('a', run('a'));
  assert.deepEqual(started.at(-1), 'a#4');
  end('a');
  assert.equal(await again, 'a#4');
});
