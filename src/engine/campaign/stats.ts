// A campaign's live state for people and consoles: its calls in flight, its answers and abandons
// and its agents' utilisation today and over the last 30 minutes, its records left, what its
// pacing strategy aims at, and why it is not dialling. Counted from the store at each read (its
// calls, its agents and their state changes, its records); nothing is kept that could drift. The
// definitions are the domain's (src/domain/campaign-stats.ts, not-dialling.ts).
import { busyAgentStates, recordCountCap, share, staffedAgentStates, statsWindows } from '../../domain/campaign-stats.ts';
import type { CampaignStatus } from '../../domain/campaign.ts';
import { availableAgents, notDialling, zonesAt, type NotDialling } from '../../domain/not-dialling.ts';
import { abandonTargetOfSpeed, DEFAULT_ABANDON_CEILING } from '../../domain/pacing/speed.ts';
import { fail } from '../../domain/errors.ts';
import type { EngineDeps, RequestContext } from '../deps.ts';
import { trunkRoom, trunkState } from '../telephony/customer-route.ts';
import type { PacingDecision } from '../dialer/runner.ts';
import type { AgentTime, AnswerCount } from '../ports/campaign-stats.ts';
import type { Tx } from '../ports/store.ts';

/** The figures of one window, [since, now]. */
export interface WindowFigures extends AnswerCount, AgentTime {
  since: number;
  /** abandoned / answered; null with no answer. */
  abandonRate: number | null;
  /** busyMs / staffedMs; null with no staffed time. */
  utilisation: number | null;
}

export interface CampaignStats {
  campaignId: string;
  status: CampaignStatus;
  /** The instant of the figures, and the operation's zone they are read in. */
  at: number;
  timeZone: string;
  /** Calls of the campaign placed and not yet answered (dialling or ringing). */
  linesInFlight: number;
  /** Calls a person answered that wait for an agent (within the connect deadline). */
  waitingForAgent: number;
  /** Agents of the campaign ready now, and available (logged in, not in an auxiliary state). */
  agents: { ready: number; available: number };
  today: WindowFigures;
  recent: WindowFigures;
  /**
   * Pending records, and those of them that may be called now (due, in a zone whose calling window
   * is open); `capped`: a count stopped at domain/campaign-stats.ts's cap, the figures are lower bounds.
   */
  records: { dialableNow: number; pending: number; capped: boolean };
  /** The abandon rate the campaign's `speed` aims at. */
  abandonTarget: number;
  /** The ceiling no campaign may pass. */
  abandonCeiling: number;
  /** The last decision of this process's dialer; null when it has none (see the route's description). */
  pacing: PacingDecision | null;
  notDialling: NotDialling[] | null;
}

/** `decisionOf`: the last pacing decision this process made for the campaign, if any. */
export async function campaignStats(
  tx: Tx, ctx: RequestContext, deps: Pick<EngineDeps, 'telephony'>, campaignId: string, decisionOf: () => PacingDecision | undefined,
): Promise<CampaignStats> {
  const campaign = await tx.campaigns.get(ctx.operationId, campaignId);
  if (!campaign) throw fail.campaignNotFound(campaignId);
  const { now, operationId, timeZone } = ctx;
  const windows = statsWindows(now, timeZone);
  const since = [windows.today, windows.recent];
  const agents = await tx.dialing.agents(operationId, campaign.skillId);
  const inFlight = await tx.dialing.callsInFlight(operationId, [campaignId]);
  const answers = await tx.campaignStats.answers(operationId, campaignId, since, now);
  const time = await tx.campaignStats.agentTime(operationId, campaign.skillId, since, now, { busy: busyAgentStates, staffed: staffedAgentStates });
  const records = await tx.campaignStats.records(operationId, campaignId, now, recordCountCap);

  const window = { schedule: campaign.callingSchedule, startTime: campaign.startTime, endTime: campaign.endTime };
  const zones = zonesAt(window, records.map((r) => ({ timeZone: r.timeZone, pending: r.pending > 0, due: r.due > 0 })), now);
  const available = availableAgents(agents.map((a) => a.state));
  const trunk = trunkState(await trunkRoom(tx, deps, operationId));
  const figures = (k: number): WindowFigures => {
    const a = answers[k] ?? { answered: 0, abandoned: 0 };
    const t = time[k] ?? { busyMs: 0, staffedMs: 0 };
    return { since: since[k] ?? now, ...a, ...t, abandonRate: share(a.abandoned, a.answered), utilisation: share(t.busyMs, t.staffedMs) };
  };
  return {
    campaignId, status: campaign.status, at: now, timeZone,
    linesInFlight: inFlight.filter((c) => c.state === 'dialing' || c.state === 'ringing').length,
    waitingForAgent: inFlight.filter((c) => c.state === 'waiting').length,
    agents: { ready: agents.filter((a) => a.state === 'ready').length, available },
    today: figures(0), recent: figures(1),
    records: {
      dialableNow: records.reduce((n, r, i) => n + (zones[i]?.open ? r.due : 0), 0),
      pending: records.reduce((n, r) => n + r.pending, 0),
      capped: records.some((r) => r.capped),
    },
    abandonTarget: abandonTargetOfSpeed(campaign.speed), abandonCeiling: DEFAULT_ABANDON_CEILING,
    // A decision outlives a stop until the dialer's next tick: a stopped campaign has none.
    pacing: campaign.status === 'started' ? (decisionOf() ?? null) : null,
    notDialling: notDialling({ status: campaign.status, zones, agentsAvailable: available, ...(trunk ? { trunk } : {}) }),
  };
}
