// The retry policy of campaign records: pure, one table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callResults } from '../src/domain/call-state.ts';
import { afterAttempt, retryDelayS } from '../src/domain/record-result.ts';

const now = Date.parse('2026-03-02T15:00:00Z');

test('answer and do-not-call finish a record; the last allowed attempt finishes it whatever its result', () => {
  assert.deepEqual(afterAttempt('answer', 1, 3, now), { status: 'done', nextAttemptAt: null });
  assert.deepEqual(afterAttempt('do-not-call', 1, 3, now), { status: 'done', nextAttemptAt: null });
  for (const r of callResults) assert.equal(afterAttempt(r, 3, 3, now).status, 'done', r);
});

test('an abandoned customer is not called again for 72 hours; other results wait their delay', () => {
  assert.deepEqual(afterAttempt('abandon', 1, 3, now), { status: 'fresh', nextAttemptAt: now + 72 * 3600_000 });
  for (const r of callResults) {
    const delay = retryDelayS[r];
    if (delay !== null) assert.equal(afterAttempt(r, 1, 3, now).nextAttemptAt, now + delay * 1000, r);
  }
});
