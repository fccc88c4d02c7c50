// What a campaign's live figures mean: the windows they are counted over, which calls count as
// answered and abandoned, and which agent states count as busy or as staffed for utilisation. The
// store counts with these lists and the docs state them, so the definitions live in one place.
import type { AgentState } from './agent-state.ts';
import { seriesBucketMinutes, type SeriesBucketMinutes } from '../../packages/vocabulary/src/campaign.ts';
import { startOfLocalDay } from './local-time.ts';

/** The rolling window beside "today". */
export const recentWindowMs = 30 * 60_000;

/** The windows of the figures at `now`: today on the operation's clock, and the last 30 minutes. */
export function statsWindows(now: number, timeZone: string): { today: number; recent: number } {
  return { today: startOfLocalDay(now, timeZone), recent: now - recentWindowMs };
}

/** An agent talking to a customer (held included) or wrapping up the call: the work utilisation measures. */
export const busyAgentStates: readonly AgentState[] = ['talking', 'held', 'acw'];
/**
 * An agent logged in and working the floor: ready, being offered or ringing for a call, busy with
 * one. Auxiliary states (breaks, lunch) and logged-out time are not staffed time.
 */
export const staffedAgentStates: readonly AgentState[] = ['ready', 'ringing', ...busyAgentStates];

/**
 * Pending records are counted up to this many of each kind (due retries, never tried, later
 * retries) per time zone: exact while a campaign runs low, a lower bound ("10,000 or more") for
 * a large one, whose count would otherwise cost a read of every record at each poll.
 */
export const recordCountCap = 10_000;

/** `part / whole`, or null when there is nothing to divide (no answer yet, no staffed time). */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export { seriesBucketMinutes, type SeriesBucketMinutes };

/**
 * The starts of today's buckets on the operation's clock, up to `now`: from the start of its day
 * (as "today" of the figures), every `bucketMs`. The last bucket is the one that has begun
 * before `now` (at the first instant of the day, the first one).
 */
export function seriesStarts(now: number, timeZone: string, bucketMs: number): number[] {
  const first = startOfLocalDay(now, timeZone);
  const starts = [first];
  for (let at = first + bucketMs; at < now; at += bucketMs) starts.push(at);
  return starts;
}
