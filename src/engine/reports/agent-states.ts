// Each stretch of the agents in a state over a range (wolkvox's agent_2 for one agent, agent_14 for
// all), and their sessions (agent_7: login, logout): read from the agents' state changes.
import { checkRows, maxReportRows, sessionsOf, type Session } from '../../domain/reports.ts';
import type { RequestContext } from '../deps.ts';
import type { StateSpan } from '../ports/reports.ts';
import type { Tx } from '../ports/store.ts';

export interface AgentStatesReport {
  timeZone: string;
  auxNames: Map<number, string>;
  agents: Map<string, string>;
  /** The agents' identity document numbers (agent_dni; empty when none). */
  dnis: Map<string, string>;
  spans: StateSpan[];
}

export async function agentStatesReport(tx: Tx, ctx: RequestContext, range: { from: number; to: number }, agentId?: string): Promise<AgentStatesReport> {
  // Each stretch begins with a change into its state, or at the range's start: counted (from the
  // index) before the stretches are paired, so a report too large is refused without building it.
  const atStart = [...(await tx.reports.statesAt(ctx.operationId, range.from, agentId)).values()].filter((s) => s !== 'logout').length;
  checkRows(atStart + await tx.reports.countChanges(ctx.operationId, range.from, Math.min(range.to, ctx.now + 1), maxReportRows + 1, agentId));
  const spans = await tx.reports.spans(ctx.operationId, { bounds: [range.from, range.to], now: ctx.now }, maxReportRows + 1, agentId);
  checkRows(spans.length);
  const agents = await tx.reports.agents(ctx.operationId, agentId);
  const aux = await tx.reports.auxStates(ctx.operationId);
  return { timeZone: ctx.timeZone, auxNames: new Map(aux.map((a) => [a.id, a.name])), agents: new Map(agents.map((a) => [a.id, a.name])), dnis: new Map(agents.map((a) => [a.id, a.dni])), spans };
}

export interface SessionsReport {
  timeZone: string;
  /** The end of the range, or now when it reaches past now: where a session still open is counted to. */
  until: number;
  agents: Map<string, string>;
  /** The agents' identity document numbers (agent_dni; empty when none). */
  dnis: Map<string, string>;
  sessions: Session[];
}

export async function sessionsReport(tx: Tx, ctx: RequestContext, range: { from: number; to: number }, agentId?: string): Promise<SessionsReport> {
  const changes = await tx.reports.loginChanges(ctx.operationId, range.from, range.to, agentId);
  const sessions = sessionsOf(changes.loggedInAtStart, changes.changes, range.from);
  checkRows(sessions.length);
  const agents = await tx.reports.agents(ctx.operationId, agentId);
  return { timeZone: ctx.timeZone, until: Math.min(range.to, ctx.now), agents: new Map(agents.map((a) => [a.id, a.name])), dnis: new Map(agents.map((a) => [a.id, a.dni])), sessions };
}
