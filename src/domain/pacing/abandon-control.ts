// The feedback loop that holds the abandon rate to its target. The predictive model turns the
// campaign's state into the abandon risk of one more call; this controller sets how much risk the
// marginal call may carry (θ). Each live answer moves log θ by a stochastic-approximation step
// towards the point where the abandon rate equals a local aim; the local aim is the target
// corrected by the budget left over the whole shift (abandons allowed so far minus abandons made),
// paid back over the next few hundred answers. So a bad hour tightens the dialer until the shift's
// rate is back under the target, and an unused budget is spent, not lost. A reserve of a few
// abandons is held back from the budget: the last answers of a shift cannot be paid back, and
// their abandons come at random; the reserve is what keeps a whole shift under the target in
// nineteen runs out of twenty (it matters most for small teams, whose shifts have few answers).

/** Live answers over which a budget surplus or deficit is paid back. */
const PAYBACK_ANSWERS = 250;
/** Step of log θ per live answer, relative to the aim (an abandon moves it by about −STEP / aim). */
const STEP = 0.006;
const MIN_THETA = 1e-5;
/** Answers per minute above which the per-answer step shrinks. */
const REF_ANSWERS_PER_MIN = 6;
/** Immediate response of log θ to the budget left, per reserve's worth of abandons. */
const PROPORTIONAL = 0.7;
/** Seconds of answers at the end of a shift treated as beyond payback (see reserve). */
const UNPAID_S = 1800;
/**
 * Variance of the unpaid abandons relative to a Poisson count of the same mean, before the shift
 * has shown its own (see dispersion); also the least the reserve allows for.
 */
const DISPERSION = 2;
/** Live answers per block in which the shift's abandons are counted to measure their dispersion. */
const BLOCK_ANSWERS = 50;
/** Weight of DISPERSION against the blocks measured, in blocks. */
const PRIOR_BLOCKS = 20;
/** z for 95 %: the reserve covers this many standard deviations of the unpaid abandons. */
const Z95 = 1.65;
const MAX_THETA = 0.8;
/** The model's risk is an approximation; θ starts at the aim, the cautious side of where it settles. */
const START_FACTOR = 1;

export class AbandonControl {
  private logTheta: number;
  private readonly aim: number;
  live = 0;
  abandons = 0;
  private lastT: number | undefined;
  private gapS = 60;
  // Abandons per block of BLOCK_ANSWERS live answers: the block being filled, and the sums of the
  // counts and of their squares over the blocks completed.
  private blockLive = 0;
  private blockAbandons = 0;
  private blocks = 0;
  private sumCounts = 0;
  private sumSquares = 0;

  /** `aim`: the abandon rate to hold over the shift. */
  constructor(aim: number) {
    this.aim = aim;

    this.logTheta = Math.log(Math.min(MAX_THETA, Math.max(MIN_THETA, aim * START_FACTOR)));
  }

  /**
   * Abandons held back from the budget. Those among the answers the loop cannot pay back any more
   * (the last PAYBACK_ANSWERS, or the last half hour's for a large team, whose loop is slowed in
   * time) would be Poisson if they came one at a time; they come in bunches (a burst of answers
   * strands several at once), which the dispersion allows for. The reserve covers their spread 19
   * times out of 20. Early in a shift there are fewer answers than that, and only they can fall
   * beyond payback: the reserve grows with the answers until it is full. Holding the full reserve
   * from the first answer made the dialer save it at once, at a risk limit several times below
   * where it settles, for the first hour or two of a small team's shift.
   */
  get reserve(): number {
    return Z95 * Math.sqrt(this.dispersion * this.aim * Math.min(this.live, Math.max(PAYBACK_ANSWERS, UNPAID_S / this.gapS)));
  }

  /**
   * How bunched this shift's abandons come: the variance of the abandons per block of
   * BLOCK_ANSWERS live answers over their mean (1 for abandons that come one at a time), weighed
   * with DISPERSION as PRIOR_BLOCKS blocks' worth, and never below DISPERSION. How much they bunch
   * is the campaign's, not a constant: when the answer rate jumps in bursts, the calls dialled for
   * the old rate answer together and strand several at once, and a reserve sized for 2 was just
   * enough on such a shift (one seed in ten ended at 3.03 %). On steady answering the measure is
   * mostly 1–1.5; it does not lower the reserve under DISPERSION, which was set with the controller's own
   * lag in paying back included, and which those shifts were checked with.
   */
  get dispersion(): number {
    if (this.blocks < 2 || this.sumCounts <= 0) return DISPERSION;
    const mean = this.sumCounts / this.blocks;
    const variance = Math.max(0, (this.sumSquares - this.blocks * mean * mean) / (this.blocks - 1));
    const measured = variance / mean;
    return Math.max(DISPERSION, (PRIOR_BLOCKS * DISPERSION + this.blocks * measured) / (PRIOR_BLOCKS + this.blocks));
  }

  /**
   * The risk the marginal call may carry: the integrated level, scaled at once by the budget left
   * (in units of the reserve), so a run of abandons tightens now rather than after many answers.
   */
  get theta(): number {
    const budget = this.aim * this.live - this.abandons - this.reserve;
    const push = Math.min(0.5, Math.max(-2, (PROPORTIONAL * budget) / Math.max(1, this.reserve)));
    return Math.min(MAX_THETA, Math.exp(this.logTheta + push));
  }

  /** One live answer decided at `tS`: connected (false) or abandoned (true). */
  record(abandoned: boolean, tS: number): void {
    this.live++;
    // Answers per minute, smoothed: a large team decides many answers before any of its
    // decisions shows in the abandon rate, so its step per answer is smaller (see below).
    if (this.lastT !== undefined) {
      const gap = Math.max(1e-3, tS - this.lastT);
      this.gapS += (gap - this.gapS) * 0.02;
    }
    this.lastT = tS;
    if (abandoned) this.abandons++;
    this.countBlock(abandoned);
    if (this.aim <= 0) {
      this.logTheta = Math.log(MIN_THETA);
      return;
    }
    const budget = this.aim * this.live - this.abandons - this.reserve;
    const local = Math.min(2 * this.aim, Math.max(0.1 * this.aim, this.aim + budget / PAYBACK_ANSWERS));
    const x = abandoned ? 1 : 0;
    // The loop reacts over minutes (ring, talk, wrap-up), so θ moves at most about as fast per
    // minute as it would for a team deciding REF_ANSWERS_PER_MIN answers a minute.
    const slow = Math.min(1, (REF_ANSWERS_PER_MIN * this.gapS) / 60);
    this.logTheta += (STEP * slow * (local - x)) / this.aim;
    this.logTheta = Math.min(Math.log(MAX_THETA), Math.max(Math.log(MIN_THETA), this.logTheta));
  }

  private countBlock(abandoned: boolean): void {
    this.blockLive++;
    if (abandoned) this.blockAbandons++;
    if (this.blockLive < BLOCK_ANSWERS) return;
    this.blocks++;
    this.sumCounts += this.blockAbandons;
    this.sumSquares += this.blockAbandons * this.blockAbandons;
    this.blockLive = 0;
    this.blockAbandons = 0;
  }
}
