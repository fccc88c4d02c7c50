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
 * The highest abandon rate over the rolling windows of `windowS` seconds that hold at least
 * `minAnswers` live answers. A live answer belongs to the window holding its answer instant; the
 * windows examined are those that open at a live answer ([t, t + w)) and those that close at one
 * ((t − w, t]), which include the extreme ones. 0 when no window holds enough answers.
 */
export function maxWindowRate(answerT: readonly number[], abandoned: readonly boolean[], windowS = 3600, minAnswers = 30): number {
  const n = answerT.length;
  const prefix = new Array<number>(n + 1).fill(0);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] ?? 0) + (abandoned[i] ? 1 : 0);
  let best = 0;
  const consider = (from: number, to: number) => {
    const count = to - from;
    if (count >= minAnswers) best = Math.max(best, ((prefix[to] ?? 0) - (prefix[from] ?? 0)) / count);
  };
  let j = 0;
  for (let i = 0; i < n; i++) {
    // opens at answer i: answers with t < t_i + w
    if (j < i) j = i;
    while (j < n && (answerT[j] ?? 0) < (answerT[i] ?? 0) + windowS) j++;
    consider(i, j);
  }
  let k = 0;
  for (let i = 0; i < n; i++) {
    // closes at answer i (and any answers at the same instant): answers with t > t_i − w
    let end = i + 1;
    while (end < n && answerT[end] === answerT[i]) end++;
    while (k < n && (answerT[k] ?? 0) <= (answerT[i] ?? 0) - windowS) k++;
    consider(k, end);
  }
  return best;
}
