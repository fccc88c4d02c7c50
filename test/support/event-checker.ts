// An independent checker: recomputes every figure of a shift result from its event log alone,
// written apart from the simulator (it imports nothing from src/sim) so that a bug in the
// simulator's bookkeeping cannot hide behind the same bug here.

export interface LoggedEvent {
  t: number;
  type: string;
  call?: string;
  record?: string;
  agent?: string;
  by?: string;
  state?: string;
  result?: string;
}

export interface Recomputed {
  dials: number;
  live_answers: number;
  connected: number;
  abandoned: number;
  abandon_rate: number;
  max_window_abandon_rate: number;
  logged_s: number;
  talk_s: number;
  acw_s: number;
  idle_s: number;
  occupancy: number;
  utilization: number;
  customer_wait_s: { p50: number; p95: number; max: number };
  wait_s: { mean: number; p50: number; p95: number };
}

function nearestRank(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] ?? 0;
}

/**
 * Worst abandon rate of any 3600 s window inside [0, end] holding ≥ 30 live answers: the windows
 * that open or close on an answer and the two at the ends of the shift, counted one by one.
 */
function worstWindow(answers: { t: number; abandoned: boolean }[], end: number): number {
  const w = Math.min(3600, end);
  const windows: ((t: number) => boolean)[] = [(t) => t < w, (t) => t >= end - w];
  for (const a of answers) {
    if (a.t + w <= end) windows.push((t) => t >= a.t && t < a.t + w);
    if (a.t - w >= 0) windows.push((t) => t > a.t - w && t <= a.t);
  }
  let best = 0;
  for (const inside of windows) {
    let count = 0;
    let lost = 0;
    for (const a of answers) {
      if (!inside(a.t)) continue;
      count++;
      if (a.abandoned) lost++;
    }
    if (count >= 30) best = Math.max(best, lost / count);
  }
  return best;
}

export function recompute(events: readonly LoggedEvent[]): Recomputed {
  let dials = 0;
  let connected = 0;
  let abandoned = 0;
  const answerAt = new Map<string, number>();
  const answers: { t: number; abandoned: boolean; call: string }[] = [];
  const customerWaits: number[] = [];
  const agentWaits: number[] = [];
  const agentState = new Map<string, { state: string; since: number; readyAt: number | null }>();
  const seconds: Record<string, number> = { ready: 0, talking: 0, acw: 0 };
  let logged = 0;
  let end = 0;
  for (const e of events) {
    end = Math.max(end, e.t);
    switch (e.type) {
      case 'dial':
        dials++;
        break;
      case 'answer':
        if (e.by === 'human' && e.call) {
          answerAt.set(e.call, e.t);
          answers.push({ t: e.t, abandoned: false, call: e.call });
        }
        break;
      case 'connect': {
        connected++;
        customerWaits.push(e.t - (answerAt.get(e.call ?? '') ?? NaN));
        const a = agentState.get(e.agent ?? '');
        if (a?.readyAt != null) agentWaits.push(e.t - a.readyAt);
        break;
      }
      case 'abandon':
        abandoned++;
        for (let i = answers.length - 1; i >= 0; i--) {
          const ans = answers[i];
          if (ans !== undefined && ans.call === e.call) { ans.abandoned = true; break; }
        }
        break;
      case 'agent': {
        const id = e.agent ?? '';
        const prev = agentState.get(id);
        if (prev && prev.state !== 'logout') {
          const d = e.t - prev.since;
          logged += d;
          seconds[prev.state] = (seconds[prev.state] ?? 0) + d;
        }
        agentState.set(id, { state: e.state ?? '', since: e.t, readyAt: e.state === 'ready' ? e.t : null });
        break;
      }
      default:
        break;
    }
  }
  const talk = seconds.talking ?? 0;
  const acw = seconds.acw ?? 0;
  const sortedWaits = [...customerWaits].sort((a, b) => a - b);
  return {
    dials,
    live_answers: answers.length,
    connected,
    abandoned,
    abandon_rate: answers.length ? abandoned / answers.length : 0,
    max_window_abandon_rate: worstWindow([...answers].sort((a, b) => a.t - b.t), end),
    logged_s: logged,
    talk_s: talk,
    acw_s: acw,
    idle_s: seconds.ready ?? 0,
    occupancy: logged ? talk / logged : 0,
    utilization: logged ? (talk + acw) / logged : 0,
    customer_wait_s: { p50: nearestRank(customerWaits, 0.5), p95: nearestRank(customerWaits, 0.95), max: sortedWaits[sortedWaits.length - 1] ?? 0 },
    wait_s: {
      mean: agentWaits.length ? agentWaits.reduce((s, v) => s + v, 0) / agentWaits.length : 0,
      p50: nearestRank(agentWaits, 0.5),
      p95: nearestRank(agentWaits, 0.95),
    },
  };
}
