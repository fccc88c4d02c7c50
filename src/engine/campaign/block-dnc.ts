// block_predictive_dnc: records of a predictive campaign marked do-not-call by customer id. Each
// is closed with the result do-not-call (the dialer never calls it again, campaign reports count
// it so) and its open campaign recalls are cancelled. Ids the campaign does not have are skipped.
import { recordStatus } from '../../domain/campaign.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { campaignEvent, lockCampaign, recordKey } from './load.ts';

export async function blockRecords(tx: Tx, ctx: RequestContext, campaignId: string, customerIds: readonly string[]): Promise<{ blocked: number }> {
  await lockCampaign(tx, ctx, campaignId, 'predictive');
  const blocked: string[] = [];
  // In order, so that two requests lock shared records in the same order.
  for (const customerId of [...new Set(customerIds)].sort()) {
    const key = recordKey(ctx, campaignId, customerId);
    if (!(await tx.records.lock(key))) continue;
    await tx.records.saveResult(key, 'do-not-call', recordStatus.done, null);
    await tx.callbacks.cancelRecalls(ctx.operationId, campaignId, customerId);
    blocked.push(customerId);
  }
  if (blocked.length > 0) await campaignEvent(tx, ctx, campaignId, 'campaign.records_blocked', { customer_ids: blocked });
  return { blocked: blocked.length };
}
