// The pacing snapshot of one campaign, built from the store as it is now: the campaign's logged-in
// agents with their activity and how long they have been in it, the calls still ringing with their
// ages, and the answered calls waiting for an agent. Calls of other started campaigns that draw on
// the same agents count too: they will take those agents, and ignoring them would overdial.
import type { AgentState } from '../../domain/agent-state.ts';
import type { AgentActivity, PacingSnapshot } from '../../domain/pacing/strategy.ts';
import type { DialCampaign, DialingRepo } from '../ports/dialing.ts';
import type { Tx } from '../ports/store.ts';

type CampaignAgent = Awaited<ReturnType<DialingRepo['agents']>>[number];

/** What a strategy should count an agent as; null: not available to the campaign (aux). */
const activityOf: Record<AgentState, AgentActivity | null> = {
  logout: null, aux: null, ready: 'ready', ringing: 'reserved', talking: 'talking', held: 'talking', acw: 'acw',
};

/** Campaigns whose agents may overlap this one's: the same skill, or either without one (all agents). */
export function sharingAgents(campaign: DialCampaign, started: readonly DialCampaign[]): string[] {
  const ids = new Set([campaign.id]);
  for (const c of started) {
    if (c.operationId !== campaign.operationId) continue;
    if (c.skillId === null || campaign.skillId === null || c.skillId === campaign.skillId) ids.add(c.id);
  }
  return [...ids];
}

/** `agents`: the campaign's logged-in agents (DialingRepo.agents), read by the caller. */
export async function pacingSnapshot(tx: Tx, campaign: DialCampaign, agents: readonly CampaignAgent[], sharing: readonly string[], now: number, maxLines: number): Promise<PacingSnapshot> {
  const calls = await tx.dialing.liveCalls(campaign.operationId, sharing);
  const snapshot: PacingSnapshot = { nowS: now / 1000, agents: [], ringing: [], waiting: 0, maxLines };
  for (const a of agents) {
    const activity = activityOf[a.state];
    if (activity) snapshot.agents.push({ activity, sinceS: Math.max(0, (now - a.stateSince) / 1000) });
  }
  for (const c of calls) {
    if (c.state === 'dialing' || c.state === 'ringing') snapshot.ringing.push({ ageS: Math.max(0, (now - c.placedAt) / 1000) });
    else if (c.state === 'waiting') snapshot.waiting++;
  }
  return snapshot;
}
