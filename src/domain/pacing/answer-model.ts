// What a placed call will do, learnt online from the calls the campaign resolves: the chance it
// becomes a live answer and when. The window is the last few minutes of resolutions (at least a
// few hundred of them, so a small team's estimate is not noise), so it follows a collapsing or
// recovering answer rate within minutes.
//
// Early in a shift the resolutions seen are the quick ones (busy signals, failures), not the
// answers still ringing; counted alone they would say nobody answers, and the dialer would flood
// the lines. So until the window has rolled past the first resolutions, the calls still ringing
// are counted too, as censored observations: live and other resolutions are competing risks, and
// the chance of a live answer is their cumulative incidence (Aalen–Johansen). Censored calls say
// nothing of answers later than their age, so until then the prior pseudo-observations stay in as
// well: without them, a burst of quick busy signals before the first answers still made the
// incidence 0, and the dialer placed its cap of 50 calls per agent (`npm run bench:sip`: 4,850
// calls for 100 agents in the campaign's second second).

/** Resolutions remembered: those of the last WINDOW_S seconds, at least MIN_WINDOW, at most MAX_WINDOW. */
const WINDOW_S = 300;
const MIN_WINDOW = 300;
const MAX_WINDOW = 3000;
/**
 * Before PRIOR_UNTIL resolutions, and while the window still reaches back to the first one: one
 * call in four live, after 4–14 s (prior pseudo-observations).
 */
const PRIOR_UNTIL = 60;
const PRIOR_LIVE_RING = [4, 6, 8, 10, 14];
const PRIOR_OTHER_RING = [3, 8, 12, 16, 18, 20, 22, 22, 22, 22, 22, 22, 22, 22, 22];
/** Age buckets of ringing calls. */
export const AGE_STEP_S = 0.5;

interface Resolution { tS: number; ringS: number; live: boolean }

export class AnswerModel {
  private readonly window: Resolution[] = [];
  private head = 0;
  /** Whether the window has dropped a resolution yet (it still reaches back to the first one). */
  private rolled = false;

  /** Quantile times (from now) at which the marginal call's live answer is examined. */
  horizons: number[] = [];
  /** P(a live answer within horizon q | still ringing at age bucket b), as [b][q]. */
  liveBy: Float64Array[] = [];
  pLive = 0.25;

  /** Resolutions in the window. */
  get size(): number {
    return this.window.length - this.head;
  }

  observe(tS: number, ringS: number, isLive: boolean): void {
    this.window.push({ tS, ringS: Math.max(0, ringS), live: isLive });
    // Drop what is old, keeping at least MIN_WINDOW; compact now and then.
    const size = () => this.window.length - this.head;
    while (size() > MIN_WINDOW && ((this.window[this.head]?.tS ?? tS) < tS - WINDOW_S || size() > MAX_WINDOW)) {
      this.head++;
      this.rolled = true;
    }
    if (this.head > 4096) {
      this.window.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Rebuilds the tables, examining `quadrature` answer instants; `ringingAges`: calls under way. */
  refresh(quadrature: number, ringingAges: readonly number[]): void {
    type Point = { t: number; kind: 0 | 1 | 2 }; // 0 live, 1 other resolution, 2 censored (still ringing)
    const points: Point[] = [];
    for (let i = this.head; i < this.window.length; i++) {
      const r = this.window[i];
      if (r) points.push({ t: r.ringS, kind: r.live ? 0 : 1 });
    }
    if (points.length < PRIOR_UNTIL || !this.rolled) {
      for (const t of PRIOR_LIVE_RING) points.push({ t, kind: 0 });
      for (const t of PRIOR_OTHER_RING) points.push({ t, kind: 1 });
    }
    if (!this.rolled) for (const t of ringingAges) points.push({ t, kind: 2 });
    // Censored at t are still at risk at t: order events before censorings at equal times.
    points.sort((a, b) => a.t - b.t || (a.kind === 2 ? 1 : 0) - (b.kind === 2 ? 1 : 0));
    // Aalen–Johansen: survival S and cumulative incidence of a live answer, as step functions.
    const times: number[] = [];
    const survival: number[] = [];
    const incidence: number[] = [];
    let atRisk = points.length;
    let s = 1;
    let cif = 0;
    for (let i = 0; i < points.length;) {
      const t = points[i]?.t ?? 0;
      let live = 0;
      let other = 0;
      let censored = 0;
      for (; i < points.length && points[i]?.t === t; i++) {
        const k = points[i]?.kind;
        if (k === 0) live++;
        else if (k === 1) other++;
        else censored++;
      }
      if (live + other > 0 && atRisk > 0) {
        cif += (s * live) / atRisk;
        s *= 1 - (live + other) / atRisk;
        times.push(t);
        survival.push(s);
        incidence.push(cif);
      }
      atRisk -= live + other + censored;
    }
    this.pLive = cif;
    // Step-function lookups: value after all events at times ≤ x.
    const at = (arr: number[], x: number, before: number) => {
      let lo = 0;
      let hi = times.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((times[mid] ?? 0) <= x) lo = mid + 1;
        else hi = mid;
      }
      return lo === 0 ? before : (arr[lo - 1] ?? before);
    };
    // Horizons: quantiles of the ring time of live answers (of the incidence curve).
    const horizons: number[] = [];
    for (let q = 0; q < quadrature; q++) {
      const level = ((q + 0.5) / quadrature) * cif;
      let h = 8;
      for (let j = 0; j < times.length; j++) {
        if ((incidence[j] ?? 0) >= level) { h = times[j] ?? h; break; }
      }
      horizons.push(h);
    }
    this.horizons = horizons;
    const maxAge = times[times.length - 1] ?? 0;
    const buckets = Math.ceil(maxAge / AGE_STEP_S) + 2;
    const table: Float64Array[] = [];
    for (let b = 0; b < buckets; b++) {
      const age = b * AGE_STEP_S;
      const row = new Float64Array(quadrature);
      const alive = at(survival, age, 1);
      if (alive > 1e-9) {
        const base = at(incidence, age, 0);
        for (let q = 0; q < quadrature; q++) row[q] = Math.min(1, (at(incidence, age + (horizons[q] ?? 0), 0) - base) / alive);
      }
      table.push(row);
    }
    this.liveBy = table;
  }

  /** The row for a call ringing for `ageS` (calls older than any seen resolve as not live). */
  row(ageS: number): Float64Array | undefined {
    return this.liveBy[Math.floor(ageS / AGE_STEP_S)];
  }
}
