// A dense two-phase simplex, for the small linear programs of lp.ts: maximise c·x subject to rows
// `a·x = rhs` or `a·x ≤ rhs`, x ≥ 0. Dantzig's rule, falling back to Bland's (which cannot cycle)
// after a run of degenerate pivots: the pacing LPs are highly degenerate (most right-hand sides
// are 0). Dense on purpose: a few hundred rows, no dependency.

export interface LpRow { coeffs: ArrayLike<number>; kind: '=' | '<='; rhs: number }
export interface LpProblem { objective: ArrayLike<number>; rows: LpRow[] }
export type LpResult =
  | { status: 'optimal'; value: number; x: Float64Array; pivots: number }
  | { status: 'infeasible' | 'unbounded'; pivots: number };

const EPS = 1e-9;
const DEGENERATE_RUN = 50;

export function solveLp(problem: LpProblem, maxPivots = 200_000): LpResult {
  const n = problem.objective.length;
  // Columns: the variables, one slack per ≤ row, one artificial per row that needs one.
  const rows = problem.rows.map((row) => {
    if (row.coeffs.length !== n) throw new RangeError(`a row has ${row.coeffs.length} coefficients for ${n} variables`);
    const sign = row.rhs < 0 ? -1 : 1;
    return { coeffs: row.coeffs, kind: row.kind, rhs: row.rhs, sign };
  });
  const slackOf: number[] = [];
  const artOf: number[] = [];
  let cols = n;
  for (const row of rows) slackOf.push(row.kind === '<=' ? cols++ : -1);
  for (const row of rows) artOf.push(row.kind === '=' || row.sign < 0 ? cols++ : -1);
  const width = cols + 1; // last column: right-hand side
  const rhsCol = cols;
  const T: Float64Array[] = [];
  const basis: number[] = [];
  rows.forEach((row, i) => {
    const t = new Float64Array(width);
    for (let j = 0; j < n; j++) t[j] = row.sign * (row.coeffs[j] ?? 0);
    const s = slackOf[i] ?? -1;
    if (s >= 0) t[s] = row.sign;
    const a = artOf[i] ?? -1;
    if (a >= 0) t[a] = 1;
    t[rhsCol] = row.sign * row.rhs;
    T.push(t);
    basis.push(a >= 0 ? a : s);
  });
  const isArt = new Uint8Array(cols);
  for (const a of artOf) if (a >= 0) isArt[a] = 1;
  let pivots = 0;

  const pivot = (r: number, c: number) => {
    const pr = T[r] as Float64Array;
    const inv = 1 / (pr[c] as number);
    for (let j = 0; j < width; j++) pr[j] = (pr[j] as number) * inv;
    for (let i = 0; i < T.length; i++) {
      if (i === r) continue;
      const row = T[i] as Float64Array;
      const f = row[c] as number;
      if (f === 0) continue;
      for (let j = 0; j < width; j++) row[j] = (row[j] as number) - f * (pr[j] as number);
    }
    const zf = z[c] as number;
    if (zf !== 0) for (let j = 0; j < width; j++) z[j] = (z[j] as number) - zf * (pr[j] as number);
    basis[r] = c;
    pivots++;
  };

  // z holds the reduced costs d_j = c_B·B⁻¹a_j − c_j and, in its last cell, the objective value.
  const z = new Float64Array(width);
  const setObjective = (c: (j: number) => number) => {
    z.fill(0);
    for (let j = 0; j < cols; j++) z[j] = -c(j);
    T.forEach((row, i) => {
      const cb = c(basis[i] as number);
      if (cb !== 0) for (let j = 0; j < width; j++) z[j] = (z[j] as number) + cb * (row[j] as number);
    });
  };

  const run = (allowed: (j: number) => boolean): 'optimal' | 'unbounded' => {
    let degenerate = 0;
    for (;;) {
      if (pivots >= maxPivots) throw new Error(`simplex: no optimum after ${maxPivots} pivots`);
      const bland = degenerate >= DEGENERATE_RUN;
      let enter = -1;
      let best = -EPS;
      for (let j = 0; j < cols; j++) {
        if (!allowed(j)) continue;
        const d = z[j] as number;
        if (d < best) {
          enter = j;
          if (bland) break;
          best = d;
        }
      }
      if (enter < 0) return 'optimal';
      let leave = -1;
      let ratio = Infinity;
      for (let i = 0; i < T.length; i++) {
        const a = (T[i] as Float64Array)[enter] as number;
        if (a <= EPS) continue;
        const q = ((T[i] as Float64Array)[rhsCol] as number) / a;
        if (q < ratio - EPS || (q <= ratio + EPS && leave >= 0 && (basis[i] as number) < (basis[leave] as number))) {
          ratio = q;
          leave = i;
        }
      }
      if (leave < 0) return 'unbounded';
      degenerate = ratio <= EPS ? degenerate + 1 : 0;
      pivot(leave, enter);
    }
  };

  // Phase 1: drive the artificials to zero (maximise −Σ artificials).
  setObjective((j) => (isArt[j] ? -1 : 0));
  run(() => true);
  if ((z[rhsCol] as number) < -1e-7) return { status: 'infeasible', pivots };
  // Artificials still basic (at zero) leave the basis, or their row is redundant and goes.
  for (let i = T.length - 1; i >= 0; i--) {
    if (!isArt[basis[i] as number]) continue;
    const row = T[i] as Float64Array;
    let c = -1;
    for (let j = 0; j < cols; j++) if (!isArt[j] && Math.abs(row[j] as number) > EPS) { c = j; break; }
    if (c >= 0) pivot(i, c);
    else {
      T.splice(i, 1);
      basis.splice(i, 1);
    }
  }
  // Phase 2: the objective, artificials barred.
  const objective = problem.objective;
  setObjective((j) => (j < n ? (objective[j] ?? 0) : 0));
  if (run((j) => !isArt[j]) === 'unbounded') return { status: 'unbounded', pivots };
  const x = new Float64Array(n);
  T.forEach((row, i) => {
    const b = basis[i] as number;
    if (b < n) x[b] = row[rhsCol] as number;
  });
  return { status: 'optimal', value: z[rhsCol] as number, x, pivots };
}
