// The reports and real-time reads as use cases: each admitted like campaign.php's reads (a
// supervisor's; through a wolkvox token it counts against the daily quota) and run in one
// transaction. Both faces call these: the wolkvox face formats their answers as strings, the
// native face as typed JSON.
import { supervisor } from '../../domain/permission.ts';
import type { Access, Admission, Run } from '../access.ts';
import type { ReportBucket } from '../../domain/reports.ts';
import type { AgentLine, OpenRecall, ReportCall, SkillFigures, Tally } from '../ports/reports.ts';
import { agentTimeReport, type AgentTimeReport } from './agent-time.ts';
import { agentStatesReport, sessionsReport, type AgentStatesReport, type SessionsReport } from './agent-states.ts';
import { callsReport, previewReport, tallyReport, type CallsFilter, type CallsReport, type PreviewReport, type TallyKind } from './calls.ts';
import { rangeOf, type Range } from './range.ts';
import { agentLines, liveAgents, liveCampaigns, liveSkills, openRecalls, recentCalls, type LiveAgents, type LiveCampaign } from './real-time.ts';

export interface ReportUseCases {
  /** Time by state per agent (and per bucket of `bucket` minutes). */
  agentTime(access: Access, range: Range, options?: { agentId?: string; bucket?: ReportBucket }): Promise<AgentTimeReport>;
  /** Each stretch of the agents (or one) in a state. */
  agentStates(access: Access, range: Range, agentId?: string): Promise<AgentStatesReport>;
  /** The agents' sessions (login, logout). */
  sessions(access: Access, range: Range, agentId?: string): Promise<SessionsReport>;
  calls(access: Access, range: Range, filter?: CallsFilter): Promise<CallsReport>;
  /** Counts for the campaign reports and cdr_6 (`campaignId` null: every campaign). */
  tally(access: Access, range: Range, kind: TallyKind, campaignId: string | null): Promise<Tally[]>;
  preview(access: Access, range: Range, campaignId: string | null): Promise<PreviewReport>;
}

export interface RealTimeUseCases {
  agents(access: Access): Promise<LiveAgents>;
  skills(access: Access, skillId: number | null, serviceSeconds: readonly number[]): Promise<SkillFigures[]>;
  campaigns(access: Access): Promise<{ timeZone: string; campaigns: LiveCampaign[] }>;
  /** The calls placed in the last `minutes`, and the operation's zone. */
  recentCalls(access: Access, minutes: number): Promise<{ timeZone: string; calls: ReportCall[] }>;
  recalls(access: Access, type?: 'auto' | 'manual'): Promise<{ timeZone: string; recalls: OpenRecall[] }>;
  lines(access: Access): Promise<{ timeZone: string; lines: AgentLine[] }>;
}

export function createReportUseCases(run: Run, admission: Admission): { reports: ReportUseCases; realTime: RealTimeUseCases } {
  return {
    reports: {
      agentTime: (access, range, options = {}) => run(access, admission, supervisor, (tx, ctx) => agentTimeReport(tx, ctx, rangeOf(range, ctx.timeZone), options)),
      agentStates: (access, range, agentId) => run(access, admission, supervisor, (tx, ctx) => agentStatesReport(tx, ctx, rangeOf(range, ctx.timeZone), agentId)),
      sessions: (access, range, agentId) => run(access, admission, supervisor, (tx, ctx) => sessionsReport(tx, ctx, rangeOf(range, ctx.timeZone), agentId)),
      calls: (access, range, filter = {}) => run(access, admission, supervisor, (tx, ctx) => callsReport(tx, ctx, rangeOf(range, ctx.timeZone), filter)),
      tally: (access, range, kind, campaignId) => run(access, admission, supervisor, (tx, ctx) => tallyReport(tx, ctx, rangeOf(range, ctx.timeZone), kind, campaignId)),
      preview: (access, range, campaignId) => run(access, admission, supervisor, (tx, ctx) => previewReport(tx, ctx, rangeOf(range, ctx.timeZone), campaignId)),
    },
    realTime: {
      agents: (access) => run(access, admission, supervisor, liveAgents),
      skills: (access, skillId, serviceSeconds) => run(access, admission, supervisor, (tx, ctx) => liveSkills(tx, ctx, skillId, serviceSeconds)),
      campaigns: (access) => run(access, admission, supervisor, async (tx, ctx) => ({ timeZone: ctx.timeZone, campaigns: await liveCampaigns(tx, ctx) })),
      recentCalls: (access, minutes) => run(access, admission, supervisor, async (tx, ctx) => ({ timeZone: ctx.timeZone, calls: await recentCalls(tx, ctx, minutes) })),
      recalls: (access, type) => run(access, admission, supervisor, async (tx, ctx) => ({ timeZone: ctx.timeZone, recalls: await openRecalls(tx, ctx, type) })),
      lines: (access) => run(access, admission, supervisor, async (tx, ctx) => ({ timeZone: ctx.timeZone, lines: await agentLines(tx, ctx) })),
    },
  };
}
