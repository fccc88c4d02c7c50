// Kaplan–Meier survival of a duration from completed observations and ones still running
// (censored at their elapsed time), as probability masses at the completed durations. Early in a
// shift only short calls have ended; without the running ones the estimate would think every
// conversation short and the dialer would over-dial exactly when it knows least.

export interface Survival {
  /** Completed durations, ascending, with the probability mass the estimate puts on each. */
  at: number[];
  mass: number[];
  /** Mass beyond the last completed duration (the unobserved tail). */
  tail: number;
}

export function kaplanMeier(completed: readonly number[], running: readonly number[]): Survival {
  const events = [...completed].sort((a, b) => a - b);
  const censored = [...running].sort((a, b) => a - b);
  const at: number[] = [];
  const mass: number[] = [];
  let s = 1;
  let atRisk = events.length + censored.length;
  let c = 0;
  for (let i = 0; i < events.length;) {
    const t = events[i] ?? 0;
    // Censored before t leave the risk set first (a running call at exactly t is still at risk).
    while (c < censored.length && (censored[c] ?? 0) < t) { c++; atRisk--; }
    let d = 0;
    while (i < events.length && events[i] === t) { d++; i++; }
    if (atRisk <= 0) break;
    const next = s * (1 - d / atRisk);
    at.push(t);
    mass.push(s - next);
    s = next;
    atRisk -= d;
  }
  return { at, mass, tail: s };
}
