// When a busy agent will be free, learnt online from the talks and after-call work the campaign
// sees. Talk times are heavy-tailed (short refusals mixed with long conversations): a call that has
// lasted three minutes is not "almost over", so the estimate is the empirical conditional survival
// P(talk ends within h | it has lasted e), convolved with after-call work, never "mean − elapsed".
import { countAtMost, RingBuffer } from './ring-buffer.ts';

const WINDOW = 600;
/** Until this many talks are seen, a prior (exponential, mean 120 s talk, 15 s after-call) is mixed in. */
const PRIOR_UNTIL = 60;
const PRIOR_POINTS = 20;
const PRIOR_TALK_MEAN = 120;
const PRIOR_ACW_MEAN = 15;
/** Fewer surviving observations than this and the tail is extrapolated instead of read. */
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

  refresh(horizons: readonly number[]): void {
    const talk = this.talks.sorted();
    const acw = this.acws.sorted();
    if (this.talks.size < PRIOR_UNTIL) mergeInto(talk, exponentialPoints(PRIOR_TALK_MEAN));
    if (this.acws.size < PRIOR_UNTIL) mergeInto(acw, exponentialPoints(PRIOR_ACW_MEAN));
    const acwCdf = (x: number) => (x < 0 ? 0 : countAtMost(acw, x) / acw.length);
    this.talking = table(talk, horizons, (e, h) => {
      // Σ over talks longer than e and ending within h, of P(after-call work fits in what is left).
      let p = 0;
      for (let i = countAtMost(talk, e); i < talk.length; i++) {
        const rest = (talk[i] ?? 0) - e;
        if (rest > h) break;
        p += acwCdf(h - rest);
      }
      return p;
    });
    this.wrapping = table(acw, horizons, (e, h) => countAtMost(acw, e + h) - countAtMost(acw, e));
  }

  /** P(free within each horizon) for an agent `elapsedS` into its talk or its after-call work. */
  row(activity: 'talking' | 'acw', elapsedS: number): Float64Array | undefined {
    return (activity === 'talking' ? this.talking : this.wrapping)[bucketOf(elapsedS)];
  }
}

function mergeInto(target: number[], extra: number[]): void {
  target.push(...extra);
  target.sort((a, b) => a - b);
}

/**
 * Builds [bucket][q] = (mass ending within h_q | lasted e) / (mass lasting beyond e). Where fewer
 * than MIN_TAIL observations last beyond e, the hazard is extrapolated as falling like 1/e, the
 * shape of the heavy tails seen in conversation lengths.
 */
function table(sorted: readonly number[], horizons: readonly number[], mass: (e: number, h: number) => number): Float64Array[] {
  const rows: Float64Array[] = [];
  let lastGood: { e: number; row: Float64Array } | undefined;
  for (let b = 0; b < BUCKETS; b++) {
    const e = elapsedOf(b);
    const alive = sorted.length - countAtMost(sorted, e);
    const row = new Float64Array(horizons.length);
    if (alive >= MIN_TAIL) {
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
