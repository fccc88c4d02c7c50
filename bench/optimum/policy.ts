// A dialer that follows a table of targets over a twin's chain (optimum.ts gives the optimal one),
// and what such a table yields in the long run. Used to check the optimum two ways: the chain's
// stationary figures of the policy, and the policy replayed by the shift simulator.
import type { PacingStrategy } from '../../src/domain/pacing/strategy.ts';
import { index, rates, uniformRate, type Grid } from './chain.ts';
import { optimum } from './optimum.ts';
import type { TwinChain } from './twin.ts';

export interface PolicyFigures {
  utilization: number;
  abandonRate: number;
  /** Time share on the grid's edges (r = R, or b = bMin above 0): what truncating the grid can change. */
  boundaryMass: number;
}

/**
 * A second table followed instead of the first with chance `share` at each decision after an event
 * (a stationary randomised policy). Between two adjacent optimal tables of a twin, which tie at one
 * price of an abandon, these mixtures trace the optimum between their abandon rates (the optimum
 * of a constrained chain randomises; a single table reaches only some rates). chance.ts uses it.
 */
export interface TableMix {
  other: Int32Array;
  share: number;
}

/** Long-run figures of a table of targets (or a mixture of two), by power iteration of the uniformised chain. */
export function policyFigures(g: Grid, target: Int32Array, start = index(g, g.bMin, 0), maxSweeps = 5_000_000, mix?: TableMix): PolicyFigures {
  const L = uniformRate(g);
  const N = g.chain.agents;
  let p = new Float64Array(g.size);
  let q = new Float64Array(g.size);
  const width = g.R + 1;
  /** The post-decision state the table leads to from the state `s` an event landed in. */
  const decided = (s: number, table = target) => s - (s % width) + (table[s] as number);
  const share = mix?.share ?? 0;
  p[decided(start)] = 1;
  const move = (to: number, mass: number) => {
    const t = decided(to);
    q[t] = (q[t] as number) + (1 - share) * mass;
    if (mix && share > 0) {
      const u = decided(to, mix.other);
      q[u] = (q[u] as number) + share * mass;
    }
  };
  for (let n = 0; n < maxSweeps; n++) {
    q.fill(0);
    for (let b = g.bMin; b <= N; b++) {
      for (let r = 0; r <= g.R; r++) {
        const s = index(g, b, r);
        const m = p[s] as number;
        if (m === 0) continue;
        const k = rates(g, b, r);
        if (r > 0) {
          move(index(g, k.abandons ? b : b + 1, r - 1), (m * k.live) / L);
          move(index(g, b, r - 1), (m * k.other) / L);
        }
        if (k.end > 0) move(index(g, b - 1, r), (m * k.end) / L);
        q[s] = (q[s] as number) + (m * (L - k.live - k.other - k.end)) / L;
      }
    }
    let change = 0;
    for (let s = 0; s < g.size; s++) change += Math.abs((q[s] as number) - (p[s] as number));
    [p, q] = [q, p];
    if (change < 1e-13) break;
    if (n === maxSweeps - 1) throw new Error('policy figures: no convergence');
  }
  let busy = 0;
  let live = 0;
  let abandoned = 0;
  let boundary = 0;
  for (let b = g.bMin; b <= N; b++) {
    for (let r = 0; r <= g.R; r++) {
      const m = p[index(g, b, r)] as number;
      const k = rates(g, b, r);
      busy += (m * b) / N;
      live += m * k.live;
      if (k.abandons) abandoned += m * k.live;
      if (r === g.R || (b === g.bMin && g.bMin > 0)) boundary += m;
    }
  }
  return { utilization: busy, abandonRate: live > 0 ? abandoned / live : 0, boundaryMass: boundary };
}

/**
 * The table as a pacing strategy: busy agents and calls in flight pick the target. With `mix`, the
 * other table is followed with chance `mix.share`, drawn (from `mixSeed`) once per state the shift
 * lands in: the draw is kept while the state is the one the last decision led to (a tick, or the
 * calls just placed), as the chain decides once after each event.
 */
export function tablePolicy(g: Grid, target: Int32Array, mix?: TableMix, mixSeed = 1): PacingStrategy {
  let rng = mixSeed >>> 0 || 1;
  const uniform = () => {
    // mulberry32
    rng = (rng + 0x6d2b79f5) >>> 0;
    let t = rng;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let after = -1;
  let useOther = false;
  return {
    name: 'twin-optimal',
    decide(s) {
      let busy = 0;
      for (const a of s.agents) if (a.activity !== 'ready') busy++;
      const inFlight = s.ringing.length + s.waiting;
      const b = Math.max(g.bMin, Math.min(g.chain.agents, busy));
      const here = index(g, b, Math.min(g.R, inFlight));
      if (mix && here !== after) useOther = uniform() < mix.share;
      const want = ((useOther ? mix?.other : undefined) ?? target)[here] as number;
      after = index(g, b, Math.min(g.R, Math.max(inFlight, want)));
      return Math.max(0, want - inFlight);
    },
    observe: () => undefined,
  };
}

/** Relative distance of the two prices either side of the optimal one, at first. */
const PRICE_STEP = 1e-4;

/**
 * The optimal stationary policy of a twin at ceiling α: the two tables optimal either side of the
 * optimal price λ* tie at λ*, and following the second with chance q at each decision holds the
 * long-run abandon rate at exactly α for one q (bisected on the chain's figures), where the
 * utilization is the optimum at α. A single table reaches only some abandon rates. chance.ts.
 */
export interface ConstrainedPolicy {
  alpha: number;
  optimum: number;
  lambda: number;
  target: Int32Array;
  mix?: TableMix;
  chain: { utilization: number; abandonRate: number };
}

export function constrainedPolicy(chain: TwinChain, alpha: number): ConstrainedPolicy {
  const c = { ...chain, ceiling: alpha };
  const best = optimum(c, { priceTolerance: 1e-7 });
  const g = best.grid;
  // The tables either side of λ*; the prices move apart until they bracket α′ (near λ* the
  // value iteration's tolerance can leave both on the same side).
  let low = best.target;
  let high = best.target;
  const figures = (q: number) => policyFigures(g, low, undefined, undefined, q > 0 ? { other: high, share: q } : undefined);
  const base = { alpha, optimum: best.utilization, lambda: best.lambda };
  let atLow = figures(0);
  let atHigh = atLow;
  for (let step = PRICE_STEP; step <= 100 * PRICE_STEP; step *= 10) {
    low = optimum(c, { grid: g, lambda: best.lambda * (1 + step) }).target; // fewer abandons
    high = optimum(c, { grid: g, lambda: best.lambda * (1 - step) }).target;
    atLow = figures(0);
    atHigh = policyFigures(g, high);
    if (atLow.abandonRate <= alpha && atHigh.abandonRate >= alpha) break;
  }
  if (atLow.abandonRate >= alpha) return { ...base, target: low, chain: atLow };
  if (atHigh.abandonRate <= alpha) return { ...base, target: high, chain: atHigh };
  let qLo = 0;
  let qHi = 1;
  for (let i = 0; i < 30 && qHi - qLo > 1e-4; i++) {
    const q = (qLo + qHi) / 2;
    if (figures(q).abandonRate <= alpha) qLo = q;
    else qHi = q;
  }
  return { ...base, target: low, mix: { other: high, share: qLo }, chain: figures(qLo) };
}
