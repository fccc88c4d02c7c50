// campaign_15 (the official collection's "15. Exportar datos de campaña"): every record of a
// campaign, managed or not, with its last call, codes, recalls and call history, at most wolkvox's
// 60,000 rows per answer (a larger campaign is refused rather than cut short).
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { ExportedRecord } from '../ports/campaigns.ts';
import type { Tx } from '../ports/store.ts';
import { readCampaign } from './load.ts';

/** wolkvox's limit of records downloaded per call. */
export const maxExportRows = 60_000;

export async function exportCampaign(tx: Tx, ctx: RequestContext, campaignId: string): Promise<ExportedRecord[]> {
  await readCampaign(tx, ctx, campaignId);
  const rows = await tx.campaigns.exportRecords(ctx.operationId, campaignId, maxExportRows + 1);
  if (rows.length > maxExportRows) {
    throw fail.badValue(`Campaign ${campaignId} has more than ${maxExportRows} records, more than one answer may carry: use find_record, or the native GET /v1/records (paged)`);
  }
  return rows;
}
