// A campaign's day so far in buckets, for the console's charts: its answers, abandons and abandon
// rate, its agents' utilisation per bucket of today on the operation's clock, the abandon rate of
// the day up to each bucket's end, and the day's calls by result. Counted from the store at each
// read with the live figures' own statements and definitions (src/domain/campaign-stats.ts): a
// bucket is the difference of the windows from its start and from the next one.
import { busyAgentStates, seriesStarts, share, staffedAgentStates, type SeriesBucketMinutes } from '../../domain/campaign-stats.ts';
import { callResults } from '../../domain/call-state.ts';
import { fail } from '../../domain/errors.ts';
import { abandonTargetOfSpeed, DEFAULT_ABANDON_CEILING } from '../../domain/pacing/speed.ts';
import type { RequestContext } from '../deps.ts';
import type { AgentTime, AnswerCount, ResultCount } from '../ports/campaign-stats.ts';
import type { Tx } from '../ports/store.ts';

/** The figures of one bucket, [start, end). */
export interface SeriesBucket extends AnswerCount, AgentTime {
  start: number;
  /** The next bucket's start, or now for the last one. */
  end: number;
  /** abandoned / answered in the bucket; null with no answer. */
  abandonRate: number | null;
  /** busyMs / staffedMs in the bucket; null with no staffed time. */
  utilisation: number | null;
  /** The abandon rate from the start of the day to the bucket's end (what the ceiling is about); null with no answer yet. */
  dayAbandonRate: number | null;
}

export interface CampaignSeries {
  campaignId: string;
  at: number;
  timeZone: string;
  bucketMinutes: SeriesBucketMinutes;
  buckets: SeriesBucket[];
  /** The day's dialer calls of the campaign by their result (null: not ended), by placing time. */
  results: ResultCount[];
  abandonTarget: number;
  abandonCeiling: number;
}

export async function campaignSeries(tx: Tx, ctx: RequestContext, campaignId: string, bucketMinutes: SeriesBucketMinutes): Promise<CampaignSeries> {
  const campaign = await tx.campaigns.get(ctx.operationId, campaignId);
  if (!campaign) throw fail.campaignNotFound(campaignId);
  const { now, operationId, timeZone } = ctx;
  const starts = seriesStarts(now, timeZone, bucketMinutes * 60_000);
  const answers = await tx.campaignStats.answers(operationId, campaignId, starts, now);
  const time = await tx.campaignStats.agentTime(operationId, campaign.skillId, starts, now, { busy: busyAgentStates, staffed: staffedAgentStates });
  const results = await tx.campaignStats.results(operationId, campaignId, starts[0] ?? now, now);

  // Each window runs from its start to now: a bucket is its window less the next one's.
  const zero = { answered: 0, abandoned: 0, busyMs: 0, staffedMs: 0 };
  const from = (k: number) => ({ ...zero, ...answers[k], ...time[k] });
  const day = from(0);
  const buckets = starts.map((start, k): SeriesBucket => {
    const here = from(k);
    const next = k + 1 < starts.length ? from(k + 1) : zero;
    const answered = here.answered - next.answered;
    const abandoned = here.abandoned - next.abandoned;
    const busyMs = here.busyMs - next.busyMs;
    const staffedMs = here.staffedMs - next.staffedMs;
    return {
      start, end: starts[k + 1] ?? now, answered, abandoned, busyMs, staffedMs,
      abandonRate: share(abandoned, answered), utilisation: share(busyMs, staffedMs),
      dayAbandonRate: share(day.abandoned - next.abandoned, day.answered - next.answered),
    };
  });
  // The vocabulary's order, calls not ended last: the same bars in the same places every time.
  const rank = (r: ResultCount) => (r.result === null ? callResults.length : (callResults as readonly string[]).indexOf(r.result));
  return {
    campaignId, at: now, timeZone, bucketMinutes, buckets, results: [...results].sort((a, b) => rank(a) - rank(b)),
    abandonTarget: abandonTargetOfSpeed(campaign.speed), abandonCeiling: DEFAULT_ABANDON_CEILING,
  };
}
