// `predictive`, Pacer's own pacing. For the next call it could place, it asks: if this call is
// answered by a person, what is the chance no agent is free for it? It models when that answer
// would come (the campaign's measured ring times), how many agents will be free by then (ready
// now, plus each busy agent's chance of finishing, from how long it has been talking or wrapping
// up), and how many of the calls already ringing or waiting will have taken one first (shortfall.ts
// computes the chance that none is left, exactly for small teams, as a normal for large). Calls
// are placed while that risk stays under θ, which the abandon controller sets from the rate
// measured so far. A placed call that is not live costs nothing but a line, so the dialer
// keeps as many in flight as the risk allows.
import { AbandonControl } from './abandon-control.ts';
import { AnswerModel } from './answer-model.ts';
import { HandleModel } from './handle-model.ts';
import { EXACT_TERMS, Shortfall } from './shortfall.ts';
import { DEFAULT_ABANDON_CEILING } from './speed.ts';
import type { PacingSnapshot, PacingStrategy } from './strategy.ts';

/** Answer instants examined for the marginal call (quantiles of the live ring time). */
const QUADRATURE = 4;
/**
 * The answer model is rebuilt this often (seconds of campaign time) and after this many
 * resolutions, or a twentieth of its window if that is more (a large team at a low answer rate
 * resolves twenty calls a second: rebuilding a window of 3,000 every 50 was a quarter of its
 * pacing CPU, for estimates that had moved by 2 %); the handle model, which moves slowly and
 * costs more, every HANDLE_REFRESH_S.
 */
const REFRESH_S = 20;
const REFRESH_RESOLUTIONS = 50;
const REFRESH_SHARE = 1 / 20;
const HANDLE_REFRESH_S = 30;

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
  const control = new AbandonControl(target);
  let refreshedAt = -Infinity;
  let handlesAt = -Infinity;
  let resolutionsSince = 0;
  const shortfalls = Array.from({ length: QUADRATURE }, () => new Shortfall());
  const mean = new Float64Array(QUADRATURE);
  const variance = new Float64Array(QUADRATURE);
  const third = new Float64Array(QUADRATURE);

  const refresh = (s: PacingSnapshot) => {
    answers.refresh(QUADRATURE, s.ringing.map((c) => c.ageS));
    refreshedAt = s.nowS;
    resolutionsSince = 0;
    if (s.nowS - handlesAt < HANDLE_REFRESH_S) return;
    handlesAt = s.nowS;
    const talking: number[] = [];
    const wrapping: number[] = [];
    for (const a of s.agents) {
      if (a.activity === 'talking') talking.push(a.sinceS);
      else if (a.activity === 'acw') wrapping.push(a.sinceS);
    }
    handles.refresh(answers.horizons.map((h) => h + deadline), talking, wrapping);
  };

  return {
    name: 'predictive',
    decide(s: PacingSnapshot) {
      if (s.nowS - refreshedAt >= REFRESH_S || resolutionsSince >= Math.max(REFRESH_RESOLUTIONS, answers.size * REFRESH_SHARE)) refresh(s);
      let ready = 0;
      for (const a of s.agents) if (a.activity === 'ready') ready++;
      const base = ready - s.waiting;
      if (s.agents.length - ready + s.ringing.length <= EXACT_TERMS) {
        for (let q = 0; q < QUADRATURE; q++) shortfalls[q]?.reset(base);
        for (const a of s.agents) {
          if (a.activity === 'ready' || a.activity === 'reserved') continue;
          const row = handles.row(a.activity, a.sinceS);
          if (row) for (let q = 0; q < QUADRATURE; q++) shortfalls[q]?.addFree(row[q] ?? 0);
        }
        for (const c of s.ringing) {
          const row = answers.row(c.ageS);
          if (row) for (let q = 0; q < QUADRATURE; q++) shortfalls[q]?.addAnswer(row[q] ?? 0);
        }
      } else {
        // Many terms: only the moments are needed, summed here without per-term bookkeeping.
        mean.fill(base);
        variance.fill(0);
        third.fill(0);
        for (const a of s.agents) {
          if (a.activity === 'ready' || a.activity === 'reserved') continue;
          const row = handles.row(a.activity, a.sinceS);
          if (!row) continue;
          for (let q = 0; q < QUADRATURE; q++) {
            const p = row[q] ?? 0;
            mean[q] = (mean[q] ?? 0) + p;
            variance[q] = (variance[q] ?? 0) + p * (1 - p);
            third[q] = (third[q] ?? 0) + p * (1 - p) * (1 - 2 * p);
          }
        }
        for (const c of s.ringing) {
          const row = answers.row(c.ageS);
          if (!row) continue;
          for (let q = 0; q < QUADRATURE; q++) {
            const p = row[q] ?? 0;
            mean[q] = (mean[q] ?? 0) - p;
            variance[q] = (variance[q] ?? 0) + p * (1 - p);
            third[q] = (third[q] ?? 0) - p * (1 - p) * (1 - 2 * p);
          }
        }
        for (let q = 0; q < QUADRATURE; q++) {
          shortfalls[q]?.reset(base);
          shortfalls[q]?.setNormal(mean[q] ?? 0, variance[q] ?? 0, third[q] ?? 0);
        }
      }
      const inFlight = s.ringing.length + s.waiting;
      // Bound the lines used even when answers look impossible, so a dead list cannot run away.
      const cap = Math.min(s.maxLines - inFlight, Math.ceil((s.agents.length + 1) / Math.max(answers.pLive, 0.02)) - inFlight);
      const fresh = answers.row(0);
      for (let q = 0; q < QUADRATURE; q++) shortfalls[q]?.prepare(fresh?.[q] ?? 0);
      // The marginal call answers at one of the quadrature instants, each equally likely. It is
      // safe only if, at that instant and at every later one, the agents free by then outnumber
      // the answers by then (its own included): a call answered first takes the agent that a call
      // already ringing, answered a little later, was counting on, and that call is abandoned in
      // its place. So the risk at instant q is the worst shortfall chance at q or after.
      const risk = (extra: number) => {
        let worst = 0;
        let r = 0;
        for (let q = QUADRATURE - 1; q >= 0; q--) {
          worst = Math.max(worst, shortfalls[q]?.risk(extra) ?? 0);
          r += worst;
        }
        return r / QUADRATURE;
      };
      const theta = control.theta;
      let n = 0;
      while (n < cap && risk(n) <= theta) n++;
      return n;
    },
    target: () => ({ riskLimit: control.theta }),
    observe(e) {
      switch (e.type) {
        case 'answer':
          answers.observe(e.tS, e.ringS, e.by === 'human');
          resolutionsSince++;
          break;
        case 'fail':
          answers.observe(e.tS, e.ringS, false);
          resolutionsSince++;
          break;
        case 'connect':
          control.record(false, e.tS);
          break;
        case 'abandon':
          control.record(true, e.tS);
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
