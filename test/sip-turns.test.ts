// Customer legs start one per turn of the event loop (src/adapters/telephony/sip/turns.ts): what a
// turn leaves for the loop (I/O read, work queued for the next turn) runs before the waiter after.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oneAtATurn } from '../src/adapters/telephony/sip/turns.ts';

test('waiters go one per turn, in order, none lost; work a waiter leaves for the next turn runs before the waiter after next', async () => {
  const turn = oneAtATurn();
  const seen: string[] = [];
  await Promise.all([1, 2, 3].map((i) => turn().then(() => {
    seen.push(`w${i}`);
    setImmediate(() => seen.push(`after w${i}`));
  })));
  await new Promise((resolve) => setImmediate(resolve));
  // All in one turn would be w1, w2, w3 and only then what they left.
  assert.ok(seen.indexOf('after w1') < seen.indexOf('w3'), seen.join(', '));
  assert.deepEqual(seen.filter((s) => s.startsWith('w')), ['w1', 'w2', 'w3']);

  const order: number[] = [];
  await Promise.all(Array.from({ length: 100 }, (_, i) => turn().then(() => order.push(i))));
  assert.deepEqual(order, Array.from({ length: 100 }, (_, i) => i));
});

test('a waiter after a quiet spell goes in the next turn', async () => {
  const turn = oneAtATurn();
  await turn();
  let done = false;
  const later = turn().then(() => { done = true; });
  assert.equal(done, false, 'not in the same turn');
  await later;
  assert.equal(done, true);
});
