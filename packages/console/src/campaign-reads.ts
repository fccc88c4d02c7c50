// How the campaigns page reads its figures, deliberately: a stats read costs about 250 ms of the
// database on a big operation, so each campaign is read when it is first shown, when an event
// names it, and every 15 s while it runs (or while its charts are open) — never two reads of one
// campaign at once, at most one every 3 s per campaign (a campaign started or stopped is read at
// once: someone waits to see it), at most three at once in all. The day's
// series of the campaign whose charts are open is read when they open, on its events at most every
// 15 s, and every minute.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { PacerApiError, type CampaignSeries, type CampaignStats, type PacerClient, type SeriesBucketMinutes } from '@pacer/client';
import { throttledReads } from './reads.ts';

export const statsGapMs = 3000;
export const statsPollMs = 15_000;
export const seriesGapMs = 15_000;
export const seriesPollMs = 60_000;

/** A refusal that is the page's business (the session ended) goes up; a campaign gone is forgotten; anything else keeps the last figures. */
function handled(error: unknown, onEnded: (error: PacerApiError) => void): boolean {
  if (!(error instanceof PacerApiError)) return false;
  if (error.code === 'SESSION_INVALID') onEnded(error);
  return error.code === 'CAMPAIGN_NOT_FOUND';
}

export interface CampaignFigures {
  stats: ReadonlyMap<string, CampaignStats>;
  /** Asks for a fresh read of a campaign (throttled; `urgent`: a change a person waits to see, read at once). */
  ask: (campaignId: string, urgent?: boolean) => void;
  /** The campaigns read again every 15 s: the started ones and the one whose charts are open. */
  watch: (campaignIds: readonly string[]) => void;
}

export function useCampaignStats(client: PacerClient, onEnded: (error: PacerApiError) => void): CampaignFigures {
  const [stats, setStats] = useState<ReadonlyMap<string, CampaignStats>>(new Map());
  const ended = useRef(onEnded);
  ended.current = onEnded;
  const watched = useRef<readonly string[]>([]);
  const reads = useMemo(() => throttledReads({
    minGapMs: statsGapMs,
    parallel: 3,
    read: async (id) => {
      try {
        const s = await client.campaigns.stats(id);
        setStats((m) => new Map(m).set(id, s));
      } catch (error) {
        if (handled(error, (e) => ended.current(e))) {
          setStats((m) => {
            const next = new Map(m);
            next.delete(id);
            return next;
          });
        }
      }
    },
  }), [client]);
  useEffect(() => {
    const timer = setInterval(() => {
      for (const id of watched.current) reads.ask(id);
    }, statsPollMs);
    return () => {
      clearInterval(timer);
      reads.stop();
    };
  }, [reads]);
  return { stats, ask: reads.ask, watch: (ids) => { watched.current = ids; } };
}

export interface OpenSeries {
  /** The series of the open campaign at the chosen bucket, once read. */
  series: CampaignSeries | undefined;
  ask: () => void;
}

/** The day's series of the campaign whose charts are open (none: undefined). */
export function useCampaignSeries(client: PacerClient, campaignId: string | undefined, bucket: SeriesBucketMinutes, onEnded: (error: PacerApiError) => void): OpenSeries {
  const [read, setRead] = useState<{ key: string; series: CampaignSeries } | undefined>(undefined);
  const ended = useRef(onEnded);
  ended.current = onEnded;
  const reads = useMemo(() => throttledReads({
    minGapMs: seriesGapMs,
    parallel: 1,
    read: async (key) => {
      const [id = '', minutes] = key.split(':');
      try {
        const series = await client.campaigns.series(id, { bucket: Number(minutes) as SeriesBucketMinutes });
        setRead({ key, series });
      } catch (error) {
        handled(error, (e) => ended.current(e));
      }
    },
  }), [client]);
  useEffect(() => () => reads.stop(), [reads]);
  const key = campaignId === undefined ? undefined : `${campaignId}:${bucket}`;
  useEffect(() => {
    if (key === undefined) return undefined;
    reads.ask(key);
    const timer = setInterval(() => reads.ask(key), seriesPollMs);
    return () => clearInterval(timer);
  }, [reads, key]);
  return {
    series: read && read.key === key ? read.series : undefined,
    ask: () => {
      if (key !== undefined) reads.ask(key);
    },
  };
}
