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
 * so the windows examined are those that open at a live answer ([t, t + w)), those that close just
 * after one ((t − w, t]), and the two at the edges of the shift, all kept inside the shift; a shift
 * shorter than the window is one window. 0 when no window holds enough answers.
 */
export function maxWindowRate(answerT: readonly number[], abandoned: readonly boolean[], durationS: number, windowS = 3600, minAnswers = 30): number {
  const n = answerT.length;
  const prefix = new Array<number>(n + 1).fill(0);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] ?? 0) + (abandoned[i] ? 1 : 0);
  const w = Math.min(windowS, durationS);
  const first = (x: number) => { // index of the first answer at or after x
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((answerT[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let best = 0;
  const window = (from: number) => { // answers in [from, from + w)
    if (from < 0 || from + w > durationS + 1e-9) return;
    const a = first(from);
    const b = first(from + w);
    const count = b - a;
    if (count >= minAnswers) best = Math.max(best, ((prefix[b] ?? 0) - (prefix[a] ?? 0)) / count);
  };
  window(0);
  window(durationS - w);
  for (let i = 0; i < n; i++) {
    const t = answerT[i] ?? 0;
    window(t);
    // (t − w, t]: the answers in [t − w + ε, t]; ε smaller than any gap between distinct instants.
    window(nextUp(t - w));
  }
  return best;
}

/** The smallest double greater than x, so a window can start just after an instant. */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const buf = new Float64Array([x]);
  const bits = new BigInt64Array(buf.buffer);
  bits[0] = (bits[0] ?? 0n) + (x > 0 ? 1n : -1n);
  return buf[0] ?? x;
}
