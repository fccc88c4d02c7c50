// What a placed call will do, learnt online from the calls the campaign resolves: the chance it
// becomes a live answer and when. The chance is read from the last few minutes of resolutions (at
// least a few hundred of them, so a small team's estimate is not noise), so it follows a
// collapsing or recovering answer rate within minutes. When the answers come (the shape: how
// likely a call that has rung this long is still to answer) is read from a longer window, one that
// holds at least SHAPE_LIVE live answers: a small team at a low answer rate sees some twenty live
// answers in five minutes, and read age by age from those, a call that has rung a while is mostly
// taken for one that will never answer (no answer that late among the twenty) and now and then for
// a likely one. The dialer then places calls for agents the old calls will take. The shape is
// scaled to the recent chance, so a change in the answer rate shows at once.
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

/** Resolutions the answer chance is read from: those of the last WINDOW_S seconds, at least MIN_WINDOW. */
const WINDOW_S = 300;
const MIN_WINDOW = 300;
/** Live answers the shape is read from (older resolutions are kept for it), within MAX_WINDOW resolutions. */
const SHAPE_LIVE = 100;
const MAX_WINDOW = 3000;
/** How far the recent chance is drawn to the shape window's (1: as far as a binomial count's noise). */
const SHRINK = 1;
/**
 * Before PRIOR_UNTIL resolutions, and while the window still reaches back to the first one: one
 * call in four live, after 4–14 s (prior pseudo-observations).
 */
const PRIOR_UNTIL = 60;
const PRIOR_LIVE_RING = [4, 6, 8, 10, 14];
const PRIOR_OTHER_RING = [3, 8, 12, 16, 18, 20, 22, 22, 22, 22, 22, 22, 22, 22, 22];
/**
 * Live answers the window must hold beyond an age for the answer chance of calls that old to be
 * read from the window age by age; beyond that age the window's last resolutions are pooled.
 */
const TAIL_LIVE = 16;
/** Age buckets of ringing calls. */
export const AGE_STEP_S = 0.5;

interface Resolution { tS: number; ringS: number; live: boolean }
type Point = { t: number; kind: 0 | 1 | 2 }; // 0 live, 1 other resolution, 2 censored (still ringing)

export class AnswerModel {
  /** Resolutions from `head` (the shape's window) on; the recent window starts at `recent`. */
  private readonly window: Resolution[] = [];
  private head = 0;
  private recent = 0;
  /** Whether the recent window has dropped a resolution yet (it still reaches back to the first one). */
  private rolled = false;
  /** Live answers in the shape's window. */
  private lives = 0;

  /** Quantile times (from now) at which the marginal call's live answer is examined. */
  horizons: number[] = [];
  /** P(a live answer within horizon q | still ringing at age bucket b), as [b][q]. */
  liveBy: Float64Array[] = [];
  pLive = 0.25;

  /** Resolutions in the recent window. */
  get size(): number {
    return this.window.length - this.recent;
  }

  observe(tS: number, ringS: number, isLive: boolean): void {
    this.window.push({ tS, ringS: Math.max(0, ringS), live: isLive });
    if (isLive) this.lives++;
    // The recent window drops what is old, keeping at least MIN_WINDOW; the shape's keeps what it
    // needs of it for SHAPE_LIVE live answers, at most MAX_WINDOW; compact now and then.
    const old = (i: number) => (this.window[i]?.tS ?? tS) < tS - WINDOW_S;
    while (this.window.length - this.recent > MIN_WINDOW && old(this.recent)) {
      this.recent++;
      this.rolled = true;
    }
    while (this.head < this.recent && (this.lives - (this.window[this.head]?.live ? 1 : 0) >= SHAPE_LIVE || this.window.length - this.head > MAX_WINDOW)) {
      if (this.window[this.head]?.live) this.lives--;
      this.head++;
    }
    if (this.head > 4096) {
      this.window.splice(0, this.head);
      this.recent -= this.head;
      this.head = 0;
    }
  }

  /** The resolutions from index `from` on, with what stands in for the ones not seen yet. */
  private points(from: number, ringingAges: readonly number[]): Point[] {
    const points: Point[] = [];
    for (let i = from; i < this.window.length; i++) {
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
    return points;
  }

  /** Rebuilds the tables, examining `quadrature` answer instants; `ringingAges`: calls under way. */
  refresh(quadrature: number, ringingAges: readonly number[]): void {
    const recentPoints = this.points(this.recent, ringingAges);
    const points = this.head === this.recent ? recentPoints : this.points(this.head, ringingAges);
    const { times, survival, incidence, cif } = incidenceOf(points);
    const recent = points === recentPoints ? cif : shrunk(incidenceOf(recentPoints).cif, recentPoints.length, cif);
    // The shape's chances, scaled to the recent chance of a live answer.
    const scale = cif > 0 ? recent / cif : 1;
    this.pLive = recent;
    // Step-function lookups: value after all events at times ≤ x.
    const at = (arr: number[], x: number, before: number) => {
      const n = stepsUpTo(times, x);
      return n === 0 ? before : (arr[n - 1] ?? before);
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
    // ∫ S from 0 to x: the expected time a call rings within its first x seconds.
    const area: number[] = [];
    let sum = 0;
    for (let j = 0; j < times.length; j++) {
      sum += (j === 0 ? 1 : (survival[j - 1] ?? 0)) * ((times[j] ?? 0) - (j === 0 ? 0 : (times[j - 1] ?? 0)));
      area.push(sum);
    }
    const ringing = (x: number) => {
      const n = stepsUpTo(times, x);
      return n === 0 ? x : (area[n - 1] ?? 0) + (survival[n - 1] ?? 0) * (x - (times[n - 1] ?? 0));
    };
    const maxAge = times[times.length - 1] ?? 0;
    const buckets = Math.ceil(maxAge / AGE_STEP_S) + 2;
    const tail = tailOf(points, TAIL_LIVE);
    const table: Float64Array[] = [];
    for (let b = 0; b < buckets; b++) {
      const age = b * AGE_STEP_S;
      const row = new Float64Array(quadrature);
      const alive = at(survival, age, 1);
      if (tail && age >= tail.fromS) {
        if (alive > 1e-9) {
          const from = ringing(age);
          for (let q = 0; q < quadrature; q++) row[q] = Math.min(1, (scale * tail.liveRate * (ringing(age + (horizons[q] ?? 0)) - from)) / alive);
        }
      } else if (alive > 1e-9) {
        const base = at(incidence, age, 0);
        for (let q = 0; q < quadrature; q++) row[q] = Math.min(1, (scale * (at(incidence, age + (horizons[q] ?? 0), 0) - base)) / alive);
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

/**
 * The recent chance of a live answer, from `n` resolutions, drawn towards the longer window's
 * `longer` as far as their difference is within the recent estimate's noise (positive-part
 * James–Stein): a change in the answer rate shows at once, the noise of a few minutes' answers
 * does not.
 */
function shrunk(recent: number, n: number, longer: number): number {
  const d = recent - longer;
  const noise = (SHRINK * Math.max(recent, longer) * (1 - Math.max(recent, longer))) / Math.max(1, n);
  return d * d <= noise ? longer : longer + d * (1 - noise / (d * d));
}

/** How many of the ascending `times` are ≤ x (binary search). */
function stepsUpTo(times: readonly number[], x: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? 0) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Aalen–Johansen: survival S and cumulative incidence of a live answer, as step functions. */
function incidenceOf(points: readonly Point[]) {
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
  return { times, survival, incidence, cif };
}

/**
 * The tail of the ring times, pooled: from the age beyond which only `live` live answers remain in
 * the window, one rate of live answers per second of ringing (those answers over the time calls
 * spent ringing past that age). A call that old then answers within h at that rate for as long as
 * it is likely to ring within h (the survival of all resolutions, read from the window, so a ring
 * timeout still ends the chance). Read age by age, the chance that an old call still answers rests
 * on a handful of answers: mostly none (the call is taken for one that will never answer, and the
 * dialer places calls for agents those calls will take), now and then one (a spike).
 */
function tailOf(points: readonly Point[], live: number): { fromS: number; liveRate: number } | undefined {
  // points are sorted by t: walk back until `live` live answers lie beyond.
  let seen = 0;
  let i = points.length - 1;
  for (; i >= 0 && seen < live; i--) if (points[i]?.kind === 0) seen++;
  if (seen < live || i < 0) return undefined;
  // The tail starts at the resolution before the last `live` live answers.
  const fromS = points[i]?.t ?? 0;
  let exposure = 0;
  let lives = 0;
  for (let j = i + 1; j < points.length; j++) {
    const p = points[j];
    if (!p || p.t <= fromS) continue;
    exposure += p.t - fromS;
    if (p.kind === 0) lives++;
  }
  return exposure > 0 ? { fromS, liveRate: lives / exposure } : undefined;
}
