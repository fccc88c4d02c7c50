// What the reports mean, apart from where their rows come from: the limits of a report, the
// buckets of a range on the operation's clock, an agent's figures from its time in each state and
// its calls (the occupancy formula wolkvox's agent_1 uses), and its sessions from its logins and
// logouts. Pure: numbers in, numbers out.
import type { CallOrigin } from './call-state.ts';
import { maxDetailRangeMs } from './campaign.ts';
import { fail } from './errors.ts';
import { localFields } from './local-time.ts';

/** A report covers at most 31 days (wolkvox's limit, as campaign.php detail's). */
export const maxReportRangeMs = maxDetailRangeMs;
/** A report answers at most this many rows; more asks for a shorter range (wolkvox's limit). */
export const maxReportRows = 60_000;

/** The service times every skill read reports (wolkvox's service_level_10seg, _20seg, _30seg). */
export const standardServiceSeconds = [10, 20, 30] as const;

/** The bucket sizes of the per-period reports, in minutes (agent_8: hours, agent_8_1: half hours). */
export const reportBuckets = [30, 60] as const;
export type ReportBucket = (typeof reportBuckets)[number];

/** A range [from, to) checked against the limits; `toParam` names the parameter a refusal blames. */
export function checkRange(from: number, to: number, toParam: string): void {
  if (to <= from) throw fail.parameterRequired(toParam, 'the end of the range must come after its start');
  if (to - from > maxReportRangeMs) throw fail.parameterRequired(toParam, 'a report covers at most 31 days');
}

/** A report that would pass its row limit: the caller asks for less. */
export function checkRows(rows: number, limit = maxReportRows): void {
  if (rows > limit) throw fail.badValue(`The report has more than ${limit} rows: ask for a shorter range`);
}

/**
 * The bounds of the buckets of [from, to): `from`, then every instant whose wall-clock time in
 * `timeZone` is a multiple of `minutes` past midnight, then `to`. Found on a quarter-hour grid, so
 * zones 30 or 45 minutes off UTC and daylight-saving changes cut where the local clock does.
 * Without `minutes`, one bucket: [from, to).
 */
export function bucketBounds(from: number, to: number, minutes: ReportBucket | null, timeZone: string): number[] {
  if (minutes === null) return [from, to];
  const quarter = 15 * 60_000;
  const bounds = [from];
  for (let at = Math.floor(from / quarter) * quarter + quarter; at < to; at += quarter) {
    const f = localFields(at, timeZone);
    if ((f.hour * 60 + f.minute) % minutes === 0) bounds.push(at);
  }
  bounds.push(to);
  return bounds;
}

/** Time of one agent in one period, by state, in milliseconds; and the calls it talked on. */
export interface AgentTime {
  readyMs: number;
  ringingMs: number;
  talkingMs: number;
  heldMs: number;
  acwMs: number;
  /** By auxiliary state id. */
  auxMs: Map<number, number>;
  calls: number;
  callsByOrigin: Map<CallOrigin, number>;
  /** Of those, the calls disposed with an activity code flagged hit, and rpc (wolkvox's agent_1 hits and rpc). */
  hits: number;
  rpc: number;
}

export const emptyAgentTime = (): AgentTime => ({
  readyMs: 0, ringingMs: 0, talkingMs: 0, heldMs: 0, acwMs: 0, auxMs: new Map(), calls: 0, callsByOrigin: new Map(), hits: 0, rpc: 0,
});

/** Adds `ms` in `state` (as agent.state events name states: `ready`, `aux:3`…; `logout` counts nowhere). */
export function addStateTime(t: AgentTime, state: string, ms: number): void {
  if (state === 'ready') t.readyMs += ms;
  else if (state === 'ringing') t.ringingMs += ms;
  else if (state === 'talking') t.talkingMs += ms;
  else if (state === 'held') t.heldMs += ms;
  else if (state === 'acw') t.acwMs += ms;
  else if (state.startsWith('aux:')) {
    const id = Number(state.slice(4));
    t.auxMs.set(id, (t.auxMs.get(id) ?? 0) + ms);
  }
}

export function addCalls(t: AgentTime, origin: CallOrigin, calls: number): void {
  t.calls += calls;
  t.callsByOrigin.set(origin, (t.callsByOrigin.get(origin) ?? 0) + calls);
}

/** What an agent's period adds up to. */
export interface AgentFigures {
  auxTotalMs: number;
  /** Logged in: every state but logout. */
  loggedInMs: number;
  /** On a call (talking or held). */
  onCallMs: number;
  /** Average handle time, (on a call + after-call work) / calls; null with no call. */
  handleAvgMs: number | null;
  /**
   * Occupancy = (on a call + after-call work) / (logged in − auxiliary), the formula of wolkvox's
   * agent_1 (inbound_time + outbound_time + acw_time) / (login_time − aux_time); null when the
   * agent was never available.
   */
  occupancy: number | null;
}

export function agentFigures(t: AgentTime): AgentFigures {
  const auxTotalMs = [...t.auxMs.values()].reduce((a, b) => a + b, 0);
  const onCallMs = t.talkingMs + t.heldMs;
  const loggedInMs = t.readyMs + t.ringingMs + onCallMs + t.acwMs + auxTotalMs;
  const available = loggedInMs - auxTotalMs;
  return {
    auxTotalMs, loggedInMs, onCallMs,
    handleAvgMs: t.calls > 0 ? (onCallMs + t.acwMs) / t.calls : null,
    occupancy: available > 0 ? (onCallMs + t.acwMs) / available : null,
  };
}

/**
 * Time per state in each bucket of `bounds` for one agent, from its state when the range began
 * (`startState`) and its changes summed per bucket and state (`atSum`: Σ instants of changes that
 * left the state − Σ of those that entered it, in ms from the range's start; `entered`: entries −
 * exits). In a bucket [lo, hi) the time in a state is atSum + in(hi)·hi − in(lo)·lo, where in(t) is
 * 1 while the agent is in it; in(hi) = in(lo) + entered. Bounds past `now` are cut there (a state
 * still held counts up to now). Logged-out time is left out. Milliseconds, by bucket and state.
 */
export function timeInStates(
  bounds: readonly number[], now: number, startState: string,
  moves: readonly { bucket: number; state: string; atSum: number; entered: number }[],
): { bucket: number; state: string; ms: number }[] {
  const origin = bounds[0] ?? 0;
  const rel = (t: number) => Math.min(t, now) - origin;
  type Sums = Map<number, { atSum: number; entered: number }>;
  const byState = new Map<string, Sums>();
  for (const m of moves) {
    let buckets = byState.get(m.state);
    if (!buckets) byState.set(m.state, (buckets = new Map() as Sums));
    buckets.set(m.bucket, m);
  }
  if (!byState.has(startState)) byState.set(startState, new Map() as Sums);
  const out: { bucket: number; state: string; ms: number }[] = [];
  for (const [state, buckets] of byState) {
    if (state === 'logout') continue;
    let inState = state === startState ? 1 : 0;
    for (let j = 0; j + 1 < bounds.length; j++) {
      const lo = rel(bounds[j] ?? origin);
      const hi = rel(bounds[j + 1] ?? origin);
      const m = buckets.get(j);
      const after = inState + (m?.entered ?? 0);
      const ms = (m?.atSum ?? 0) + after * hi - inState * lo;
      if (ms > 0) out.push({ bucket: j, state, ms });
      inState = after;
    }
  }
  return out;
}

/** One stretch of an agent logged in; `logoutAt` null: still logged in when the range ended. */
export interface Session {
  agentId: string;
  loginAt: number;
  logoutAt: number | null;
}

/**
 * The sessions of each agent in [from, to) from its logins and logouts there (in time order) and
 * the agents logged in at `from`; a session open at `from` starts there.
 */
export function sessionsOf(loggedInAtStart: readonly string[], changes: readonly { agentId: string; at: number; login: boolean }[], from: number): Session[] {
  const open = new Map<string, Session>(loggedInAtStart.map((agentId) => [agentId, { agentId, loginAt: from, logoutAt: null }]));
  const sessions: Session[] = [];
  for (const c of changes) {
    const current = open.get(c.agentId);
    if (c.login) {
      if (current) continue; // a login while logged in cannot happen: the events chain
      open.set(c.agentId, { agentId: c.agentId, loginAt: c.at, logoutAt: null });
    } else if (current) {
      sessions.push({ ...current, logoutAt: c.at });
      open.delete(c.agentId);
    }
  }
  sessions.push(...open.values());
  return sessions.sort((a, b) => a.loginAt - b.loginAt || a.agentId.localeCompare(b.agentId));
}
