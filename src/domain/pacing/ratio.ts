// Fixed-ratio power dialing: X calls in flight per ready agent, whatever happens. A baseline, and
// a mode for campaigns whose operator wants exactly that.
import { readyCount, type PacingStrategy } from './strategy.ts';

export function ratio(x: number): PacingStrategy {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`ratio must be a positive number (got ${x})`);
  return {
    name: `ratio:${x}`,
    decide(s) {
      const inFlight = s.ringing.length + s.waiting;
      return Math.max(0, Math.min(Math.round(x * readyCount(s)) - inFlight, s.maxLines - inFlight));
    },
    observe: () => undefined,
    target: () => ({ dialRatio: x }),
  };
}
