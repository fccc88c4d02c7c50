// start / stop: whether the dialer works the campaign. Asking for the state it is already in is a
// 409 naming that state, so a caller learns its view of the campaign was stale. Either way the
// dialer forgets why it last said the campaign was not dialling: its first decision after a start
// says afresh (a `campaign.dialling` event), whatever it said before the stop.
import type { CampaignStatus, CampaignType } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { campaignEvent, lockCampaign } from './load.ts';

function setStatus(status: CampaignStatus) {
  return async (tx: Tx, ctx: RequestContext, campaignId: string, type?: CampaignType): Promise<void> => {
    const campaign = await lockCampaign(tx, ctx, campaignId, type);
    if (campaign.status === status) throw fail.campaignConflict(`Campaign ${campaignId} is already ${status}`);
    await tx.campaigns.update(ctx.operationId, campaignId, { status, notDiallingAnnounced: null });
    await campaignEvent(tx, ctx, campaignId, `campaign.${status}`);
  };
}

export const startCampaign = setStatus('started');
export const stopCampaign = setStatus('stopped');
