// remove_record: deletes records for good, with their attempts in the call history except the
// answered ones (wolkvox keeps RESULT=ANSWER in its reports). Several customer_ids go together or
// not at all: one unknown (404) or on a call (409) and none is removed.
import type { CampaignType } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { campaignEvent, lockCampaign, lockRecord, recordKey } from './load.ts';

export async function removeRecords(tx: Tx, ctx: RequestContext, campaignId: string, customerIds: readonly string[], type?: CampaignType): Promise<void> {
  await lockCampaign(tx, ctx, campaignId, type);
  // Locked in one order, so two removals of overlapping lists cannot wait on each other.
  const ids = [...new Set(customerIds)].sort();
  for (const customerId of ids) {
    await lockRecord(tx, ctx, campaignId, customerId);
    if (await tx.records.hasLiveCall(recordKey(ctx, campaignId, customerId))) {
      throw fail.campaignConflict(`customer_id ${customerId} is on a call: remove it when the call ends`);
    }
  }
  for (const customerId of ids) {
    const key = recordKey(ctx, campaignId, customerId);
    await tx.callbacks.cancelRecalls(ctx.operationId, campaignId, customerId);
    await tx.records.removeHistory(key);
    await tx.records.remove(key);
    await campaignEvent(tx, ctx, campaignId, 'record.removed', { customer_id: customerId });
  }
}
