// When a busy agent will be free, learnt online from the talks and after-call work the campaign
// sees. Talk times are heavy-tailed (short refusals mixed with long conversations): a call that has
// lasted three minutes is not "almost over", so the estimate is the empirical conditional survival
// P(talk ends within h | it has lasted e), convolved with after-call work, never "mean − elapsed".
import { countAtMost, RingBuffer } from './ring-buffer.ts';
import { kaplanMeier, type Survival } from './survival.ts';

const WINDOW = 600;
/** Until this many talks are seen, a prior (exponential, mean 120 s talk, 15 s after-call) is mixed in. */
const PRIOR_UNTIL = 40;
const PRIOR_POINTS = 10;
const PRIOR_TALK_MEAN = 120;
const PRIOR_ACW_MEAN = 15;
/** Less surviving mass than this share of the sample and the tail is extrapolated, not read. */
const MIN_TAIL = 8;

/** Elapsed-time buckets: 2 s wide up to 10 minutes, then 20 s wide up to 2 hours. */
function bucketOf(e: number): number {
  return e < 600 ? Math.floor(e / 2) : Math.min(300 + Math.floor((e - 600) / 20), 300 + 330);
}
function elapsedOf(b: number): number {
  return b < 300 ? b * 2 : 600 + (b - 300) * 20;
}
const BUCKETS = 300 + 331;

function exponentialPoints(meanS: number): number[] {
  return Array.from({ length: PRIOR_POINTS }, (_, i) => -meanS * Math.log(1 - (i + 0.5) / PRIOR_POINTS));
}

export class HandleModel {
  private readonly talks = new RingBuffer(WINDOW);
  private readonly acws = new RingBuffer(WINDOW);
  /** P(free within horizon q | talking for bucket b) and the same in after-call work, as [b][q]. */
  private talking: Float64Array[] = [];
  private wrapping: Float64Array[] = [];

  observeTalk(s: number): void {
    this.talks.push(Math.max(0, s));
  }

  observeAcw(s: number): void {
    this.acws.push(Math.max(0, s));
  }

  /**
   * Rebuilds the tables for these horizons. `runningTalk`/`runningAcw`: elapsed times of the talks
   * and wrap-ups under way, used as censored observations while the window still reaches back to
   * the start of the shift (afterwards the window's completed durations are unbiased on their own).
   */
  refresh(horizons: readonly number[], runningTalk: readonly number[], runningAcw: readonly number[]): void {
    const talkDone = this.talks.sorted();
    const acwDone = this.acws.sorted();
    if (this.talks.size < PRIOR_UNTIL) talkDone.push(...exponentialPoints(PRIOR_TALK_MEAN));
    if (this.acws.size < PRIOR_UNTIL) acwDone.push(...exponentialPoints(PRIOR_ACW_MEAN));
    const talk = kaplanMeier(talkDone, this.talks.size < WINDOW ? runningTalk : []);
    const acw = kaplanMeier(acwDone, this.acws.size < WINDOW ? runningAcw : []);
    const acwCdf = cdfOf(acw);
    const minTail = MIN_TAIL / Math.max(1, talkDone.length);
    this.talking = table(talk, horizons, minTail, (e, h) => {
      // Mass of talks ending in (e, e + h], each weighted by P(after-call work fits in what is left).
      let p = 0;
      for (let i = countAtMost(talk.at, e); i < talk.at.length; i++) {
        const rest = (talk.at[i] ?? 0) - e;
        if (rest > h) break;
        p += (talk.mass[i] ?? 0) * acwCdf(h - rest);
      }
      return p;
    });
    this.wrapping = table(acw, horizons, MIN_TAIL / Math.max(1, acwDone.length), (e, h) => {
      let p = 0;
      for (let i = countAtMost(acw.at, e); i < acw.at.length && (acw.at[i] ?? 0) <= e + h; i++) p += acw.mass[i] ?? 0;
      return p;
    });
  }

  /** P(free within each horizon) for an agent `elapsedS` into its talk or its after-call work. */
  row(activity: 'talking' | 'acw', elapsedS: number): Float64Array | undefined {
    return (activity === 'talking' ? this.talking : this.wrapping)[bucketOf(elapsedS)];
  }
}

function cdfOf(s: Survival): (x: number) => number {
  const cum: number[] = [];
  let acc = 0;
  for (const m of s.mass) cum.push((acc += m));
  return (x) => (x < 0 ? 0 : (cum[countAtMost(s.at, x) - 1] ?? 0));
}

/**
 * Builds [bucket][q] = (mass ending within h_q after e) / (mass lasting beyond e). Where less than
 * `minTail` of the mass lasts beyond e, the hazard is extrapolated as falling like 1/e, the shape
 * of the heavy tails seen in conversation lengths.
 */
function table(s: Survival, horizons: readonly number[], minTail: number, mass: (e: number, h: number) => number): Float64Array[] {
  const suffix = new Array<number>(s.mass.length + 1).fill(s.tail);
  for (let i = s.mass.length - 1; i >= 0; i--) suffix[i] = (suffix[i + 1] ?? 0) + (s.mass[i] ?? 0);
  const rows: Float64Array[] = [];
  let lastGood: { e: number; row: Float64Array } | undefined;
  for (let b = 0; b < BUCKETS; b++) {
    const e = elapsedOf(b);
    const alive = suffix[countAtMost(s.at, e)] ?? 0;
    const row = new Float64Array(horizons.length);
    if (alive >= minTail && alive > 0) {
      for (let q = 0; q < horizons.length; q++) row[q] = Math.min(1, mass(e, horizons[q] ?? 0) / alive);
      lastGood = { e, row };
    } else if (lastGood) {
      const shrink = Math.max(1, lastGood.e) / Math.max(1, e);
      for (let q = 0; q < horizons.length; q++) row[q] = (lastGood.row[q] ?? 0) * shrink;
    }
    rows.push(row);
  }
  return rows;
}
