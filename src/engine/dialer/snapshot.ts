// The pacing snapshot of one campaign, read from the store as it is now and built by the domain
// (src/domain/pacing/snapshot.ts, the builder the shift simulator uses too): the campaign's
// logged-in agents, and the calls in flight of the campaign and of other started campaigns
// that draw on the same agents (they will take those agents, and ignoring them would overdial).
import { pacingSnapshot as buildSnapshot } from '../../domain/pacing/snapshot.ts';
import type { PacingSnapshot } from '../../domain/pacing/strategy.ts';
import type { DialCampaign, DialingRepo } from '../ports/dialing.ts';
import type { Tx } from '../ports/store.ts';

type CampaignAgent = Awaited<ReturnType<DialingRepo['agents']>>[number];

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
  const calls = await tx.dialing.callsInFlight(campaign.operationId, sharing);
  return buildSnapshot({
    now, unitsPerSecond: 1000, maxLines,
    agents: agents.map((a) => ({ state: a.state, since: a.stateSince, nextState: a.nextState })),
    calls,
  });
}
