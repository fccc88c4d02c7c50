// codify: a disposition given from outside (a CRM) closes the record, so the dialer does not call
// it again, and cancels its open campaign callback. The activity codes must exist.
import { recordStatus, type CampaignType } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { campaignEvent, lockCampaign, lockRecord, recordKey } from './load.ts';

export interface Codification {
  campaignId: string;
  customerId: string;
  codAct: string;
  codAct2?: string;
  comment?: string;
  type?: CampaignType;
}

export async function codifyRecord(tx: Tx, ctx: RequestContext, req: Codification): Promise<void> {
  await lockCampaign(tx, ctx, req.campaignId, req.type);
  if (!(await tx.operations.activityCodeExists(ctx.operationId, 1, req.codAct))) throw fail.activityCodeNotFound(1, req.codAct);
  if (req.codAct2 !== undefined && !(await tx.operations.activityCodeExists(ctx.operationId, 2, req.codAct2))) {
    throw fail.activityCodeNotFound(2, req.codAct2);
  }
  await lockRecord(tx, ctx, req.campaignId, req.customerId);
  await tx.records.update(recordKey(ctx, req.campaignId, req.customerId), {
    status: recordStatus.done, codAct: req.codAct, codAct2: req.codAct2 ?? null, comment: req.comment ?? null,
  });
  await tx.callbacks.cancelRecalls(ctx.operationId, req.campaignId, req.customerId);
  await campaignEvent(tx, ctx, req.campaignId, 'record.codified', { customer_id: req.customerId, cod_act: req.codAct, cod_act_2: req.codAct2 ?? null });
}
