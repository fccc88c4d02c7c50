// The console's running times (packages/console/src/time.ts) when the server's clock is not the
// browser's: a server on a virtual clock stamps times days away from the browser's now, and the
// timers must still start at 0:00 for what the console saw change, and never go negative.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, sinceOf, type Seen } from '../packages/console/src/time.ts';

test('durations read m:ss, then h:mm:ss, and never below 0:00', () => {
  assert.deepEqual([0, 999, 61_000, 3_599_000, 3_600_000, 36_061_000].map(formatDuration), ['0:00', '0:00', '1:01', '59:59', '1:00:00', '10:01:01']);
  assert.equal(formatDuration(-5000), '0:00');
  assert.equal(formatDuration(Number.NaN), '0:00');
});

test('a state seen changing starts at the browser\'s now, whatever the server\'s clock says', () => {
  const seen: Seen = new Map();
  const browserNow = Date.parse('2026-12-06T18:00:00Z');
  // At load: taken as the server stamped it (the server and the browser agree in production)…
  assert.equal(sinceOf(seen, 'agent', '2026-12-06T17:59:00Z', false, browserNow), browserNow - 60_000);
  // …but never in the browser's future (a server clock ahead of the browser's).
  assert.equal(sinceOf(seen, 'other', '2026-12-07T00:00:00Z', false, browserNow), browserNow);
  // A change seen live, stamped by a virtual clock nine months back: it began now, here.
  assert.equal(sinceOf(seen, 'agent', '2026-03-02T15:00:00Z', true, browserNow + 5000), browserNow + 5000);
  assert.equal(formatDuration(browserNow + 8000 - (sinceOf(seen, 'agent', '2026-03-02T15:00:00Z', true, browserNow + 8000) ?? 0)), '0:03', 'and it runs from there');
  assert.equal(sinceOf(seen, 'call', null, true, browserNow), null);
  assert.equal(sinceOf(seen, 'bad', 'not a time', false, browserNow), browserNow);
  assert.equal(seen.size, 3, 'one entry per thing, replaced when its stamp changes');
});
