// The feedback loop that holds the abandon rate to its target. The predictive model turns the
// campaign's state into the abandon risk of one more call; this controller sets how much risk the
// marginal call may carry (θ). Each live answer moves log θ by a stochastic-approximation step
// towards the point where the abandon rate equals a local aim; the local aim is the target
// corrected by the budget left over the whole shift (abandons allowed so far minus abandons made),
// paid back over the next few hundred answers. So a bad hour tightens the dialer until the shift's
// rate is back under the target, and an unused budget is spent, not lost.

/** Live answers over which a budget surplus or deficit is paid back. */
const PAYBACK_ANSWERS = 250;
/** Step of log θ per live answer, relative to the aim (an abandon moves it by about −STEP / aim). */
const STEP = 0.006;
const MIN_THETA = 1e-5;
const MAX_THETA = 0.8;
/** The model's risk is an approximation; θ starts at the aim, the cautious side of where it settles. */
const START_FACTOR = 1;

export class AbandonControl {
  private logTheta: number;
  private readonly aim: number;
  live = 0;
  abandons = 0;

  /** `aim`: the abandon rate to hold over the shift (already below the ceiling by a safety margin). */
  constructor(aim: number) {
    this.aim = aim;
    this.logTheta = Math.log(Math.min(MAX_THETA, Math.max(MIN_THETA, aim * START_FACTOR)));
  }

  get theta(): number {
    return Math.exp(this.logTheta);
  }

  /** One live answer decided: connected (false) or abandoned (true). */
  record(abandoned: boolean): void {
    this.live++;
    if (abandoned) this.abandons++;
    if (this.aim <= 0) {
      this.logTheta = Math.log(MIN_THETA);
      return;
    }
    const budget = this.aim * this.live - this.abandons;
    const local = Math.min(2 * this.aim, Math.max(0.1 * this.aim, this.aim + budget / PAYBACK_ANSWERS));
    const x = abandoned ? 1 : 0;
    this.logTheta += (STEP * (local - x)) / this.aim;
    this.logTheta = Math.min(Math.log(MAX_THETA), Math.max(Math.log(MIN_THETA), this.logTheta));
  }
}
