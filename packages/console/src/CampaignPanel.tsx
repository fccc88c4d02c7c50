// One campaign's day, opened from its row of the campaigns table: its live figures in full and the
// charts of its day (Charts.tsx) in buckets the supervisor chooses. Also the pieces of figures the
// table's cells share with it: why it is (not) dialling, the abandon rate against its target and
// the ceiling, the records left.
import { useEffect, useRef } from 'preact/hooks';
import { seriesBucketMinutes, type Campaign, type CampaignSeries, type CampaignStats, type SeriesBucketMinutes } from '@pacer/client';
import { AbandonChart, ResultsChart, UtilisationChart } from './Charts.tsx';
import { activeBuckets, formatCount, formatLimit, formatShare, reasonsInWords } from './figures.ts';
import type { PageTexts } from './i18n.ts';

interface FigureProps { t: PageTexts; stats: CampaignStats }

/** "Dialling", or "Not dialling: …" with every reason in words. */
export function DiallingLine({ t, stats }: FigureProps) {
  if (stats.not_dialling === null) return <div class="dialling dialling-ok">{t.dialling}</div>;
  return <div class="dialling dialling-not">{t.notDialling}: {reasonsInWords(t, stats.not_dialling, stats.at, t.locale).join('; ')}</div>;
}

const pair = (today: string, recent: string) => <>{today}<span class="muted"> · {recent}</span></>;

/** Today's and the last 30 minutes' abandon rates, and where they stand against the target and the ceiling. */
export function AbandonFigures({ t, stats: s }: FigureProps) {
  const worst = Math.max(s.today.abandon_rate ?? 0, s.last_30_min.abandon_rate ?? 0);
  const share = (v: number | null) => formatShare(v, t.locale);
  const limit = (v: number) => formatLimit(v, t.locale);
  return (
    <>
      {pair(share(s.today.abandon_rate), share(s.last_30_min.abandon_rate))}
      {worst > s.abandon_ceiling ? <div class="over-ceiling">{t.overCeiling(limit(s.abandon_ceiling))}</div>
        : worst > s.abandon_target ? <div class="over-target">{t.overTarget(limit(s.abandon_target))}</div>
          : <div class="muted small">{t.targetIs(limit(s.abandon_target))}</div>}
    </>
  );
}

/** Pending records ("10,000 or more" past the count's cap) and how many may be called now. */
export function RecordsLeft({ t, stats: s }: FigureProps) {
  const pending = formatCount(s.records.pending, t.locale);
  return <>{t.recordsLeft(s.records.capped ? t.atLeast(pending) : pending, formatCount(s.records.dialable_now, t.locale))}</>;
}

interface PanelProps {
  t: PageTexts; campaign: Campaign; stats: CampaignStats | undefined; series: CampaignSeries | undefined;
  bucket: SeriesBucketMinutes; onBucket: (bucket: SeriesBucketMinutes) => void; onClose: () => void;
}

export function CampaignPanel({ t, campaign, stats: s, series, bucket, onBucket, onClose }: PanelProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened by a button in the table: the panel's heading takes the focus, so a screen reader says
  // where the user is and the keyboard goes on from there.
  useEffect(() => heading.current?.focus(), []);
  const buckets = series ? activeBuckets(series) : [];
  const count = (n: number) => formatCount(n, t.locale);
  return (
    <section id="campaign-panel" class="card panel" aria-labelledby="campaign-panel-heading">
      <div class="panel-head">
        <h2 id="campaign-panel-heading" ref={heading} tabIndex={-1}>{t.todayOf(campaign.name)}</h2>
        <label class="inline-field">
          {t.bucketSize}
          <select value={String(bucket)} onChange={(e) => onBucket(Number(e.currentTarget.value) as SeriesBucketMinutes)}>
            {seriesBucketMinutes.map((m) => <option key={m} value={String(m)}>{t.minutesShort(m)}</option>)}
          </select>
        </label>
        <button type="button" aria-label={t.closeCharts(campaign.name)} onClick={onClose}>{t.close}</button>
      </div>
      {s && (
        <dl class="facts">
          <div><dt>{t.statusColumn}</dt><dd>{t.campaignStatuses[s.status]}<DiallingLine t={t} stats={s} /></dd></div>
          <div><dt>{t.linesColumn}</dt><dd>{count(s.lines_in_flight)}</dd></div>
          <div><dt>{t.waiting}</dt><dd>{count(s.waiting_for_agent)}</dd></div>
          <div><dt>{t.agentsReady}</dt><dd>{pair(count(s.agents.ready), count(s.agents.available))}</dd></div>
          <div><dt>{t.answeredColumn}</dt><dd>{pair(count(s.today.answered), count(s.last_30_min.answered))}</dd></div>
          <div><dt>{t.abandoned}</dt><dd>{pair(count(s.today.abandoned), count(s.last_30_min.abandoned))}</dd></div>
          <div><dt>{t.abandonColumn}</dt><dd><AbandonFigures t={t} stats={s} /></dd></div>
          <div><dt>{t.utilisationColumn}</dt><dd>{pair(formatShare(s.today.agent_utilisation, t.locale), formatShare(s.last_30_min.agent_utilisation, t.locale))}</dd></div>
          <div><dt>{t.recordsColumn}</dt><dd><RecordsLeft t={t} stats={s} /></dd></div>
        </dl>
      )}
      {series === undefined ? <p role="status">{t.loadingCharts}</p> : (
        <>
          {buckets.length === 0 ? <p class="hint">{t.nothingYet}</p> : (
            <div class="charts">
              <AbandonChart t={t} series={series} buckets={buckets} locale={t.locale} />
              <UtilisationChart t={t} series={series} buckets={buckets} locale={t.locale} />
            </div>
          )}
          <ResultsChart t={t} series={series} locale={t.locale} />
        </>
      )}
    </section>
  );
}
