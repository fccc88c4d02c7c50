// clear_campaign: deletes the campaign's records, all or those whose last result is `result`, so
// the campaign can be reused. Only a stopped campaign is cleared: the dialer must not be holding
// a record that disappears under it. The call history stays for the reports.
import type { CampaignType } from '../../domain/campaign.ts';
import type { CallResult } from '../../domain/call-state.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { campaignEvent, lockCampaign } from './load.ts';

export async function clearCampaign(tx: Tx, ctx: RequestContext, campaignId: string, result?: CallResult, type?: CampaignType): Promise<{ deleted: number }> {
  const campaign = await lockCampaign(tx, ctx, campaignId, type);
  if (campaign.status === 'started') throw fail.campaignConflict(`Campaign ${campaignId} is started: stop it before clearing its records`);
  const deleted = await tx.records.clear(ctx.operationId, campaignId, result);
  await campaignEvent(tx, ctx, campaignId, 'campaign.cleared', { result: result ?? null, deleted });
  return { deleted };
}
