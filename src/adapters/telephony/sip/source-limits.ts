// How much Pacer's SIP listener answers requests it did not ask for, on the engine's clock (so a
// test moves through a block in no time). A source address that keeps giving wrong credentials is
// not answered for a while; answers to addresses Pacer does not know come out of a bucket that
// refills at a bounded rate, so a scanner's flood gets a trickle of 403s and nothing more.
import type { Clock } from '../../../engine/ports/clock.ts';

export interface FailureLimits {
  /** Wrong answers from one address within `windowMs` that block it. */
  maxFailures: number;
  windowMs: number;
  /** How long a blocked address is not answered, from its last wrong answer. */
  blockMs: number;
  /** Addresses remembered at most (the least recently failed are forgotten first). */
  maxAddresses: number;
}

export interface FailureLimiter {
  /** Whether `address` is blocked now. */
  blocked(address: string): boolean;
  /** `address` gave a wrong answer. */
  failed(address: string): void;
}

export function failureLimiter(clock: Clock, limits: FailureLimits): FailureLimiter {
  // Per address: the times of its recent failures, oldest first, and the end of its block.
  const sources = new Map<string, { failures: number[]; blockedUntil: number }>();
  return {
    blocked(address) {
      const source = sources.get(address);
      return source !== undefined && source.blockedUntil > clock.now();
    },
    failed(address) {
      const now = clock.now();
      const source = sources.get(address) ?? { failures: [], blockedUntil: 0 };
      sources.delete(address); // re-inserted last: the map's order is the order of last failures
      source.failures = source.failures.filter((at) => now - at < limits.windowMs);
      source.failures.push(now);
      if (source.failures.length >= limits.maxFailures) source.blockedUntil = now + limits.blockMs;
      sources.set(address, source);
      for (const oldest of sources.keys()) {
        if (sources.size <= limits.maxAddresses) break;
        sources.delete(oldest);
      }
    },
  };
}

export interface TokenBucket {
  /** Takes one token; false when the bucket is empty. */
  take(): boolean;
}

/** `perSecond` tokens a second, at most `burst` saved up (it starts full). */
export function tokenBucket(clock: Clock, perSecond: number, burst: number): TokenBucket {
  let tokens = burst;
  let at = clock.now();
  return {
    take() {
      const now = clock.now();
      tokens = Math.min(burst, tokens + ((now - at) / 1000) * perSecond);
      at = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
