// A clock that moves only when told to. Timers run in time order; a timer that returns a promise
// is awaited before the next one runs, so asynchronous engine work settles deterministically.
// Like the system clock, it hands out whole milliseconds only (the Clock port's contract): a timer
// asked for a fraction (a carrier's drawn ring or talk time) runs at the next whole millisecond, so
// every instant the engine takes from it is one the store keeps exactly.
import type { Clock, TimerHandle } from './ports/clock.ts';

interface Timer { id: number; at: number; seq: number; fn: () => unknown }

export interface VirtualClock extends Clock {
  /** Moves time forward by `ms`, running every timer due on the way. */
  advance(ms: number): Promise<void>;
  /** Moves time to `epochMs` (never backwards). */
  advanceTo(epochMs: number): Promise<void>;
  /** Timers still scheduled. */
  pending(): number;
  /**
   * Work started by a timer that must finish before time moves on (a test's loopback I/O, which
   * takes no virtual time): `settle` is awaited after every timer. Returns the way to remove it.
   */
  settleAfterEachTimer(settle: () => Promise<void>): () => void;
}

/** A RangeError unless `ms` is an instant the clock can be at: a whole number of milliseconds. */
function wholeMs(ms: number, what: string): number {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`virtual clock: ${what} must be a whole number of milliseconds (got ${ms})`);
  return ms;
}

export function virtualClock(startMs: number): VirtualClock {
  let now = wholeMs(startMs, 'the start');
  let seq = 0;
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const settlers = new Set<() => Promise<void>>();

  const due = (limit: number): Timer | undefined => {
    let best: Timer | undefined;
    for (const t of timers.values()) {
      if (t.at <= limit && (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq))) best = t;
    }
    return best;
  };

  const clock: VirtualClock = {
    now: () => now,
    setTimer(ms, fn) {
      const id = nextId++;
      // Never before it is due: a fraction rounds up, as the system clock's timers do.
      timers.set(id, { id, at: now + Math.max(0, Math.ceil(ms)), seq: seq++, fn });
      return { id };
    },
    clearTimer(handle: TimerHandle) {
      timers.delete(handle.id);
    },
    async advanceTo(target) {
      wholeMs(target, 'the time to advance to');
      for (;;) {
        const t = due(target);
        if (!t) break;
        timers.delete(t.id);
        now = Math.max(now, t.at);
        await t.fn();
        for (const settle of settlers) await settle();
      }
      now = Math.max(now, target);
    },
    advance: (ms) => clock.advanceTo(now + ms),
    pending: () => timers.size,
    settleAfterEachTimer(settle) {
      settlers.add(settle);
      return () => settlers.delete(settle);
    },
  };
  return clock;
}
