// The shift simulator: replays a scenario on a virtual clock as a discrete-event loop (a priority
// queue of timed events, no timers, no awaits), so an eight-hour shift of hundreds of agents runs
// in seconds. Agents move through the domain transition table; the pacing strategy is asked how
// many calls to place after every event that changes what it sees and on a periodic tick.
import { mean } from '../domain/distribution.ts';
import { pacingSnapshot } from '../domain/pacing/snapshot.ts';
import type { PacingStrategy } from '../domain/pacing/strategy.ts';
import { carrier, type Attempt } from './carrier.ts';
import type { EventSink } from './events.ts';
import { EventHeap } from './heap.ts';
import type { ShiftResult } from './result.ts';
import { Roster, type SimAgent } from './roster.ts';
import { agentSteps, type Scenario } from './scenario.ts';
import { maxWindowRate, meanOf, percentile } from './stats.ts';

/** How often the strategy is asked even when nothing happened (seconds of virtual time). */
export const TICK_S = 0.5;

interface Call {
  id: string;
  dialT: number;
  attempt: Attempt;
  answerT: number;
  /** Position among the shift's live answers (for the rolling-window abandon rate). */
  answerIdx: number;
  /** Index in the in-flight list while the dialer sees the call as ringing, else -1. */
  slot: number;
}

type Happening =
  | { t: number; kind: 'resolve' | 'detect' | 'deadline'; call: Call }
  | { t: number; kind: 'talkEnd' | 'acwEnd'; agent: SimAgent; call: Call }
  | { t: number; kind: 'staff'; count: number }
  | { t: number; kind: 'tick' };
type Entry = Happening & { seq: number };

export interface SimulateOptions {
  seed?: number;
  events?: EventSink;
  /** Wall-clock source for wall_s (the CLI passes performance.now); omitted: 0. */
  wallMs?: () => number;
}

export function simulate(scenario: Scenario, strategy: PacingStrategy, options: SimulateOptions = {}): ShiftResult {
  const started = options.wallMs?.() ?? 0;
  const seed = options.seed ?? scenario.seed;
  const log = options.events;
  const end = scenario.duration_s;
  const deadline = scenario.connect_deadline_s;
  const phone = carrier(scenario, seed);
  const heap = new EventHeap<Entry>();
  const roster = new Roster(log);
  let seq = 0;
  const at = (e: Happening) => heap.push({ ...e, seq: seq++ });

  const ringing: Call[] = [];
  const waiting: Call[] = [];
  let dials = 0;
  let liveAnswers = 0;
  let connected = 0;
  let abandoned = 0;
  const customerWaits: number[] = [];
  const agentWaits: number[] = [];
  const answerTimes: number[] = [];
  const answerAbandoned: boolean[] = [];

  const unring = (c: Call) => {
    const last = ringing.pop();
    if (last && last !== c) {
      ringing[c.slot] = last;
      last.slot = c.slot;
    }
    c.slot = -1;
  };

  const connect = (c: Call, a: SimAgent, t: number) => {
    connected++;
    customerWaits.push(t - c.answerT);
    agentWaits.push(t - a.agent.stateSince);
    log?.({ t, type: 'connect', call: c.id, agent: a.id });
    roster.apply(a, 'offer', t);
    strategy.observe({ type: 'connect', tS: t, waitS: t - c.answerT });
    at({ t: t + c.attempt.talkS, kind: 'talkEnd', agent: a, call: c });
  };

  const abandon = (c: Call, t: number) => {
    abandoned++;
    answerAbandoned[c.answerIdx] = true;
    log?.({ t, type: 'abandon', call: c.id });
    log?.({ t, type: 'end', call: c.id, result: 'abandon' });
    strategy.observe({ type: 'abandon', tS: t });
  };

  const humanAnswer = (c: Call, t: number) => {
    liveAnswers++;
    c.answerT = t;
    c.answerIdx = answerTimes.length;
    answerTimes.push(t);
    answerAbandoned.push(false);
    log?.({ t, type: 'answer', call: c.id, by: 'human' });
    strategy.observe({ type: 'answer', tS: t, ringS: t - c.dialT, by: 'human' });
    const agent = roster.longestReady();
    if (agent) connect(c, agent, t);
    else if (deadline <= 0) abandon(c, t);
    else {
      waiting.push(c);
      at({ t: t + deadline, kind: 'deadline', call: c });
    }
  };

  const resolve = (c: Call, t: number) => {
    const { result } = c.attempt;
    if (result === 'answer') {
      unring(c);
      humanAnswer(c, t);
    } else if (result === 'answer-machine') {
      // Still "ringing" for the dialer until the machine is recognised.
      log?.({ t, type: 'answer', call: c.id, by: 'machine' });
      at({ t: t + c.attempt.detectS, kind: 'detect', call: c });
    } else {
      unring(c);
      log?.({ t, type: 'end', call: c.id, result });
      strategy.observe({ type: 'fail', tS: t, ringS: t - c.dialT });
    }
  };

  const becameReady = (a: SimAgent, t: number) => {
    const c = waiting.shift();
    if (c) connect(c, a, t);
  };

  const dial = (t: number, count: number) => {
    for (let i = 0; i < count && dials < scenario.records; i++) {
      if (ringing.length + waiting.length >= scenario.max_lines) return;
      dials++;
      const c: Call = { id: `c${dials}`, dialT: t, attempt: phone.attempt(dials, 1, t), answerT: 0, answerIdx: -1, slot: ringing.length };
      ringing.push(c);
      log?.({ t, type: 'dial', call: c.id, record: `r${dials}` });
      strategy.observe({ type: 'dial', tS: t });
      at({ t: t + c.attempt.ringS, kind: 'resolve', call: c });
    }
  };

  // What the strategy sees, built as the engine builds it: an agent the schedule sends home after
  // its call and after-call work counts as one whose next state is logout.
  const decide = (t: number) => {
    const agents = roster.active.map((a) => ({ state: a.agent.state, since: a.agent.stateSince, nextState: a.leaving ? 'logout' as const : a.agent.nextState }));
    const calls = [...ringing.map((c) => ({ state: 'ringing' as const, placedAt: c.dialT })), ...waiting.map((c) => ({ state: 'waiting' as const, placedAt: c.dialT }))];
    const n = strategy.decide(pacingSnapshot({ now: t, unitsPerSecond: 1, agents, calls, maxLines: scenario.max_lines }));
    if (n > 0) dial(t, Math.floor(n));
  };

  for (const step of agentSteps(scenario)) if (step.at_s < end) at({ t: step.at_s, kind: 'staff', count: step.count });
  at({ t: 0, kind: 'tick' });

  for (let e = heap.pop(); e && e.t < end; e = heap.pop()) {
    const t = e.t;
    switch (e.kind) {
      case 'tick':
        at({ t: t + TICK_S, kind: 'tick' });
        break;
      case 'staff':
        roster.staff(e.count, t, ringing.length + waiting.length);
        break;
      case 'resolve':
        resolve(e.call, t);
        break;
      case 'detect':
        unring(e.call);
        log?.({ t, type: 'end', call: e.call.id, result: 'answer-machine' });
        strategy.observe({ type: 'answer', tS: t, ringS: t - e.call.dialT, by: 'machine' });
        break;
      case 'deadline': {
        const i = waiting.indexOf(e.call);
        if (i < 0) continue; // connected in time: nothing changed
        waiting.splice(i, 1);
        abandon(e.call, t);
        break;
      }
      case 'talkEnd':
        log?.({ t, type: 'end', call: e.call.id, result: 'answer' });
        roster.apply(e.agent, 'callEnd', t);
        strategy.observe({ type: 'end', tS: t, talkS: e.call.attempt.talkS });
        at({ t: t + e.call.attempt.acwS, kind: 'acwEnd', agent: e.agent, call: e.call });
        break;
      case 'acwEnd': {
        const a = e.agent;
        roster.apply(a, a.leaving && a.agent.nextState === null ? 'goLogout' : 'wrapUp', t);
        a.leaving = a.leaving && a.agent.state !== 'logout';
        strategy.observe({ type: 'acwEnd', tS: t, acwS: e.call.attempt.acwS });
        if (a.agent.state === 'ready') becameReady(a, t);
        break;
      }
    }
    decide(t);
  }
  roster.close(end);

  const totals = roster.totals;
  customerWaits.sort((x, y) => x - y);
  agentWaits.sort((x, y) => x - y);
  const talkMean = mean(scenario.talk_s);
  const acwMean = mean(scenario.acw_s);
  const ratio = (x: number, y: number) => (y > 0 ? x / y : 0);
  return {
    scenario: scenario.name,
    strategy: strategy.name,
    seed,
    agents: scenario.agents,
    duration_s: end,
    dials,
    live_answers: liveAnswers,
    connected,
    abandoned,
    abandon_rate: ratio(abandoned, liveAnswers),
    max_window_abandon_rate: maxWindowRate(answerTimes, answerAbandoned, end),
    logged_s: totals.logged,
    talk_s: totals.talk,
    acw_s: totals.acw,
    idle_s: totals.idle,
    occupancy: ratio(totals.talk, totals.logged),
    utilization: ratio(totals.talk + totals.acw, totals.logged),
    limit_occupancy: ratio(talkMean, talkMean + acwMean),
    customer_wait_s: { p50: percentile(customerWaits, 0.5), p95: percentile(customerWaits, 0.95), max: customerWaits[customerWaits.length - 1] ?? 0 },
    wait_s: { mean: meanOf(agentWaits), p50: percentile(agentWaits, 0.5), p95: percentile(agentWaits, 0.95) },
    wall_s: ((options.wallMs?.() ?? started) - started) / 1000,
  };
}
