// A campaign's day in three charts, drawn as SVG by Preact (no chart library): the abandon rate
// per period with the day's running rate, the campaign's target and the 3 % ceiling; agent
// utilisation per period; today's calls by result. Colours and dashes come from the stylesheet's
// classes (the Content-Security-Policy allows no inline style), lines differ by dash as well as by
// colour, and each chart has a title and, for screen readers and for anyone who would rather read,
// a visually hidden table of the same numbers.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { CampaignSeries } from '@pacer/client';
import { clockOf, formatCount, formatLimit, formatMinutes, formatShare, shareTicks, type Bucket } from './figures.ts';
import type { PageTexts } from './i18n.ts';

const width = 640;
const height = 200;
const pad = { left: 44, right: 12, top: 12, bottom: 26 };
const plotW = width - pad.left - pad.right;
const plotH = height - pad.top - pad.bottom;

interface Axes { ticks: number[]; y: (share: number) => number; x: (k: number) => number; slot: number }

/** At least this many places for bars: early in the day a few bars stay bars, and the rest of the axis is the time still to come. */
const fewestSlots = 12;

function axesFor(buckets: number, ticks: number[]): Axes {
  const top = ticks.at(-1) ?? 1;
  const slot = plotW / Math.max(fewestSlots, buckets);
  return { ticks, slot, y: (v) => pad.top + plotH * (1 - Math.min(v, top) / top), x: (k) => pad.left + k * slot };
}

/** The grid, the share ticks on the left and the hours under the bars. */
function Frame({ axes, buckets, minutes, locale }: { axes: Axes; buckets: Bucket[]; minutes: number; locale: string }) {
  // An hour mark at each whole hour; every second or third hour on a long day.
  const hours = (buckets.length * minutes) / 60;
  const every = hours > 16 ? 3 : hours > 8 ? 2 : 1;
  const onHours = buckets.map((b, k) => ({ k, hhmm: clockOf(b.start) }))
    .filter(({ hhmm }) => hhmm.endsWith(':00') && Number(hhmm.slice(0, 2)) % every === 0);
  // Less than an hour so far: the first bucket's time, so the axis still says when.
  const marks = onHours.length > 0 || buckets.length === 0 ? onHours : [{ k: 0, hhmm: clockOf(buckets[0]?.start ?? '') }];
  return (
    <g class="chart-frame">
      {axes.ticks.map((v) => (
        <g key={v}>
          <line class="chart-grid" x1={pad.left} x2={width - pad.right} y1={axes.y(v)} y2={axes.y(v)} />
          <text class="chart-tick" x={pad.left - 6} y={axes.y(v) + 4} text-anchor="end">{formatLimit(v, locale)}</text>
        </g>
      ))}
      {marks.map(({ k, hhmm }) => <text key={hhmm} class="chart-tick" x={axes.x(k)} y={height - 8} text-anchor="middle">{hhmm}</text>)}
    </g>
  );
}

interface ChartProps { t: PageTexts; series: CampaignSeries; buckets: Bucket[]; locale: string }

const period = (b: Bucket) => `${clockOf(b.start)}–${clockOf(b.end)}`;

/** A titled figure: the drawing for the eye, a list of what its marks mean, and the table for a screen reader. */
function Figure({ title, keyItems, children, table }: { title: string; keyItems: { mark: string; text: string }[]; children: ComponentChildren; table: ComponentChildren }) {
  const id = useId();
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} class="chart-title">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-key`} focusable="false">{children}</svg>
      <ul id={`${id}-key`} class="chart-key">
        {keyItems.map((k) => <li key={k.mark}><span class={`key-mark ${k.mark}`} aria-hidden="true" />{k.text}</li>)}
      </ul>
      {table}
    </figure>
  );
}

export function AbandonChart({ t, series, buckets, locale }: ChartProps) {
  const ceiling = series.abandon_ceiling;
  const target = series.abandon_target;
  const highest = Math.max(ceiling * 1.2, target, ...buckets.map((b) => Math.max(b.abandon_rate ?? 0, b.day_abandon_rate ?? 0)));
  const axes = axesFor(buckets.length, shareTicks(highest));
  const barW = Math.max(1, axes.slot * 0.7);
  const centre = (k: number) => axes.x(k) + axes.slot / 2;
  const day = buckets.map((b, k) => (b.day_abandon_rate === null ? null : `${centre(k).toFixed(1)},${axes.y(b.day_abandon_rate).toFixed(1)}`)).filter((p) => p !== null);
  const title = t.abandonChart(series.bucket_minutes);
  return (
    <Figure
      title={title}
      keyItems={[
        { mark: 'key-bar-abandon', text: t.bucketBars }, { mark: 'key-line-day', text: t.dayLine },
        { mark: 'key-ceiling', text: t.ceilingLine(formatLimit(ceiling, locale)) }, { mark: 'key-target', text: t.targetLine(formatLimit(target, locale)) },
      ]}
      table={(
        <div class="visually-hidden"><table>
          <caption>{t.numbersOf(title)}</caption>
          <thead><tr><th scope="col">{t.timeColumn}</th><th scope="col">{t.answeredHeading}</th><th scope="col">{t.abandonedHeading}</th><th scope="col">{t.rateHeading}</th><th scope="col">{t.dayRateHeading}</th></tr></thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.start}>
                <th scope="row">{period(b)}</th><td>{formatCount(b.answered, locale)}</td><td>{formatCount(b.abandoned, locale)}</td>
                <td>{formatShare(b.abandon_rate, locale)}</td><td>{formatShare(b.day_abandon_rate, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}>
      <Frame axes={axes} buckets={buckets} minutes={series.bucket_minutes} locale={locale} />
      {buckets.map((b, k) => (b.abandon_rate === null ? null : (
        <rect key={b.start} class="chart-bar-abandon" x={centre(k) - barW / 2} width={barW} y={axes.y(b.abandon_rate)} height={Math.max(0, axes.y(0) - axes.y(b.abandon_rate))}>
          <title>{`${period(b)}: ${formatShare(b.abandon_rate, locale)} (${b.abandoned}/${b.answered})`}</title>
        </rect>
      )))}
      {day.length > 1 && <polyline class="chart-line-day" points={day.join(' ')} />}
      {buckets.map((b, k) => (b.day_abandon_rate === null ? null : <circle key={b.start} class="chart-dot-day" cx={centre(k)} cy={axes.y(b.day_abandon_rate)} r={2.5} />))}
      <line class="chart-ceiling" x1={pad.left} x2={width - pad.right} y1={axes.y(ceiling)} y2={axes.y(ceiling)} />
      <text class="chart-label chart-label-ceiling" x={width - pad.right - 2} y={axes.y(ceiling) - 4} text-anchor="end">{t.ceilingLabel(formatLimit(ceiling, locale))}</text>
      <line class="chart-target" x1={pad.left} x2={width - pad.right} y1={axes.y(target)} y2={axes.y(target)} />
      <text class="chart-label chart-label-target" x={width - pad.right - 2} y={axes.y(target) + 12 < axes.y(0) ? axes.y(target) + 12 : axes.y(target) - 4} text-anchor="end">{t.targetLabel(formatLimit(target, locale))}</text>
    </Figure>
  );
}

export function UtilisationChart({ t, series, buckets, locale }: ChartProps) {
  const axes = axesFor(buckets.length, [0, 0.25, 0.5, 0.75, 1]);
  const barW = Math.max(1, axes.slot * 0.7);
  const title = t.utilisationChart(series.bucket_minutes);
  return (
    <Figure
      title={title}
      keyItems={[{ mark: 'key-bar-utilisation', text: t.utilisationBars }]}
      table={(
        <div class="visually-hidden"><table>
          <caption>{t.numbersOf(title)}</caption>
          <thead><tr><th scope="col">{t.timeColumn}</th><th scope="col">{t.busyHeading}</th><th scope="col">{t.staffedHeading}</th><th scope="col">{t.utilisationHeading}</th></tr></thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.start}>
                <th scope="row">{period(b)}</th><td>{formatMinutes(b.busy_s, locale)}</td><td>{formatMinutes(b.staffed_s, locale)}</td><td>{formatShare(b.agent_utilisation, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}>
      <Frame axes={axes} buckets={buckets} minutes={series.bucket_minutes} locale={locale} />
      {buckets.map((b, k) => (b.agent_utilisation === null ? null : (
        <rect key={b.start} class="chart-bar-utilisation" x={axes.x(k) + (axes.slot - barW) / 2} width={barW} y={axes.y(b.agent_utilisation)} height={Math.max(0, axes.y(0) - axes.y(b.agent_utilisation))}>
          <title>{`${period(b)}: ${formatShare(b.agent_utilisation, locale)}`}</title>
        </rect>
      )))}
    </Figure>
  );
}

export function ResultsChart({ t, series, locale }: Omit<ChartProps, 'buckets'>) {
  const rows = series.calls_by_result.map((r) => ({ name: r.result === null ? t.inProgress : t.results[r.result], calls: r.calls, key: r.result ?? 'live' }));
  const title = t.resultsChart;
  const rowH = 26;
  const labelW = 150;
  const h = Math.max(1, rows.length) * rowH + 8;
  const most = Math.max(1, ...rows.map((r) => r.calls));
  const barMax = width - labelW - 60;
  const id = useId();
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} class="chart-title">{title}</figcaption>
      {rows.length === 0 ? <p class="hint">{t.noCallsYet}</p> : (
        <svg viewBox={`0 0 ${width} ${h}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-key`} focusable="false">
          {rows.map((r, i) => {
            const y = 4 + i * rowH;
            const w = Math.max(2, (r.calls / most) * barMax);
            return (
              <g key={r.key}>
                <text class="chart-tick" x={labelW - 8} y={y + rowH / 2 + 4} text-anchor="end">{r.name}</text>
                <rect class={r.key === 'abandon' ? 'chart-bar-result chart-bar-result-abandon' : 'chart-bar-result'} x={labelW} y={y + 4} width={w} height={rowH - 8} />
                <text class="chart-value" x={labelW + w + 6} y={y + rowH / 2 + 4}>{formatCount(r.calls, locale)}</text>
              </g>
            );
          })}
        </svg>
      )}
      <ul id={`${id}-key`} class="chart-key"><li>{t.resultsBars}</li></ul>
      <div class="visually-hidden"><table>
        <caption>{t.numbersOf(title)}</caption>
        <thead><tr><th scope="col">{t.resultHeading}</th><th scope="col">{t.callsHeading}</th></tr></thead>
        <tbody>{rows.map((r) => <tr key={r.key}><th scope="row">{r.name}</th><td>{formatCount(r.calls, locale)}</td></tr>)}</tbody>
      </table></div>
    </figure>
  );
}
