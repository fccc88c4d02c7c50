// delete_campaign: removes a stopped campaign and its records for good; its open campaign
// callbacks are cancelled and its calls stay in the history (its id is never given out again).
import type { CampaignType } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { campaignEvent, lockCampaign } from './load.ts';

export async function deleteCampaign(tx: Tx, ctx: RequestContext, campaignId: string, type?: CampaignType): Promise<void> {
  const campaign = await lockCampaign(tx, ctx, campaignId, type);
  if (campaign.status === 'started') throw fail.campaignConflict(`Campaign ${campaignId} is started: stop it before deleting it`);
  // Removed first: that waits for record loads in flight (their recalls included), and only then
  // are the campaign's open callbacks cancelled, so none of a load's recalls outlives the campaign.
  await tx.campaigns.remove(ctx.operationId, campaignId);
  await tx.callbacks.cancelRecalls(ctx.operationId, campaignId, null);
  await campaignEvent(tx, ctx, campaignId, 'campaign.deleted', { name: campaign.name });
}
