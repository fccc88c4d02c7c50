// add_record: loads up to 10,000 records into a campaign. Each row is checked on its own; good
// rows are kept even when others are rejected, and the answer says which were rejected and why.
// A customer_id already in the campaign updates that record (fields and phones; its status and
// attempts stay, except that a new recall_date reopens it as the recall api does); a customer_id
// repeated within one request is rejected after its first row.
import { checkRecord, maxRecordsPerCall, type CampaignType, type RecordInput } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { campaignEvent, lockCampaign, shareCampaign } from './load.ts';

export interface RejectedRow {
  index: number;
  customerId: string | null;
  reason: string;
}

export interface AddRecordsReport {
  sent: number;
  added: number;
  updated: number;
  rejected: RejectedRow[];
}

function customerIdOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as Record<string, unknown>).customer_id;
  return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 64) : null;
}

export async function addRecords(tx: Tx, ctx: RequestContext, campaignId: string, rows: readonly unknown[], type?: CampaignType): Promise<AddRecordsReport> {
  if (rows.length > maxRecordsPerCall) {
    throw fail.payloadTooLarge(`add_record takes at most ${maxRecordsPerCall} records per call; this request has ${rows.length}`);
  }
  if (rows.length === 0) throw fail.parameterRequired('records', 'expected a JSON array of 1 to 10000 records');
  // A load with recalls changes callbacks too: it takes the campaign lock, the order of the dialer
  // and of callback changes (campaign, then callbacks and records), so none of them deadlock. A
  // plain load only holds the campaign against deletion and runs beside them.
  const withRecalls = rows.some((raw) => typeof raw === 'object' && raw !== null && !['', null, undefined].includes((raw as Record<string, unknown>).recall_date as string));
  const campaign = await (withRecalls ? lockCampaign : shareCampaign)(tx, ctx, campaignId, type);
  const accepted: RecordInput[] = [];
  const rejected: RejectedRow[] = [];
  const firstRow = new Map<string, number>();
  for (const [index, raw] of rows.entries()) {
    const check = checkRecord(raw, ctx.timeZone, ctx.now);
    if (!check.ok) {
      rejected.push({ index, customerId: customerIdOf(raw), reason: check.reason });
      continue;
    }
    const { record } = check;
    const earlier = firstRow.get(record.customerId);
    const reason = earlier !== undefined ? `customer_id ${record.customerId} repeats row ${earlier} of this request`
      : record.recallDate !== null && campaign.type === 'preview' ? 'recall_date is only for predictive campaigns'
        : undefined;
    if (reason !== undefined) {
      rejected.push({ index, customerId: record.customerId, reason });
      continue;
    }
    firstRow.set(record.customerId, index);
    accepted.push(record);
  }
  if (accepted.length === 0) {
    const first = rejected[0];
    throw fail.badValue(`No record was added: all ${rows.length} rows were rejected${first ? `; row ${first.index}: ${first.reason}` : ''}`);
  }
  // In customer_id order: concurrent loads then lock shared records in one order and cannot deadlock.
  accepted.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  const { added, updated } = await tx.records.upsert(ctx.operationId, campaignId, accepted, ctx.now);
  // A recall_date given at load time is a campaign callback like one set by the recall api.
  const recalls = accepted.flatMap((r) => (r.recallDate === null ? []
    : [{ customerId: r.customerId, phone: r.recallTelephone ?? r.phones[0] ?? '', dueAt: r.recallDate }]));
  if (recalls.length > 0) await tx.callbacks.scheduleRecalls(ctx.operationId, campaignId, recalls, ctx.now);
  await campaignEvent(tx, ctx, campaignId, 'campaign.records_added', { added, updated, rejected: rejected.length });
  return { sent: rows.length, added, updated, rejected };
}
