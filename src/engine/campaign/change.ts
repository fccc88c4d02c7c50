// The native face's campaign change: speed, run state and compliance settings in one transaction. Unlike the
// wolkvox start/stop (a 409 when already so), asking for the state a campaign is in changes
// nothing: a PATCH says what the campaign should be, not what to do.
import type { CampaignStatus } from '../../domain/campaign.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { setCompliance, type ComplianceChange } from './compliance.ts';
import { lockCampaign } from './load.ts';
import { startCampaign, stopCampaign } from './run-state.ts';
import { setSpeed } from './speed.ts';

export interface CampaignChange extends ComplianceChange { status?: CampaignStatus; speed?: number }

/** Applies the change; true when the dialer should look at the campaign now (started, or its schedule changed while started). */
export async function changeCampaign(tx: Tx, ctx: RequestContext, campaignId: string, change: CampaignChange): Promise<boolean> {
  const campaign = await lockCampaign(tx, ctx, campaignId);
  if (change.speed !== undefined && change.speed !== campaign.speed) await setSpeed(tx, ctx, campaignId, change.speed);
  const compliance = change.callingSchedule !== undefined || change.oneContactPerDay !== undefined;
  if (compliance) await setCompliance(tx, ctx, campaignId, { callingSchedule: change.callingSchedule, oneContactPerDay: change.oneContactPerDay });
  if (change.status === undefined || change.status === campaign.status) return compliance && campaign.status === 'started';
  await (change.status === 'started' ? startCampaign : stopCampaign)(tx, ctx, campaignId);
  return change.status === 'started';
}
