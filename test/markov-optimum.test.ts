// The exact optimum of a Markovian twin (bench/optimum): the linear program, its dual by value
// iteration, a brute force over every deterministic dialer of a tiny chain, and the optimal policy
// replayed by the shift simulator, all agree.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { grid, index, rates, type Grid } from '../bench/optimum/chain.ts';
import { optimumByLp } from '../bench/optimum/lp.ts';
import { optimum } from '../bench/optimum/optimum.ts';
import { policyFigures, tablePolicy } from '../bench/optimum/policy.ts';
import { solveLp } from '../bench/optimum/simplex.ts';
import { twinOf, type TwinChain } from '../bench/optimum/twin.ts';
import { parseScenario } from '../src/sim/scenario.ts';
import { simulate } from '../src/sim/shift.ts';

const tight = { tolerance: 1e-10, priceTolerance: 1e-7 };
const chain = (agents: number, live: number): TwinChain => ({ agents, live, resolveRate: 1 / 16, handleRate: 1 / 200, ceiling: 0.03, maxRinging: Infinity });

/** Solves A·x = y by Gaussian elimination with partial pivoting; undefined if singular. */
function solve(A: number[][], y: number[]): number[] | undefined {
  const n = y.length;
  const M = A.map((row, i) => [...row, y[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(M[i]?.[c] ?? 0) > Math.abs(M[p]?.[c] ?? 0)) p = i;
    if (Math.abs(M[p]?.[c] ?? 0) < 1e-12) return undefined;
    [M[c], M[p]] = [M[p] as number[], M[c] as number[]];
    const pr = M[c] as number[];
    for (let i = 0; i < n; i++) {
      if (i === c) continue;
      const row = M[i] as number[];
      const f = (row[c] ?? 0) / (pr[c] ?? 1);
      for (let j = c; j <= n; j++) row[j] = (row[j] ?? 0) - f * (pr[j] ?? 0);
    }
  }
  return M.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

/**
 * Every deterministic dialer of the grid (a target r′ ≥ r for each state), its stationary
 * utilization U and constraint C = abandons − α·live; the optimum is the best point of their convex
 * hull with C ≤ 0 (a randomised dialer mixes two of them).
 */
function bruteForce(g: Grid): number {
  const N = g.chain.agents;
  const states: [number, number][] = [];
  for (let b = g.bMin; b <= N; b++) for (let r = 0; r <= g.R; r++) states.push([b, r]);
  const choices = states.map(([, r]) => g.R - r + 1);
  const points: { u: number; c: number }[] = [];
  const pick = new Array<number>(states.length).fill(0);
  for (let guard = 0; guard < 1e6; guard++) {
    const target = (s: number) => {
      const [b, r] = states[s] as [number, number];
      return index(g, b, r + (pick[s] ?? 0));
    };
    // Generator of the post-decision chain, transposed, with Σπ = 1 replacing one equation.
    const n = g.size;
    const Q = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    states.forEach(([b, r], s) => {
      const k = rates(g, b, r);
      const go = (to: number, rate: number) => {
        if (rate <= 0) return;
        const t = target(to);
        (Q[t] as number[])[s] = ((Q[t] as number[])[s] ?? 0) + rate;
        (Q[s] as number[])[s] = ((Q[s] as number[])[s] ?? 0) - rate;
      };
      if (r > 0) go(index(g, k.abandons ? b : b + 1, r - 1), k.live);
      if (r > 0) go(index(g, b, r - 1), k.other);
      go(index(g, b - 1, r), k.end);
    });
    // A state the dialer never stays in has no time: π = 0 there (it may have no rates at all).
    const rhs = new Array<number>(n).fill(0);
    for (let s = 0; s < n; s++) if (target(s) !== s) Q[s] = Array.from({ length: n }, (_, j) => (j === s ? 1 : 0));
    const kept = states.findIndex((_, s) => target(s) === s);
    Q[kept] = new Array<number>(n).fill(1);
    rhs[kept] = 1;
    const pi = solve(Q, rhs);
    if (pi) {
      let u = 0;
      let c = 0;
      states.forEach(([b, r], s) => {
        const k = rates(g, b, r);
        u += ((pi[s] ?? 0) * b) / N;
        c += (pi[s] ?? 0) * k.live * (k.abandons ? 1 - g.chain.ceiling : -g.chain.ceiling);
      });
      points.push({ u, c });
    }
    let i = 0;
    while (i < pick.length && (pick[i] = ((pick[i] ?? 0) + 1) % (choices[i] ?? 1)) === 0) i++;
    if (i === pick.length) break;
  }
  let best = -Infinity;
  for (const p of points) if (p.c <= 1e-15) best = Math.max(best, p.u);
  for (const p of points) {
    if (p.c <= 0) continue;
    for (const q of points) {
      if (q.c >= 0) continue;
      const w = -q.c / (p.c - q.c);
      best = Math.max(best, w * p.u + (1 - w) * q.u);
    }
  }
  return best;
}

describe('exact optimum of a Markovian twin', () => {
  test('the simplex solves a textbook LP and reports infeasible and unbounded ones', () => {
    // max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18 → 36 at (2, 6)
    const r = solveLp({ objective: [3, 5], rows: [
      { coeffs: [1, 0], kind: '<=', rhs: 4 }, { coeffs: [0, 2], kind: '<=', rhs: 12 }, { coeffs: [3, 2], kind: '<=', rhs: 18 },
    ] });
    assert.equal(r.status, 'optimal');
    if (r.status === 'optimal') {
      assert.ok(Math.abs(r.value - 36) < 1e-9);
      assert.deepEqual([...r.x].map((v) => Math.round(v * 1e9) / 1e9), [2, 6]);
    }
    assert.equal(solveLp({ objective: [1], rows: [{ coeffs: [1], kind: '<=', rhs: -1 }] }).status, 'infeasible');
    assert.equal(solveLp({ objective: [1, 0], rows: [{ coeffs: [1, -1], kind: '=', rhs: 0 }] }).status, 'unbounded');
  });

  test('LP, value iteration and a brute force over every deterministic dialer agree on tiny chains', () => {
    for (const [agents, live, R] of [[1, 0.3, 3], [2, 0.3, 2], [2, 0.05, 2]] as const) {
      const g = grid(chain(agents, live), 0, R);
      const lp = optimumByLp(g).utilization;
      const vi = optimum(g.chain, { grid: g, ...tight }).utilization;
      const brute = bruteForce(g);
      assert.ok(Math.abs(lp - brute) < 1e-7, `${agents} agents, ${live}: LP ${lp}, brute force ${brute}`);
      assert.ok(Math.abs(vi - lp) < 1e-7, `${agents} agents, ${live}: value iteration ${vi}, LP ${lp}`);
    }
  });

  test('LP and value iteration agree on a 3-agent twin, and the LP holds abandons at the ceiling', () => {
    const g = grid(chain(3, 0.3), 0, 24);
    const lp = optimumByLp(g);
    const vi = optimum(g.chain, { grid: g, ...tight });
    assert.ok(Math.abs(lp.utilization - vi.utilization) < 1e-7, `LP ${lp.utilization}, value iteration ${vi.utilization}`);
    assert.ok(Math.abs(lp.abandonRate - 0.03) < 1e-9, `LP abandon rate ${lp.abandonRate}`);
    // A looser ceiling is worth more; a grid twice as tall changes nothing.
    const looser = optimum({ ...g.chain, ceiling: 0.06 }, { grid: grid({ ...g.chain, ceiling: 0.06 }, 0, 24), ...tight });
    assert.ok(looser.utilization > vi.utilization + 0.005);
    assert.ok(Math.abs(optimum(g.chain, { grid: grid(g.chain, 0, 48), ...tight }).utilization - vi.utilization) < 1e-6);
  });

  test('the optimal policy replayed by the simulator lands on its chain figures', () => {
    const s = parseScenario({
      name: 'twin-3', duration_s: 30 * 86400, agents: 3, records: 10_000_000, ring_timeout_s: 100000, connect_deadline_s: 0,
      talk_s: { dist: 'exponential', mean: 200 }, acw_s: { dist: 'fixed', value: 0 },
      outcomes: [{ result: 'answer', p: 0.3, ring_s: { dist: 'exponential', mean: 16 } }, { result: 'no-answer', p: 0.7, ring_s: { dist: 'exponential', mean: 16 } }],
    });
    const c = twinOf(s);
    if (typeof c === 'string') assert.fail(c);
    const best = optimum(c, tight);
    const figures = policyFigures(best.grid, best.target);
    // The pure policy of the optimal price is optimal for the priced objective, so it beats the
    // optimum exactly when it abandons more than the ceiling allows (the optimum mixes two such).
    const above = figures.abandonRate > c.ceiling;
    assert.equal(figures.utilization > best.utilization, above, `policy ${figures.utilization} at ${figures.abandonRate}, optimum ${best.utilization}`);
    assert.ok(Math.abs(figures.utilization - best.utilization) < 0.03);
    assert.ok(figures.boundaryMass < 1e-9, `boundary ${figures.boundaryMass}`);
    const shift = simulate(s, tablePolicy(best.grid, best.target), { seed: 1 });
    assert.ok(Math.abs(shift.utilization - figures.utilization) < 0.005, `simulated ${shift.utilization}, chain ${figures.utilization}`);
    assert.ok(Math.abs(shift.abandon_rate - figures.abandonRate) < 0.004, `simulated ${shift.abandon_rate}, chain ${figures.abandonRate}`);
  });

  test('two tables that tie at the optimal price, mixed, trace the optimum between their abandon rates', () => {
    // A single table reaches only some abandon rates; the constrained optimum randomises between
    // the two optimal at the price where they tie (bench/optimum/chance.ts relies on it).
    const c = chain(5, 0.3);
    const best = optimum(c, tight);
    const low = optimum(c, { ...tight, lambda: best.lambda * 1.001 }); // dearer abandons: fewer
    const high = optimum(c, { ...tight, lambda: best.lambda * 0.999 });
    const g = best.grid;
    const a = policyFigures(g, low.target);
    const b = policyFigures(g, high.target);
    assert.ok(a.abandonRate <= c.ceiling && c.ceiling <= b.abandonRate, `${a.abandonRate} ≤ ${c.ceiling} ≤ ${b.abandonRate}`);
    assert.deepEqual(policyFigures(g, low.target, undefined, undefined, { other: high.target, share: 0 }), a);
    let before = a.abandonRate;
    for (const share of [0.25, 0.5, 0.75]) {
      const m = policyFigures(g, low.target, undefined, undefined, { other: high.target, share });
      assert.ok(m.abandonRate > before && m.abandonRate < b.abandonRate, `share ${share}: ${m.abandonRate}`);
      before = m.abandonRate;
      const frontier = optimum({ ...c, ceiling: m.abandonRate }, tight).utilization;
      assert.ok(Math.abs(m.utilization - frontier) < 1e-5, `share ${share}: mixture ${m.utilization}, optimum ${frontier}`);
    }
  });

  test('a twin is recognised, and a scenario that is not one says why', () => {
    const base = {
      name: 't', duration_s: 3600, agents: 10, records: 1000, ring_timeout_s: 100000, connect_deadline_s: 0,
      talk_s: { dist: 'exponential', mean: 200 }, acw_s: { dist: 'fixed', value: 0 },
      outcomes: [{ result: 'answer', p: 0.05, ring_s: { dist: 'exponential', mean: 16 } }, { result: 'no-answer', p: 0.95, ring_s: { dist: 'exponential', mean: 16 } }],
    };
    assert.deepEqual(twinOf(parseScenario(base)), { agents: 10, live: 0.05, resolveRate: 1 / 16, handleRate: 1 / 200, ceiling: 0.03, maxRinging: Infinity });
    const reason = (overrides: Record<string, unknown>) => {
      const c = twinOf(parseScenario({ ...base, ...overrides }));
      return typeof c === 'string' ? c : 'a twin';
    };
    assert.match(reason({ connect_deadline_s: 2 }), /wait for an agent/);
    assert.match(reason({ acw_s: { dist: 'fixed', value: 5 } }), /after-call work/);
    assert.match(reason({ ring_timeout_s: 22 }), /cuts/);
    assert.match(reason({ talk_s: { dist: 'fixed', value: 200 } }), /talk_s/);
    assert.match(reason({ changes: [{ at_s: 600, answer_scale: 0.5 }] }), /answer rate changes/);
  });
});
