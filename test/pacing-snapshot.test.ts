// The one pacing snapshot the engine and the simulator both build (src/domain/pacing/snapshot.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pacingSnapshot } from '../src/domain/pacing/snapshot.ts';

test('counts available agents by activity and age, calls ringing by age, and answered calls waiting', () => {
  const s = pacingSnapshot({
    now: 100, unitsPerSecond: 1,
    agents: [
      { state: 'ready', since: 90, nextState: null },
      { state: 'ringing', since: 99, nextState: null },
      { state: 'talking', since: 40, nextState: null },
      { state: 'held', since: 60, nextState: 'ready' },
      { state: 'acw', since: 95, nextState: null },
      { state: 'aux', since: 10, nextState: null },
      { state: 'logout', since: 0, nextState: null },
    ],
    calls: [
      { state: 'dialing', placedAt: 100 },
      { state: 'ringing', placedAt: 88 },
      { state: 'waiting', placedAt: 80 },
      { state: 'connected', placedAt: 50 },
      { state: 'ended', placedAt: 20 },
    ],
    maxLines: 30,
  });
  assert.deepEqual(s, {
    nowS: 100,
    agents: [
      { activity: 'ready', sinceS: 10 }, { activity: 'reserved', sinceS: 1 }, { activity: 'talking', sinceS: 60 },
      { activity: 'talking', sinceS: 40 }, { activity: 'acw', sinceS: 5 },
    ],
    ringing: [{ ageS: 0 }, { ageS: 12 }],
    waiting: 1,
    maxLines: 30,
  });
});

test('an agent on a call who asked for a break or a logout is not counted: it will not be free for the campaign', () => {
  const s = pacingSnapshot({
    now: 10_000, unitsPerSecond: 1000,
    agents: [
      { state: 'talking', since: 0, nextState: 'aux' },
      { state: 'acw', since: 0, nextState: 'logout' },
      { state: 'talking', since: 100, nextState: null },
    ],
    calls: [],
    maxLines: Infinity,
  });
  assert.deepEqual(s.agents, [{ activity: 'talking', sinceS: 9.9 }]);
  assert.equal(s.nowS, 10);
});
