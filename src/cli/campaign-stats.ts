// How `pacer campaigns stats` and `campaigns show` print a campaign's live state for people: why
// it is not dialling, its calls, its two windows side by side, its records and its pacing; and how
// `campaigns series` prints its day bucket by bucket.
import type { CampaignSeries, CampaignStats } from '../../packages/client/src/index.ts';
import { table } from './output.ts';

const percent = (share: number | null) => (share === null ? '-' : `${(share * 100).toFixed(1)} %`);

/** `dialling`, or `not dialling: outside_schedule (opens …), no_agent_ready`. */
export function diallingLine(notDialling: CampaignStats['not_dialling']): string {
  if (notDialling === null) return 'dialling';
  const reasons = notDialling.map((r) => (r.reason === 'outside_schedule' ? `${r.reason} (opens ${r.opens_at ?? 'not within 14 days'})` : r.reason));
  return `not dialling: ${reasons.join(', ')}`;
}

export function statsText(s: CampaignStats): string {
  const windows = [['today', s.today], ['last 30 min', s.last_30_min]] as const;
  const rows = windows.map(([name, w]) => ({
    window: name, answered: w.answered, abandoned: w.abandoned, abandon_rate: percent(w.abandon_rate),
    busy_s: Math.round(w.busy_s), staffed_s: Math.round(w.staffed_s), utilisation: percent(w.agent_utilisation),
  }));
  const more = s.records.capped ? ' or more' : '';
  const p = s.pacing;
  const pacing = p === null
    ? 'pacing: no decision of this process (stopped, closed everywhere, not paced yet, or paced by another process)'
    : `pacing: ${p.strategy} at ${p.decided_at}: ${p.in_flight} in flight, ${p.ready_agents} ready, wants ${p.wanted} more (${p.lines_wanted} in flight)`
      + (p.dial_ratio === null ? '' : `, dial ratio ${Number(p.dial_ratio.toFixed(3))}`)
      + (p.risk_limit === null ? '' : `, risk limit ${Number(p.risk_limit.toPrecision(3))}`);
  return [
    `campaign ${s.campaign_id} (${s.status}) at ${s.at} (${s.time_zone})`,
    diallingLine(s.not_dialling),
    `lines in flight ${s.lines_in_flight}, waiting for an agent ${s.waiting_for_agent}; agents ready ${s.agents.ready}, available ${s.agents.available}`,
    table(rows, ['window', 'answered', 'abandoned', 'abandon_rate', 'busy_s', 'staffed_s', 'utilisation']),
    `records: ${s.records.dialable_now}${more} dialable now, ${s.records.pending}${more} pending; abandon target ${percent(s.abandon_target)}`,
    pacing,
  ].join('\n');
}

/** The day's buckets as a table (times of day on the operation's clock), then the calls by result. */
export function seriesText(s: CampaignSeries): string {
  const time = (stamp: string) => stamp.slice(11, 16);
  const rows = s.buckets.map((b) => ({
    from: time(b.start), to: time(b.end), answered: b.answered, abandoned: b.abandoned, abandon_rate: percent(b.abandon_rate),
    day_abandon_rate: percent(b.day_abandon_rate), utilisation: percent(b.agent_utilisation),
  }));
  const results = s.calls_by_result.map((r) => `${r.result ?? 'not ended'} ${r.calls}`).join(', ');
  return [
    `campaign ${s.campaign_id} today by ${s.bucket_minutes} min, at ${s.at} (${s.time_zone}); abandon target ${percent(s.abandon_target)}, ceiling ${percent(s.abandon_ceiling)}`,
    table(rows, ['from', 'to', 'answered', 'abandoned', 'abandon_rate', 'day_abandon_rate', 'utilisation']),
    `calls by result: ${results === '' ? 'none' : results}`,
  ].join('\n');
}
