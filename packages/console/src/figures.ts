// A campaign's figures as a supervisor reads them: shares as percentages in the page's language,
// why it is not dialling in words, the time its calling hours open on the operation's clock (read
// from the stamp's own wall-clock digits, never converted to the browser's zone), and the part of
// the day's series that holds anything. Pure: test/console-figures.test.ts runs it in Node.
import type { CampaignSeries, CampaignStats } from '@pacer/client';

export type Bucket = CampaignSeries['buckets'][number];
export type Reason = NonNullable<CampaignStats['not_dialling']>[number];

/** The words the reasons need, from the page's table of texts. */
export interface ReasonWords {
  reasons: Record<Reason['reason'], string>;
  outsideUntil: (when: string) => string;
  outsideNoOpening: string;
}

/** A share (0–1) as a percentage with one decimal in `locale` ("1.5 %", "1,5 %"); "—" for null. */
export function formatShare(share: number | null, locale: string): string {
  if (share === null) return '—';
  return `${(share * 100).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/** A limit (a target, the ceiling) as a percentage without a needless decimal ("3 %", "1.5 %"). */
export function formatLimit(share: number, locale: string): string {
  return `${(share * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} %`;
}

/** A whole number with the locale's grouping ("1,234", "1.234"). */
export function formatCount(n: number, locale: string): string {
  return n.toLocaleString(locale, { maximumFractionDigits: 0 });
}

/** Seconds as whole minutes with one decimal ("12.5"). */
export function formatMinutes(seconds: number, locale: string): string {
  return (seconds / 60).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** The wall-clock parts of an ISO stamp written on the operation's clock ("2026-03-03T07:00:00-05:00"). */
function wallOf(stamp: string): { y: number; mo: number; d: number; hhmm: string } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(stamp);
  return m ? { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), hhmm: m[4] ?? '' } : undefined;
}

/**
 * When the calling hours open, as the operation's clock shows it: the day of the week and the
 * time ("Mon 07:00", "lun 07:00"); with the date as well when it is six days or more after `at`
 * (so a weekday never means two days).
 */
export function openingOnClock(opensAt: string, at: string, locale: string): string {
  const open = wallOf(opensAt);
  const now = wallOf(at);
  if (!open) return opensAt;
  const day = Date.UTC(open.y, open.mo - 1, open.d);
  const days = now ? Math.round((day - Date.UTC(now.y, now.mo - 1, now.d)) / 86_400_000) : 0;
  const options: Intl.DateTimeFormatOptions = days >= 6 ? { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' } : { weekday: 'short', timeZone: 'UTC' };
  return `${new Intl.DateTimeFormat(locale, options).format(day)} ${open.hhmm}`;
}

/** Why a campaign is not dialling, each reason in words; the stats' `at` tells which day it is there. */
export function reasonsInWords(words: ReasonWords, reasons: readonly Reason[], at: string, locale: string): string[] {
  return reasons.map((r) => {
    if (r.reason !== 'outside_schedule') return words.reasons[r.reason];
    return r.opens_at ? words.outsideUntil(openingOnClock(r.opens_at, at, locale)) : words.outsideNoOpening;
  });
}

/** The wall-clock time of a bucket's start or end ("09:15"). */
export function clockOf(stamp: string): string {
  return wallOf(stamp)?.hhmm ?? stamp;
}

/**
 * The buckets worth drawing: from the first that holds an answer or staffed time to the last of
 * the day so far (the night before the shift is left out); none when nothing happened yet.
 */
export function activeBuckets(series: CampaignSeries): Bucket[] {
  const first = series.buckets.findIndex((b) => b.answered > 0 || b.staffed_s > 0);
  return first < 0 ? [] : series.buckets.slice(first);
}

/** An axis from 0 to a round share that holds `max`: its ticks. */
export function shareTicks(max: number): number[] {
  const steps = [0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25];
  const step = steps.find((s) => max / s <= 5) ?? 0.25;
  const top = Math.max(step, Math.ceil(max / step - 1e-9) * step);
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6);
}
