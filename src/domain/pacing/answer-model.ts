// What a placed call will do, learnt online from the calls the campaign resolves: the chance it
// becomes a live answer and when. Kept as the last few hundred resolutions (so it follows a
// collapsing or recovering answer rate within minutes) plus a weak prior for the first minutes.
import { countAtMost } from './ring-buffer.ts';

/** Resolutions remembered. */
const WINDOW = 300;
/** Until this many calls resolved, a prior (one live answer in four, after 8 s) is mixed in. */
const PRIOR_UNTIL = 60;
const PRIOR_LIVE_RING = [4, 6, 8, 10, 14];
const PRIOR_OTHER_RING = [3, 8, 12, 16, 18, 20, 22, 22, 22, 22, 22, 22, 22, 22, 22];
/** Age buckets of ringing calls. */
export const AGE_STEP_S = 0.5;

export class AnswerModel {
  /** The last resolutions: how long each call rang (as the dialer saw it) and whether it was live. */
  private readonly outcomes: { ringS: number; live: boolean }[] = [];
  private nextOutcome = 0;

  /** Quantile times (from now) at which the marginal call's live answer is examined. */
  horizons: number[] = [];
  /** P(a live answer within horizon q | still ringing at age bucket b), as [b][q]. */
  liveBy: Float64Array[] = [];
  pLive = 0.25;

  observe(ringS: number, isLive: boolean): void {
    const o = { ringS: Math.max(0, ringS), live: isLive };
    if (this.outcomes.length < WINDOW) this.outcomes.push(o);
    else this.outcomes[this.nextOutcome] = o;
    this.nextOutcome = (this.nextOutcome + 1) % WINDOW;
  }

  /** Rebuilds the tables from the current window, examining `quadrature` answer instants. */
  refresh(quadrature: number): void {
    const all: number[] = [];
    const liveRing: number[] = [];
    for (const o of this.outcomes) {
      all.push(o.ringS);
      if (o.live) liveRing.push(o.ringS);
    }
    if (this.outcomes.length < PRIOR_UNTIL) {
      all.push(...PRIOR_LIVE_RING, ...PRIOR_OTHER_RING);
      liveRing.push(...PRIOR_LIVE_RING);
    }
    all.sort((a, b) => a - b);
    liveRing.sort((a, b) => a - b);
    this.pLive = all.length > 0 ? liveRing.length / all.length : 0;
    const horizons: number[] = [];
    for (let q = 0; q < quadrature; q++) {
      const idx = Math.min(liveRing.length - 1, Math.floor(((q + 0.5) / quadrature) * liveRing.length));
      horizons.push(liveRing[idx] ?? 8);
    }
    this.horizons = horizons;
    const maxAge = all[all.length - 1] ?? 0;
    const buckets = Math.ceil(maxAge / AGE_STEP_S) + 2;
    const table: Float64Array[] = [];
    for (let b = 0; b < buckets; b++) {
      const age = b * AGE_STEP_S;
      const row = new Float64Array(quadrature);
      const alive = all.length - countAtMost(all, age);
      if (alive > 0) {
        const liveAfter = countAtMost(liveRing, age);
        for (let q = 0; q < quadrature; q++) {
          row[q] = (countAtMost(liveRing, age + (horizons[q] ?? 0)) - liveAfter) / alive;
        }
      }
      table.push(row);
    }
    this.liveBy = table;
  }

  /** The row for a call ringing for `ageS` (calls older than any seen are taken as dead). */
  row(ageS: number): Float64Array | undefined {
    return this.liveBy[Math.floor(ageS / AGE_STEP_S)];
  }
}
