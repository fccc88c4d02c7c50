// recall_records (the official collection's "Remarcar registros"): records of a campaign whose last
// result, or whose disposition (group 1 or 2), is a given value are made new again ("RESULT =
// CLEAN" in wolkvox): fresh, no attempts counted, so the dialer calls them as it calls fresh
// records. Their call history and codes stay; a record on a call is left alone.
import type { CampaignType } from '../../domain/campaign.ts';
import type { RequestContext } from '../deps.ts';
import type { RecordMatch } from '../ports/records.ts';
import type { Tx } from '../ports/store.ts';
import { campaignEvent, lockCampaign } from './load.ts';

export async function recallRecords(tx: Tx, ctx: RequestContext, campaignId: string, match: RecordMatch, type?: CampaignType): Promise<{ reopened: number }> {
  await lockCampaign(tx, ctx, campaignId, type);
  const reopened = await tx.records.reopen(ctx.operationId, campaignId, match);
  await campaignEvent(tx, ctx, campaignId, 'campaign.records_reopened', { ...match, reopened });
  return { reopened };
}
