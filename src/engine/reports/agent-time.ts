// The agents' time by state over a range, whole or cut in buckets of the operation's clock:
// wolkvox's agent_1, agent_3, agent_8, agent_8_1, customer.php agents_statustime, the real-time
// agents and GET /v1/reports/agent-time. Read from the agents' state changes and calls at each
// report; one row per agent (and bucket) that was logged in or talked in it.
import { addCalls, addStateTime, bucketBounds, checkRows, emptyAgentTime, sessionsOf, timeInStates, type AgentTime, type ReportBucket } from '../../domain/reports.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import type { Range } from './range.ts';

export interface AgentTimeRow {
  agentId: string;
  agentName: string;
  /** Its identity document number (agent_dni; empty when none). */
  agentDni: string;
  /** The bucket's start (the range's, unbucketed) and end. */
  from: number;
  to: number;
  time: AgentTime;
  /** The agent's first login and last logout in the range (unbucketed reports only; null: none). */
  firstLogin: number | null;
  lastLogout: number | null;
}

export interface AgentTimeReport {
  operationName: string;
  from: number;
  to: number;
  timeZone: string;
  /** The names of the operation's auxiliary states, by id. */
  auxNames: Map<number, string>;
  rows: AgentTimeRow[];
}

export interface AgentTimeRequest {
  range: Range;
  agentId?: string;
  /** Minutes per bucket; none: the whole range in one row per agent. */
  bucket?: ReportBucket;
}

export async function agentTimeReport(tx: Tx, ctx: RequestContext, range: { from: number; to: number }, request: Omit<AgentTimeRequest, 'range'>): Promise<AgentTimeReport> {
  const bounds = bucketBounds(range.from, range.to, request.bucket ?? null, ctx.timeZone);
  const buckets = { bounds, now: ctx.now };
  const agents = await tx.reports.agents(ctx.operationId, request.agentId);
  const startStates = await tx.reports.statesAt(ctx.operationId, range.from, request.agentId);
  const moves = await tx.reports.stateMoves(ctx.operationId, buckets, request.agentId);
  const calls = await tx.reports.agentCalls(ctx.operationId, buckets, request.agentId);
  const dispositions = await tx.reports.agentDispositions(ctx.operationId, buckets, request.agentId);
  const aux = await tx.reports.auxStates(ctx.operationId);

  const cells = new Map<string, AgentTime>();
  const cell = (agentId: string, bucket: number) => {
    const key = `${agentId}\u0000${bucket}`;
    let t = cells.get(key);
    if (!t) cells.set(key, (t = emptyAgentTime()));
    return t;
  };
  const movesOf = new Map<string, typeof moves>();
  for (const m of moves) {
    const list = movesOf.get(m.agentId);
    if (list) list.push(m);
    else movesOf.set(m.agentId, [m]);
  }
  for (const agent of agents) {
    const start = startStates.get(agent.id) ?? 'logout';
    for (const t of timeInStates(bounds, ctx.now, start, movesOf.get(agent.id) ?? [])) addStateTime(cell(agent.id, t.bucket), t.state, t.ms);
  }
  for (const c of calls) addCalls(cell(c.agentId, c.bucket), c.origin, c.calls);
  for (const d of dispositions) {
    const t = cell(d.agentId, d.bucket);
    t.hits += d.hits;
    t.rpc += d.rpc;
  }

  const logins = new Map<string, { first: number | null; last: number | null }>();
  if (request.bucket === undefined) {
    const changes = await tx.reports.loginChanges(ctx.operationId, range.from, range.to, request.agentId);
    for (const s of sessionsOf(changes.loggedInAtStart, changes.changes, range.from)) {
      const seen = logins.get(s.agentId) ?? { first: null, last: null };
      // A session open when the range began has no login in it.
      if (seen.first === null && s.loginAt > range.from) seen.first = s.loginAt;
      if (s.logoutAt !== null) seen.last = Math.max(seen.last ?? 0, s.logoutAt);
      logins.set(s.agentId, seen);
    }
  }

  const rows: AgentTimeRow[] = [];
  for (const agent of agents) {
    for (let j = 0; j + 1 < bounds.length; j++) {
      const time = cells.get(`${agent.id}\u0000${j}`);
      if (!time) continue;
      const login = logins.get(agent.id);
      rows.push({
        agentId: agent.id, agentName: agent.name, agentDni: agent.dni, from: bounds[j] ?? range.from, to: bounds[j + 1] ?? range.to, time,
        firstLogin: login?.first ?? null, lastLogout: login?.last ?? null,
      });
      checkRows(rows.length);
    }
  }
  const operation = await tx.operations.get(ctx.operationId);
  return { operationName: operation?.name ?? ctx.operationId, from: range.from, to: range.to, timeZone: ctx.timeZone, auxNames: new Map(aux.map((a) => [a.id, a.name])), rows };
}
