// The floor now (wolkvox's real_time.php and the native real-time reads): the logged-in agents
// with their day so far, the skills' and campaigns' figures of the day, the calls of the last
// minutes, the recalls not yet fired, and the agents' phones. Counted from the store at each read
// ("today" is the calendar day of the operation's clock); nothing is kept that could drift.
import type { AgentState } from '../../domain/agent-state.ts';
import { fail } from '../../domain/errors.ts';
import { startOfLocalDay } from '../../domain/local-time.ts';
import { emptyAgentTime, type AgentTime } from '../../domain/reports.ts';
import type { RequestContext } from '../deps.ts';
import type { AgentLine, CampaignFigures, OpenRecall, ReportCall, SkillFigures, Tally } from '../ports/reports.ts';
import type { Tx } from '../ports/store.ts';
import { agentTimeReport } from './agent-time.ts';

export interface LiveAgent {
  agentId: string;
  agentName: string;
  state: AgentState;
  /** Its auxiliary state, in state aux. */
  auxId: number | null;
  stateSince: number;
  /** When its session began (null: its login is older than the history kept). */
  loginAt: number | null;
  /** Its day so far. */
  today: AgentTime;
}

export interface LiveAgents {
  at: number;
  timeZone: string;
  auxNames: Map<number, string>;
  agents: LiveAgent[];
}

export async function liveAgents(tx: Tx, ctx: RequestContext): Promise<LiveAgents> {
  const today = await agentTimeReport(tx, ctx, { from: startOfLocalDay(ctx.now, ctx.timeZone), to: ctx.now + 1 }, {});
  const byAgent = new Map(today.rows.map((r) => [r.agentId, r.time]));
  const logins = await tx.reports.lastLogins(ctx.operationId, ctx.now);
  const agents = (await tx.reports.agents(ctx.operationId)).filter((a) => a.state !== 'logout');
  return {
    at: ctx.now, timeZone: ctx.timeZone, auxNames: today.auxNames,
    agents: agents.map((a) => ({
      agentId: a.id, agentName: a.name, state: a.state, auxId: a.auxId, stateSince: a.stateSince,
      loginAt: logins.get(a.id) ?? null,
      today: byAgent.get(a.id) ?? emptyAgentTime(),
    })),
  };
}

export async function liveSkills(tx: Tx, ctx: RequestContext, skillId: number | null, serviceSeconds: readonly number[]): Promise<SkillFigures[]> {
  const skills = await tx.reports.skills(ctx.operationId, startOfLocalDay(ctx.now, ctx.timeZone), ctx.now, serviceSeconds);
  if (skillId === null) return skills;
  const one = skills.filter((s) => s.id === skillId);
  if (one.length === 0) throw fail.skillNotFound(skillId);
  return one;
}

export interface LiveCampaign extends CampaignFigures {
  /** The dialer's attempts today, by result (null: not ended). */
  attempts: Tally[];
  /** Records tried today. */
  recordsTried: number;
  /** Attempts placed in the last minute. */
  lastMinute: number;
  /** Calls of the campaign placed today disposed with an activity code flagged hit. */
  hits: number;
}

export async function liveCampaigns(tx: Tx, ctx: RequestContext): Promise<LiveCampaign[]> {
  const from = startOfLocalDay(ctx.now, ctx.timeZone);
  const campaigns = await tx.reports.campaigns(ctx.operationId);
  const live: LiveCampaign[] = [];
  for (const c of campaigns) {
    const attempts = await tx.reports.attemptResults(ctx.operationId, c.id, from, ctx.now + 1);
    const tried = await tx.reports.recordOutcomes(ctx.operationId, c.id, from, ctx.now + 1, 'result');
    const lastMinute = await tx.reports.attemptResults(ctx.operationId, c.id, ctx.now - 60_000, ctx.now + 1);
    const hits = await tx.reports.campaignHits(ctx.operationId, c.id, from, ctx.now + 1);
    live.push({
      ...c, attempts, hits, recordsTried: tried.reduce((n, t) => n + t.count, 0), lastMinute: lastMinute.reduce((n, t) => n + t.count, 0),
    });
  }
  return live;
}

export async function recentCalls(tx: Tx, ctx: RequestContext, minutes: number): Promise<ReportCall[]> {
  return tx.reports.calls(ctx.operationId, { from: ctx.now - minutes * 60_000, to: ctx.now + 1, limit: 60_000 });
}

export async function openRecalls(tx: Tx, ctx: RequestContext, type?: 'auto' | 'manual'): Promise<OpenRecall[]> {
  return tx.reports.openRecalls(ctx.operationId, type);
}

export async function agentLines(tx: Tx, ctx: RequestContext): Promise<AgentLine[]> {
  return tx.reports.lines(ctx.operationId);
}
