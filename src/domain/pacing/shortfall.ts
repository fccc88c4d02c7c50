// The chance that a live answer finds no agent: the number of agents left for it is
//   X = base + Σ Bernoulli(f_i) − Σ Bernoulli(l_j) − Binomial(m, g)
// (agents ready minus calls waiting, plus busy agents that will have finished, minus calls ahead of
// it that will have been answered, minus the m other new calls that will have beaten it). With
// few terms the sum is computed exactly: its tails are what matter, and with a handful of agents a
// normal approximation puts several times too little weight there. With many terms (large teams)
// a normal approximation is far cheaper, corrected for skewness (the refined normal approximation
// of a Poisson-binomial sum): the answers are many rare events, a right-skewed count, and a plain
// normal misjudges the lower tail of X that the risk is made of.
import { refinedNormalCdf } from './normal.ts';

/** Up to this many Bernoulli terms the distribution is computed exactly. */
export const EXACT_TERMS = 40;
/** New calls considered in one decision on the exact path (more are capped there). */
export const MAX_EXTRA = 400;

export class Shortfall {
  private base = 0;
  private readonly free: number[] = [];
  private readonly answer: number[] = [];
  private mean = 0;
  private variance = 0;
  /** Third cumulant of X (normal path). */
  private third = 0;
  private exact = false;
  private normalOnly = false;
  private g = 0;
  private extra = 0;
  /** Exact path: distribution of S and its upper tail, at offset F (see prepare). */
  private readonly pmf = new Float64Array(EXACT_TERMS + 3);
  private readonly tail = new Float64Array(EXACT_TERMS + 3);
  private offset = 0;
  private size = 0;
  /** Binomial(extra, g) of the new calls ahead of the marginal one. */
  private readonly binom = new Float64Array(MAX_EXTRA + 1);

  reset(base: number): void {
    this.normalOnly = false;
    this.base = base;
    this.free.length = 0;
    this.answer.length = 0;
    this.mean = base;
    this.variance = 0;
    this.third = 0;
  }

  addFree(p: number): void {
    if (p <= 0) return;
    this.free.push(p);
    this.mean += p;
    this.variance += p * (1 - p);
    this.third += p * (1 - p) * (1 - 2 * p);
  }

  addAnswer(p: number): void {
    if (p <= 0) return;
    this.answer.push(p);
    this.mean -= p;
    this.variance += p * (1 - p);
    this.third -= p * (1 - p) * (1 - 2 * p);
  }

  /**
   * For many terms: the cumulants of X, summed by the caller (a free agent adds p, p(1 − p) and
   * p(1 − p)(1 − 2p); an answer subtracts the first and the third, adds the second).
   */
  setNormal(mean: number, variance: number, third: number): void {
    this.normalOnly = true;
    this.mean = mean;
    this.variance = variance;
    this.third = third;
  }

  /** Freezes the terms; `g`: chance a new call is answered before the marginal one. */
  prepare(g: number): void {
    this.g = g;
    this.binom.fill(0);
    this.binom[0] = 1;
    this.extra = 0;
    this.exact = !this.normalOnly && this.free.length + this.answer.length <= EXACT_TERMS;
    if (!this.exact) return;
    // S = Σ answers − Σ frees, kept at offset F on [0, F + A]; X_0 ≤ k ⇔ S ≥ base − k.
    const F = this.free.length;
    const size = F + this.answer.length + 1;
    const pmf = this.pmf;
    pmf.fill(0, 0, size + 1);
    pmf[F] = 1;
    let lo = F;
    let hi = F;
    // In place: an answer moves mass up one (walk down), a free agent moves it down one (walk up).
    for (const p of this.answer) {
      for (let i = hi; i >= lo; i--) {
        const v = pmf[i] ?? 0;
        pmf[i + 1] = (pmf[i + 1] ?? 0) + v * p;
        pmf[i] = v * (1 - p);
      }
      hi++;
    }
    for (const p of this.free) {
      for (let i = lo; i <= hi; i++) {
        const v = pmf[i] ?? 0;
        pmf[i - 1] = (pmf[i - 1] ?? 0) + v * p;
        pmf[i] = v * (1 - p);
      }
      lo--;
    }
    const tail = this.tail;
    tail[size] = 0;
    for (let i = size - 1; i >= 0; i--) tail[i] = (tail[i + 1] ?? 0) + (pmf[i] ?? 0);
    this.offset = F;
    this.size = size;
  }

  /** P(X_0 ≤ k), exact path. */
  private cdf(k: number): number {
    const idx = this.base - k + this.offset;
    return idx <= 0 ? 1 : idx >= this.size ? 0 : (this.tail[idx] ?? 0);
  }

  /** P(X ≤ 0) with `extra` new calls placed besides the marginal one; call with extra = 0, 1, 2, … in order. */
  risk(extra: number): number {
    const g = this.g;
    if (!this.exact) {
      const m = this.mean - extra * g;
      const v = this.variance + extra * g * (1 - g);
      const k3 = this.third - extra * g * (1 - g) * (1 - 2 * g);
      return v > 1e-12 ? refinedNormalCdf((0.5 - m) / Math.sqrt(v), k3 / (v * Math.sqrt(v))) : m < 0.5 ? 1 : 0;
    }
    const b = this.binom;
    while (this.extra < extra) {
      // Binomial(m, g) → Binomial(m + 1, g), in place from the top
      const m = ++this.extra;
      if (m >= b.length) break;
      for (let k = m; k >= 1; k--) b[k] = (b[k] ?? 0) * (1 - g) + (b[k - 1] ?? 0) * g;
      b[0] = (b[0] ?? 0) * (1 - g);
    }
    let r = 0;
    for (let k = 0; k <= Math.min(this.extra, b.length - 1); k++) r += (b[k] ?? 0) * this.cdf(k);
    return r;
  }
}
