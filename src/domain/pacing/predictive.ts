// `predictive`, Pacer's own pacing. For the next call it could place, it asks: if this call is
// answered by a person, what is the chance no agent is free for it? It models when that answer
// would come (the campaign's measured ring times), how many agents will be free by then (ready
// now, plus each busy agent's chance of finishing, from how long it has been talking or wrapping
// up), and how many of the calls already ringing or waiting will have taken one first. The count
// of agents left over is approximated as normal (it is a sum of many independent chances). Calls
// are placed while that risk stays under θ, which the abandon controller sets from the rate
// measured so far. A placed call that is not live costs nothing but a line, so the dialer
// keeps as many in flight as the risk allows.
import { AbandonControl } from './abandon-control.ts';
import { AnswerModel } from './answer-model.ts';
import { HandleModel } from './handle-model.ts';
import { normalCdf } from './normal.ts';
import { DEFAULT_ABANDON_CEILING } from './speed.ts';
import type { PacingSnapshot, PacingStrategy } from './strategy.ts';

/** Answer instants examined for the marginal call (quantiles of the live ring time). */
const QUADRATURE = 4;
/** The models are rebuilt this often (seconds of campaign time) and after this many resolutions. */
const REFRESH_S = 20;
const REFRESH_RESOLUTIONS = 50;
/** The share of the target aimed at, so the whole shift ends under the ceiling in most runs. */
export const SAFETY = 0.9;

export interface PredictiveOptions {
  /** Abandon-rate target (default 3 %); see abandonTargetOfSpeed for the `speed` mapping. */
  target?: number;
  /** Seconds a live answer may wait for an agent before it is abandoned (default 2). */
  connectDeadlineS?: number;
}

export function predictive(options: PredictiveOptions = {}): PacingStrategy {
  const target = options.target ?? DEFAULT_ABANDON_CEILING;
  const deadline = options.connectDeadlineS ?? 2;
  const answers = new AnswerModel();
  const handles = new HandleModel();
  const control = new AbandonControl(target * SAFETY);
  let refreshedAt = -Infinity;
  let resolutionsSince = 0;
  const mu = new Float64Array(QUADRATURE);
  const variance = new Float64Array(QUADRATURE);

  const refresh = (s: PacingSnapshot) => {
    answers.refresh(QUADRATURE);
    const talking: number[] = [];
    const wrapping: number[] = [];
    for (const a of s.agents) {
      if (a.activity === 'talking') talking.push(a.sinceS);
      else if (a.activity === 'acw') wrapping.push(a.sinceS);
    }
    handles.refresh(answers.horizons.map((h) => h + deadline), talking, wrapping);
    refreshedAt = s.nowS;
    resolutionsSince = 0;
  };

  /** Probability that the marginal call, answered live, finds no agent, with `extra` calls placed before it. */
  const risk = (extra: number, fresh: Float64Array | undefined): number => {
    let r = 0;
    for (let q = 0; q < QUADRATURE; q++) {
      const g = fresh?.[q] ?? 0;
      const m = (mu[q] ?? 0) - extra * g;
      const v = (variance[q] ?? 0) + extra * g * (1 - g);
      r += v > 1e-12 ? normalCdf((0.5 - m) / Math.sqrt(v)) : m < 0.5 ? 1 : 0;
    }
    return r / QUADRATURE;
  };

  return {
    name: 'predictive',
    decide(s: PacingSnapshot) {
      if (s.nowS - refreshedAt >= REFRESH_S || resolutionsSince >= REFRESH_RESOLUTIONS) refresh(s);
      let ready = 0;
      mu.fill(0);
      variance.fill(0);
      for (const a of s.agents) {
        if (a.activity === 'ready') { ready++; continue; }
        if (a.activity === 'reserved') continue;
        const row = handles.row(a.activity, a.sinceS);
        if (!row) continue;
        for (let q = 0; q < QUADRATURE; q++) {
          const p = row[q] ?? 0;
          mu[q] = (mu[q] ?? 0) + p;
          variance[q] = (variance[q] ?? 0) + p * (1 - p);
        }
      }
      for (const c of s.ringing) {
        const row = answers.row(c.ageS);
        if (!row) continue;
        for (let q = 0; q < QUADRATURE; q++) {
          const p = row[q] ?? 0;
          mu[q] = (mu[q] ?? 0) - p;
          variance[q] = (variance[q] ?? 0) + p * (1 - p);
        }
      }
      for (let q = 0; q < QUADRATURE; q++) mu[q] = (mu[q] ?? 0) + ready - s.waiting;
      const inFlight = s.ringing.length + s.waiting;
      // Bound the lines used even when answers look impossible, so a dead list cannot run away.
      const cap = Math.min(s.maxLines - inFlight, Math.ceil((s.agents.length + 1) / Math.max(answers.pLive, 0.02)) - inFlight);
      const fresh = answers.row(0);
      const theta = control.theta;
      let n = 0;
      while (n < cap && risk(n, fresh) <= theta) n++;
      return n;
    },
    observe(e) {
      switch (e.type) {
        case 'answer':
          answers.observe(e.ringS, e.by === 'human');
          resolutionsSince++;
          break;
        case 'fail':
          answers.observe(e.ringS, false);
          resolutionsSince++;
          break;
        case 'connect':
          control.record(false);
          break;
        case 'abandon':
          control.record(true);
          break;
        case 'end':
          handles.observeTalk(e.talkS);
          break;
        case 'acwEnd':
          handles.observeAcw(e.acwS);
          break;
        default:
          break;
      }
    },
  };
}
