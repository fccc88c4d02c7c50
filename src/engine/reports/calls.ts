// The calls placed over a range (wolkvox's cdr_1: those an agent talked on; cdr_5: the others;
// campaign_3: a campaign's attempts; GET /v1/reports/calls), and the counts of the campaign
// reports (cdr_6, campaign_1, campaign_2, campaign_4), and the preview detail (campaign_5).
import { checkRows, maxReportRows } from '../../domain/reports.ts';
import type { RequestContext } from '../deps.ts';
import type { CallQuery, ReportCall, Tally } from '../ports/reports.ts';
import type { Tx } from '../ports/store.ts';
import { readCampaign } from '../campaign/load.ts';

export type CallsFilter = Omit<CallQuery, 'from' | 'to' | 'limit'>;

export interface CallsReport {
  timeZone: string;
  calls: ReportCall[];
}

/** A campaign named by a report must exist (404 otherwise); null is every campaign. */
async function campaignOf(tx: Tx, ctx: RequestContext, campaignId: string | null | undefined): Promise<void> {
  if (campaignId !== null && campaignId !== undefined) await readCampaign(tx, ctx, campaignId);
}

export async function callsReport(tx: Tx, ctx: RequestContext, range: { from: number; to: number }, filter: CallsFilter): Promise<CallsReport> {
  await campaignOf(tx, ctx, filter.campaignId);
  const query = { ...filter, ...range, limit: maxReportRows + 1 };
  checkRows(await tx.reports.countCalls(ctx.operationId, query));
  return { timeZone: ctx.timeZone, calls: await tx.reports.calls(ctx.operationId, query) };
}

/** What a tally counts: the dialer's attempts by result, or the records they tried by their last result or disposition. */
export const tallyKinds = ['attempt-results', 'record-results', 'record-dispositions', 'unconnected-results'] as const;
export type TallyKind = (typeof tallyKinds)[number];

export async function tallyReport(tx: Tx, ctx: RequestContext, range: { from: number; to: number }, kind: TallyKind, campaignId: string | null): Promise<Tally[]> {
  await campaignOf(tx, ctx, campaignId);
  const { operationId } = ctx;
  if (kind === 'attempt-results') return tx.reports.attemptResults(operationId, campaignId, range.from, range.to);
  if (kind === 'record-results') return tx.reports.recordOutcomes(operationId, campaignId, range.from, range.to, 'result');
  if (kind === 'record-dispositions') return tx.reports.recordOutcomes(operationId, campaignId, range.from, range.to, 'disposition');
  return tx.reports.unconnectedResults(operationId, range.from, range.to);
}

export interface PreviewReport {
  timeZone: string;
  previews: Awaited<ReturnType<Tx['reports']['previews']>>;
  /** The calls placed for records of preview campaigns. */
  calls: ReportCall[];
}

export async function previewReport(tx: Tx, ctx: RequestContext, range: { from: number; to: number }, campaignId: string | null): Promise<PreviewReport> {
  await campaignOf(tx, ctx, campaignId);
  const previews = await tx.reports.previews(ctx.operationId, campaignId, range.from, range.to, maxReportRows + 1);
  const calls = (await tx.reports.calls(ctx.operationId, { ...range, ...(campaignId === null ? {} : { campaignId }), limit: maxReportRows + 1 }))
    .filter((c) => c.campaignType === 'preview');
  checkRows(previews.length + calls.length);
  return { timeZone: ctx.timeZone, previews, calls };
}
