// delete_campaign: removes a stopped campaign and its records for good; its open campaign
// callbacks are cancelled and its calls stay in the history (its id is never given out again).
import type { CampaignType } from '../../domain/campaign.ts';
import { fail, PacerError } from '../../domain/errors.ts';
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

/** What a delete of several campaigns did: each deleted, or refused with its reason. */
export interface CampaignsDeleted {
  deleted: string[];
  failed: { campaignId: string; refusal: PacerError }[];
}

/**
 * delete_campaign with a list (the collection's `campaign_ids`): each campaign deleted as alone, a
 * refusal of one (404, 409) leaving the others to go; a repeated id counts once. The refusals are
 * raised before anything of their campaign is written, so the others' deletes stand.
 */
export async function deleteCampaigns(tx: Tx, ctx: RequestContext, campaignIds: readonly string[], type?: CampaignType): Promise<CampaignsDeleted> {
  const done: CampaignsDeleted = { deleted: [], failed: [] };
  // In one order, so that two deletes of overlapping lists cannot wait on each other.
  for (const campaignId of [...new Set(campaignIds)].sort((a, b) => Number(a) - Number(b))) {
    try {
      await deleteCampaign(tx, ctx, campaignId, type);
      done.deleted.push(campaignId);
    } catch (error) {
      if (!(error instanceof PacerError)) throw error;
      done.failed.push({ campaignId, refusal: error });
    }
  }
  return done;
}
