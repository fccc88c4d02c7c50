// recall (campaign.php): a record of a predictive campaign is called back at a wall-clock time of
// the operation. The callback belongs to the campaign, not to an agent: the dialer calls it before
// fresh records and connects any free agent of the campaign. A new recall replaces the record's
// earlier open one, and reopens a record closed by a disposition.
import { recordStatus, type CampaignType } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import { formatStamp } from '../../domain/local-time.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { campaignEvent, lockCampaign, lockRecord, recordKey } from './load.ts';

export interface CampaignRecall {
  campaignId: string;
  customerId: string;
  phone: string;
  dueAt: number;
  type?: CampaignType;
}

export async function recallRecord(tx: Tx, ctx: RequestContext, req: CampaignRecall): Promise<{ callbackId: string }> {
  const campaign = await lockCampaign(tx, ctx, req.campaignId, req.type);
  if (campaign.type === 'preview') {
    throw fail.campaignConflict(`Campaign ${campaign.id} is a preview campaign: recall works only for predictive campaigns`);
  }
  if (req.dueAt <= ctx.now) {
    throw fail.parameterRequired('recall_date', `${formatStamp(req.dueAt, ctx.timeZone)} is not in the future (now ${formatStamp(ctx.now, ctx.timeZone)} in ${ctx.timeZone})`);
  }
  await lockRecord(tx, ctx, req.campaignId, req.customerId);
  await tx.records.update(recordKey(ctx, req.campaignId, req.customerId), {
    status: recordStatus.fresh, recallDate: req.dueAt, recallTelephone: req.phone,
  });
  const [callbackId] = await tx.callbacks.scheduleRecalls(ctx.operationId, req.campaignId, [{ customerId: req.customerId, phone: req.phone, dueAt: req.dueAt }], ctx.now);
  if (callbackId === undefined) throw new Error('scheduleRecalls stored no callback');
  await campaignEvent(tx, ctx, req.campaignId, 'callback.scheduled', {
    callback_id: callbackId, customer_id: req.customerId, phone: req.phone, due_at: new Date(req.dueAt).toISOString(), type_recall: 'auto',
  });
  return { callbackId };
}
