// Requests per token on the native face. The wolkvox face limits a token by its concurrent
// requests and its daily quota (SPEC); the native face, built for integrations and consoles, by a
// rate: each token has a bucket of `burst` requests that refills at `perSecond`, on the engine's
// clock. Per process: two processes allow a token twice the rate between them.
import type { Clock } from './ports/clock.ts';

export interface RateLimit {
  perSecond: number;
  burst: number;
}

export interface TokenBuckets {
  /** Takes one request from `key`'s bucket: undefined when allowed, else the seconds until one is. */
  take(key: string): number | undefined;
}

export function tokenBuckets(clock: Clock, limit: RateLimit): TokenBuckets {
  const buckets = new Map<string, { level: number; at: number }>();
  const refill = (b: { level: number; at: number }, now: number) => Math.min(limit.burst, b.level + ((now - b.at) / 1000) * limit.perSecond);
  let swept = clock.now();
  return {
    take(key) {
      const now = clock.now();
      // A bucket that has refilled is the same as none: forget those, so that the map holds only
      // the tokens active in the last few seconds.
      if (now - swept > 60_000) {
        for (const [k, b] of buckets) if (refill(b, now) >= limit.burst) buckets.delete(k);
        swept = now;
      }
      const b = buckets.get(key) ?? { level: limit.burst, at: now };
      const level = refill(b, now);
      if (level < 1) {
        buckets.set(key, { level, at: now });
        return Math.max(1, Math.ceil((1 - level) / limit.perSecond));
      }
      buckets.set(key, { level: level - 1, at: now });
      return undefined;
    },
  };
}
