// The wall clock, for production.
import type { Clock, TimerHandle } from '../../engine/ports/clock.ts';

export function systemClock(): Clock {
  const timers = new Map<number, NodeJS.Timeout>();
  let next = 1;
  return {
    now: () => Date.now(),
    setTimer(ms, fn) {
      const id = next++;
      const t = setTimeout(() => {
        timers.delete(id);
        void fn();
      }, Math.max(0, ms));
      t.unref();
      timers.set(id, t);
      return { id };
    },
    clearTimer(handle: TimerHandle) {
      const t = timers.get(handle.id);
      if (t) clearTimeout(t);
      timers.delete(handle.id);
    },
  };
}
