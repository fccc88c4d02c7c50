// remove_record: deletes one record for good, with its attempts in the call history except the
// answered ones (wolkvox keeps RESULT=ANSWER in its reports). A record on a call is a 409.
import type { CampaignType } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { campaignEvent, lockCampaign, lockRecord, recordKey } from './load.ts';

export async function removeRecord(tx: Tx, ctx: RequestContext, campaignId: string, customerId: string, type?: CampaignType): Promise<void> {
  await lockCampaign(tx, ctx, campaignId, type);
  await lockRecord(tx, ctx, campaignId, customerId);
  const key = recordKey(ctx, campaignId, customerId);
  if (await tx.records.hasLiveCall(key)) throw fail.campaignConflict(`customer_id ${customerId} is on a call: remove it when the call ends`);
  await tx.callbacks.cancelRecalls(ctx.operationId, campaignId, customerId);
  await tx.records.removeHistory(key);
  await tx.records.remove(key);
  await campaignEvent(tx, ctx, campaignId, 'record.removed', { customer_id: customerId });
}
