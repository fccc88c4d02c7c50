// speed: the campaign's dialing speed, 0–100 (the pacing reads it as a share of its full rate).
import type { CampaignType } from '../../domain/campaign.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { campaignEvent, lockCampaign } from './load.ts';

export async function setSpeed(tx: Tx, ctx: RequestContext, campaignId: string, speed: number, type?: CampaignType): Promise<void> {
  const campaign = await lockCampaign(tx, ctx, campaignId, type);
  await tx.campaigns.update(ctx.operationId, campaignId, { speed });
  await campaignEvent(tx, ctx, campaignId, 'campaign.speed', { from: campaign.speed, to: speed });
}
