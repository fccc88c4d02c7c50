// A dialer that follows a table of targets over a twin's chain (optimum.ts gives the optimal one),
// and what such a table yields in the long run. Used to check the optimum two ways: the chain's
// stationary figures of the policy, and the policy replayed by the shift simulator.
import type { PacingStrategy } from '../../src/domain/pacing/strategy.ts';
import { index, rates, uniformRate, type Grid } from './chain.ts';

export interface PolicyFigures {
  utilization: number;
  abandonRate: number;
  /** Time share on the grid's edges (r = R, or b = bMin above 0): what truncating the grid can change. */
  boundaryMass: number;
}

/** Long-run figures of a table of targets, by power iteration of the uniformised chain. */
export function policyFigures(g: Grid, target: Int32Array, start = index(g, g.bMin, 0), maxSweeps = 5_000_000): PolicyFigures {
  const L = uniformRate(g);
  const N = g.chain.agents;
  let p = new Float64Array(g.size);
  let q = new Float64Array(g.size);
  const width = g.R + 1;
  /** The post-decision state the table leads to from the state `s` an event landed in. */
  const decided = (s: number) => s - (s % width) + (target[s] as number);
  p[decided(start)] = 1;
  const move = (to: number, mass: number) => {
    const t = decided(to);
    q[t] = (q[t] as number) + mass;
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

/** The table as a pacing strategy: busy agents and calls in flight pick the target. */
export function tablePolicy(g: Grid, target: Int32Array): PacingStrategy {
  return {
    name: 'twin-optimal',
    decide(s) {
      let busy = 0;
      for (const a of s.agents) if (a.activity !== 'ready') busy++;
      const inFlight = s.ringing.length + s.waiting;
      const b = Math.max(g.bMin, Math.min(g.chain.agents, busy));
      const want = target[index(g, b, Math.min(g.R, inFlight))] as number;
      return Math.max(0, want - inFlight);
    },
    observe: () => undefined,
  };
}
