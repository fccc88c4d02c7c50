// `adapt`: the baseline in the manner of the widely used open-source adaptive dialers
// (SCENARIOS.md): a dial level between 1 and 3 calls per ready agent, nudged every 15 s by the
// 15-second average of (ready agents − calls waiting), dropped to 1 while the day's abandon rate
// is over the target, and halved when most of the last minute's answers were abandoned.
import { readyCount, type PacingStrategy } from './strategy.ts';

export const ADAPT_PERIOD_S = 15;
const MIN_LEVEL = 1;
const MAX_LEVEL = 3;

export function adapt(target: number): PacingStrategy {
  let level = MIN_LEVEL;
  let periodStart = 0;
  let area = 0;
  let lastT = 0;
  let lastDiff = 0;
  let lastAgents = 1;
  let live = 0;
  let abandons = 0;
  let lastHalving = -Infinity;
  /** Times of the last minute's live answers and abandons. */
  const answers: number[] = [];
  const abandonTimes: number[] = [];

  const trim = (list: number[], t: number) => {
    while (list.length > 0 && (list[0] ?? 0) <= t - 60) list.shift();
  };

  return {
    name: 'adapt',
    decide(s) {
      const t = s.nowS;
      area += lastDiff * (t - lastT);
      lastT = t;
      const ready = readyCount(s);
      lastDiff = ready - s.waiting;
      lastAgents = Math.max(1, s.agents.length);
      if (t - periodStart >= ADAPT_PERIOD_S) {
        const avg = area / (t - periodStart);
        // Agents idle on average: dial harder, in proportion to the share of the team idle.
        level = Math.min(MAX_LEVEL, Math.max(MIN_LEVEL, level + avg / lastAgents));
        area = 0;
        periodStart = t;
      }
      if (live >= 50 && abandons / live > target) level = MIN_LEVEL;
      trim(answers, t);
      trim(abandonTimes, t);
      if (answers.length > 20 && abandonTimes.length * 2 > answers.length && t - lastHalving >= 60) {
        level = Math.max(MIN_LEVEL, level / 2);
        lastHalving = t;
      }
      const inFlight = s.ringing.length + s.waiting;
      return Math.max(0, Math.min(Math.round(level * ready) - inFlight, s.maxLines - inFlight));
    },
    target: () => ({ dialRatio: level }),
    observe(e) {
      if (e.type === 'answer' && e.by === 'human') {
        live++;
        answers.push(e.tS);
      } else if (e.type === 'abandon') {
        abandons++;
        abandonTimes.push(e.tS);
      }
    },
  };
}
