// The summary statistics of a result, defined once here and documented in the result type:
// percentiles by nearest rank, and the worst rolling-window abandon rate.

/** Nearest-rank percentile (q in [0, 1]) of the values; 0 when there are none. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? 0;
}

export function meanOf(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return values.length === 0 ? 0 : s / values.length;
}

/**
 * The highest abandon rate over the rolling windows of `windowS` seconds inside the shift
 * [0, durationS] that hold at least `minAnswers` live answers. A live answer belongs to the window
 * holding its answer instant. The rate of a window changes only when an answer enters or leaves it,
 * so the windows examined are those that open at a live answer ([t, t + w)), those that close on
 * one ((t − w, t]), and the two at the edges of the shift ([0, w) and [d − w, d]), all inside the
 * shift; a shift shorter than the window is one window. 0 when no window holds enough answers.
 */
export function maxWindowRate(answerT: readonly number[], abandoned: readonly boolean[], durationS: number, windowS = 3600, minAnswers = 30): number {
  const n = answerT.length;
  const prefix = new Array<number>(n + 1).fill(0);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] ?? 0) + (abandoned[i] ? 1 : 0);
  const w = Math.min(windowS, durationS);
  /** Index of the first answer with time ≥ x (strict: > x). */
  const search = (x: number, strict: boolean) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = answerT[mid] ?? 0;
      if (v < x || (strict && v === x)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let best = 0;
  const consider = (from: number, to: number) => {
    const count = to - from;
    if (count >= minAnswers) best = Math.max(best, ((prefix[to] ?? 0) - (prefix[from] ?? 0)) / count);
  };
  consider(0, search(w, false));
  consider(search(durationS - w, false), n);
  for (let i = 0; i < n; i++) {
    const t = answerT[i] ?? 0;
    if (t + w <= durationS) consider(search(t, false), search(t + w, false));
    if (t - w >= 0) consider(search(t - w, true), search(t, true));
  }
  return best;
}
