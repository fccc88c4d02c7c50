// The best utilization any dialer can reach on a Markovian twin with its abandon rate at the
// ceiling, for grids of any size. It is the same linear program as lp.ts, solved through its dual:
// for a price λ on abandons, g(λ) = max over dialers of (utilization − λ × (abandons − α × live
// answers)) per second, an unconstrained average-reward problem; the constrained optimum is
// min over λ ≥ 0 of g(λ) (strong duality of constrained Markov decision processes, Altman 1999),
// and g is convex in λ. g(λ) comes from relative value iteration on the uniformised chain, which
// brackets it at every sweep (Odoni's bounds: the least and greatest change of the values, times
// the uniformisation rate); iteration stops when the bracket is narrower than `tolerance`.
// test/markov-optimum.test.ts checks it against lp.ts and a brute force on small grids.
import { defaultGrid, index, rates, uniformRate, type Grid } from './chain.ts';
import type { TwinChain } from './twin.ts';

export interface Optimum {
  /** The best long-run utilization with abandons at most α of live answers. */
  utilization: number;
  /** The price of an abandon at the optimum (utilization-seconds). */
  lambda: number;
  grid: Grid;
  /** Sweeps of value iteration, over all the prices tried. */
  sweeps: number;
  /** Calls to place from each pre-decision state at the optimal price: target[index(b, r)] = r′. */
  target: Int32Array;
}

export interface OptimumOptions {
  grid?: Grid;
  /** Width of the bracket of each g(λ) (utilization). */
  tolerance?: number;
  maxSweeps?: number;
  /** Relative width of the bracket of the optimal price λ. */
  priceTolerance?: number;
  /**
   * Solve at this price of an abandon instead of searching for the optimal one: `target` is then
   * the best table at that price and `utilization` is g(λ), the Lagrangian's value (chance.ts).
   */
  lambda?: number;
}

export function optimum(chain: TwinChain, options: OptimumOptions = {}): Optimum {
  const g = options.grid ?? defaultGrid(chain);
  const tolerance = options.tolerance ?? 1e-6;
  const maxSweeps = options.maxSweeps ?? 2_000_000;
  const { agents: N, ceiling } = chain;
  const L = uniformRate(g);
  const width = g.R + 1;
  // Per state: the reward rate without the price, the price's multiplier, and the event rates.
  const util = new Float64Array(g.size);
  const priced = new Float64Array(g.size);
  const pLive = new Float64Array(g.size);
  const pOther = new Float64Array(g.size);
  const pEnd = new Float64Array(g.size);
  const liveTo = new Int32Array(g.size);
  for (let b = g.bMin; b <= N; b++) {
    for (let r = 0; r <= g.R; r++) {
      const s = index(g, b, r);
      const k = rates(g, b, r);
      util[s] = b / N;
      priced[s] = k.live * (k.abandons ? -(1 - ceiling) : ceiling);
      pLive[s] = k.live / L;
      pOther[s] = k.other / L;
      pEnd[s] = k.end / L;
      liveTo[s] = r > 0 ? index(g, k.abandons ? b : b + 1, r - 1) : s;
    }
  }
  let h = new Float64Array(g.size);
  let next = new Float64Array(g.size);
  const best = new Float64Array(g.size); // V: the best post-decision value reachable by placing calls
  let sweeps = 0;

  const sweepValues = () => {
    for (let row = 0; row < g.rows; row++) {
      const o = row * width;
      let m = -Infinity;
      for (let r = g.R; r >= 0; r--) {
        const v = h[o + r] as number;
        if (v > m) m = v;
        best[o + r] = m;
      }
    }
  };

  /** g(λ), bracketed to the tolerance, from the values left by the previous price. */
  const gain = (lambda: number): number => {
    for (let n = 0; n < maxSweeps; n++) {
      sweeps++;
      sweepValues();
      let lo = Infinity;
      let hi = -Infinity;
      for (let s = 0; s < g.size; s++) {
        const r = s % width;
        const stay = best[s] as number;
        let v = ((util[s] as number) + lambda * (priced[s] as number)) / L + stay;
        if (r > 0) {
          v += (pLive[s] as number) * ((best[liveTo[s] as number] as number) - stay);
          v += (pOther[s] as number) * ((best[s - 1] as number) - stay);
        }
        const e = pEnd[s] as number;
        if (e > 0) v += e * ((best[s - width] as number) - stay);
        next[s] = v;
        const d = v - (h[s] as number);
        if (d < lo) lo = d;
        if (d > hi) hi = d;
      }
      const ref = next[0] as number;
      for (let s = 0; s < g.size; s++) next[s] = (next[s] as number) - ref;
      [h, next] = [next, h];
      if ((hi - lo) * L < tolerance) return ((lo + hi) / 2) * L;
    }
    throw new Error(`value iteration: no convergence in ${maxSweeps} sweeps`);
  };

  // g is convex in λ: bracket its minimum by doubling, then golden-section search.
  const memo = new Map<number, number>();
  const at = (lambda: number) => {
    let v = memo.get(lambda);
    if (v === undefined) memo.set(lambda, (v = gain(lambda)));
    return v;
  };
  const search = (): number => {
    let before = 0;
    let a = 0;
    let c = 1;
    while (at(c) < at(a) && c < 1e9) {
      before = a;
      a = c;
      c *= 2;
    }
    // g(a) < g(before): the minimum is beyond `before` and (g(c) ≥ g(a)) before c.
    a = before;
    const phi = (Math.sqrt(5) - 1) / 2;
    let x1 = c - phi * (c - a);
    let x2 = a + phi * (c - a);
    for (let i = 0; i < 200 && c - a > (options.priceTolerance ?? 1e-3) * c; i++) {
      if (at(x1) <= at(x2)) {
        c = x2;
        x2 = x1;
        x1 = c - phi * (c - a);
      } else {
        a = x1;
        x1 = x2;
        x2 = a + phi * (c - a);
      }
    }
    return (a + c) / 2;
  };
  if (options.lambda !== undefined && !(options.lambda >= 0)) throw new RangeError(`the price of an abandon must be non-negative (got ${options.lambda})`);
  const lambda = options.lambda ?? search();
  const utilization = options.lambda === undefined ? Math.min(...memo.values(), at(lambda)) : at(lambda);
  // The policy at that price: from each pre-decision state, the post-decision state of best value.
  sweepValues();
  const target = new Int32Array(g.size);
  for (let row = 0; row < g.rows; row++) {
    const o = row * width;
    let arg = g.R;
    for (let r = g.R; r >= 0; r--) {
      if ((h[o + r] as number) >= (h[o + arg] as number)) arg = r;
      target[o + r] = arg;
    }
  }
  return { utilization, lambda, grid: g, sweeps, target };
}
