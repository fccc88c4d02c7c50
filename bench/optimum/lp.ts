// The optimum of a small Markovian twin as the linear program over its chain (chain.ts): the
// long-run share of time in each post-decision state x(b, r), and the rate z(b, r) at which the
// dialer places one more call when it finds itself at (b, r) — placing k calls is k such steps. In
// each state, what arrives (events from neighbouring states, or a call just placed from (b, r − 1))
// either places another call or stays: that is one flow-balance equation per state. Maximise the
// share of agents busy, Σ x·b/N, with abandons ≤ α × live answers and Σ x = 1.
// Exact but dense (simplex.ts): for grids of a few hundred states; optimum.ts solves large ones.
import { index, rates, type Grid } from './chain.ts';
import { solveLp, type LpRow } from './simplex.ts';

export interface LpOptimum {
  utilization: number;
  abandonRate: number;
  /** Time share of each post-decision state, by index(). */
  share: Float64Array;
}

export function optimumByLp(g: Grid): LpOptimum {
  const { agents: N, ceiling } = g.chain;
  const zAt = (b: number, r: number) => g.size + (b - g.bMin) * g.R + r;
  const vars = g.size + g.rows * g.R;
  const rows: LpRow[] = [];
  const objective = new Float64Array(vars);
  const total = new Float64Array(vars);
  const abandon = new Float64Array(vars);
  for (let b = g.bMin; b <= N; b++) {
    for (let r = 0; r <= g.R; r++) {
      const s = index(g, b, r);
      const here = rates(g, b, r);
      const a = new Float64Array(vars);
      a[s] = -(here.live + here.other + here.end);
      if (r < g.R) a[zAt(b, r)] = -1;
      if (r > 0) a[zAt(b, r - 1)] = 1;
      if (r < g.R) {
        const above = rates(g, b, r + 1);
        a[index(g, b, r + 1)] = above.other + (above.abandons ? above.live : 0);
        if (b > g.bMin) a[index(g, b - 1, r + 1)] = rates(g, b - 1, r + 1).live;
      }
      if (b < N) a[index(g, b + 1, r)] = rates(g, b + 1, r).end;
      rows.push({ coeffs: a, kind: '=', rhs: 0 });
      objective[s] = b / N;
      total[s] = 1;
      abandon[s] = here.live * (here.abandons ? 1 - ceiling : -ceiling);
    }
  }
  rows.push({ coeffs: total, kind: '=', rhs: 1 });
  rows.push({ coeffs: abandon, kind: '<=', rhs: 0 });
  const result = solveLp({ objective, rows });
  if (result.status !== 'optimal') throw new Error(`the pacing LP is ${result.status}`);
  const share = result.x.slice(0, g.size);
  let live = 0;
  let abandoned = 0;
  for (let b = g.bMin; b <= N; b++) {
    for (let r = 0; r <= g.R; r++) {
      const here = rates(g, b, r);
      const x = share[index(g, b, r)] ?? 0;
      live += x * here.live;
      if (here.abandons) abandoned += x * here.live;
    }
  }
  return { utilization: result.value, abandonRate: live > 0 ? abandoned / live : 0, share };
}
