// The controlled chain of a Markovian twin (twin.ts), on a finite grid of states.
//
// A state is (b agents talking, r calls ringing) just after the dialer decided. From there:
//   a ringing call resolves live      at rate r·ν·p  → (b + 1, r − 1), or an abandon when b = N;
//   a ringing call resolves otherwise at rate r·ν·(1 − p) → (b, r − 1);
//   a talking agent ends its call     at rate b·μ    → (b − 1, r).
// After each of these the dialer may place calls: from (b, r) to any (b, r′ ≥ r). Nothing is
// gained by deciding between events (the chain is memoryless), so this is every dialer there is.
//
// The grid is finite: r ≤ R, and b ≥ bMin, where no call ends (so the chain never leaves the grid).
// Both bounds are far from where an optimal dialer spends its time; `boundaryMass` (optimum.ts)
// says how much time it spends on them, so a reader can see the truncation does not matter.
import type { TwinChain } from './twin.ts';

export interface Grid {
  chain: TwinChain;
  bMin: number;
  /** Most calls ringing. */
  R: number;
  /** Rows of b from bMin to N. */
  rows: number;
  size: number;
}

/** Calls ringing needed on average to keep every agent busy: N·μ / (p·ν). */
export function ringingForFullTeam(c: TwinChain): number {
  return c.live > 0 ? (c.agents * c.handleRate) / (c.live * c.resolveRate) : 0;
}

/**
 * The grid used unless told otherwise: twice the ringing a full team needs plus six standard
 * deviations and twenty calls (or the trunk's lines), and every b down to N minus ten plus three √N
 * idle agents.
 * `scale` widens both, to check that the optimum does not move (test/markov-optimum.test.ts).
 */
export function defaultGrid(c: TwinChain, scale = 1): Grid {
  const m = ringingForFullTeam(c);
  const R = Math.min(c.maxRinging, Math.ceil(scale * (2 * m + 6 * Math.sqrt(m) + 20)));
  const bMin = Math.max(0, c.agents - Math.ceil(scale * (10 + 3 * Math.sqrt(c.agents))));
  return grid(c, bMin, R);
}

export function grid(chain: TwinChain, bMin: number, R: number): Grid {
  if (!Number.isInteger(R) || R < 1) throw new RangeError(`the grid needs at least one ringing call (R = ${R})`);
  const rows = chain.agents - bMin + 1;
  return { chain, bMin, R, rows, size: rows * (R + 1) };
}

export const index = (g: Grid, b: number, r: number) => (b - g.bMin) * (g.R + 1) + r;

/** The rates out of a post-decision state. */
export function rates(g: Grid, b: number, r: number) {
  const { live, resolveRate, handleRate, agents } = g.chain;
  return {
    live: r * resolveRate * live,
    other: r * resolveRate * (1 - live),
    end: b > g.bMin ? b * handleRate : 0,
    abandons: b === agents,
  };
}

/** The uniformisation rate: above every state's total rate, so each state keeps a self-loop. */
export function uniformRate(g: Grid): number {
  return 1.01 * (g.R * g.chain.resolveRate + g.chain.agents * g.chain.handleRate);
}
