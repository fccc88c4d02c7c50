// The benchmark chart, as hand-written SVG: one panel per scenario, utilization against abandon
// rate, one point per strategy with its 95 % intervals as cross bars, and the ceiling dashed.
import type { Interval } from './dialer-stats.ts';

export interface ChartPoint { scenario: string; strategy: string; utilization: Interval; abandon: Interval; ceiling: number }

const PALETTE = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (x: number) => x.toFixed(1);

export function chartSvg(points: readonly ChartPoint[], strategies: readonly string[]): string {
  const scenarios = [...new Set(points.map((p) => p.scenario))];
  const cols = Math.min(3, scenarios.length);
  const rows = Math.ceil(scenarios.length / cols);
  const pw = 300;
  const ph = 240;
  const m = { l: 50, r: 12, t: 28, b: 38 };
  const legendH = 30;
  const width = cols * pw;
  const height = rows * ph + legendH;
  const xMax = Math.max(0.06, ...points.map((p) => Math.min(0.2, p.abandon.mean + p.abandon.half))) * 1.05;
  const yMin = Math.max(0, Math.floor(Math.min(...points.map((p) => p.utilization.mean - p.utilization.half)) * 10) / 10);
  const yMax = 1;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  scenarios.forEach((scenario, i) => {
    const ox = (i % cols) * pw;
    const oy = legendH + Math.floor(i / cols) * ph;
    const x = (v: number) => ox + m.l + (Math.min(v, xMax) / xMax) * (pw - m.l - m.r);
    const y = (v: number) => oy + m.t + (1 - (v - yMin) / (yMax - yMin)) * (ph - m.t - m.b);
    out.push(`<text x="${ox + pw / 2}" y="${oy + 16}" text-anchor="middle" font-weight="bold">${esc(scenario)}</text>`);
    out.push(`<rect x="${x(0)}" y="${y(yMax)}" width="${fmt(x(xMax) - x(0))}" height="${fmt(y(yMin) - y(yMax))}" fill="none" stroke="#999"/>`);
    for (let v = 0; v <= xMax + 1e-9; v += 0.01) {
      out.push(`<line x1="${fmt(x(v))}" x2="${fmt(x(v))}" y1="${fmt(y(yMin))}" y2="${fmt(y(yMin) + 4)}" stroke="#999"/>`);
      if (Math.round(v * 100) % 2 === 0) out.push(`<text x="${fmt(x(v))}" y="${fmt(y(yMin) + 15)}" text-anchor="middle">${Math.round(v * 100)}%</text>`);
    }
    for (let v = yMin; v <= yMax + 1e-9; v += 0.1) {
      out.push(`<line x1="${fmt(x(0) - 4)}" x2="${fmt(x(xMax))}" y1="${fmt(y(v))}" y2="${fmt(y(v))}" stroke="#eee"/>`);
      out.push(`<text x="${fmt(x(0) - 6)}" y="${fmt(y(v) + 4)}" text-anchor="end">${v.toFixed(1)}</text>`);
    }
    out.push(`<text x="${ox + pw / 2 + 20}" y="${oy + ph - 6}" text-anchor="middle" fill="#555">abandon rate</text>`);
    out.push(`<text transform="translate(${ox + 12},${oy + ph / 2}) rotate(-90)" text-anchor="middle" fill="#555">utilization</text>`);
    const ceiling = points.find((p) => p.scenario === scenario)?.ceiling ?? 0.03;
    out.push(`<line x1="${fmt(x(ceiling))}" x2="${fmt(x(ceiling))}" y1="${fmt(y(yMin))}" y2="${fmt(y(yMax))}" stroke="#c00" stroke-dasharray="4 3"/>`);
    for (const p of points.filter((q) => q.scenario === scenario)) {
      const color = PALETTE[strategies.indexOf(p.strategy) % PALETTE.length] ?? '#000';
      const cx = x(p.abandon.mean);
      const cy = y(p.utilization.mean);
      out.push(`<g stroke="${color}" fill="${color}"><title>${esc(`${p.strategy}: utilization ${p.utilization.mean.toFixed(3)}, abandon ${(100 * p.abandon.mean).toFixed(2)}%`)}</title>`);
      out.push(`<line x1="${fmt(x(p.abandon.mean - p.abandon.half))}" x2="${fmt(x(p.abandon.mean + p.abandon.half))}" y1="${fmt(cy)}" y2="${fmt(cy)}"/>`);
      out.push(`<line x1="${fmt(cx)}" x2="${fmt(cx)}" y1="${fmt(y(p.utilization.mean - p.utilization.half))}" y2="${fmt(y(p.utilization.mean + p.utilization.half))}"/>`);
      out.push(`<circle cx="${fmt(cx)}" cy="${fmt(cy)}" r="3.5"/></g>`);
    }
  });
  strategies.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length] ?? '#000';
    out.push(`<circle cx="${20 + i * 120}" cy="15" r="4" fill="${color}"/><text x="${28 + i * 120}" y="19">${esc(s)}</text>`);
  });
  out.push(`<text x="${width - 10}" y="19" text-anchor="end" fill="#c00">- - - abandon ceiling</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
