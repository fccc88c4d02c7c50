// A clock that moves only when told to. Timers run in time order; a timer that returns a promise
// is awaited before the next one runs, so asynchronous engine work settles deterministically.
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

export function virtualClock(startMs: number): VirtualClock {
  let now = startMs;
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
      timers.set(id, { id, at: now + Math.max(0, ms), seq: seq++, fn });
      return { id };
    },
    clearTimer(handle: TimerHandle) {
      timers.delete(handle.id);
    },
    async advanceTo(target) {
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
