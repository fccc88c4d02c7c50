// detail: the records of a campaign managed in a date range of at most 31 days, each with its last
// call in the range (wolkvox: "only the calls that were managed", one row per record); with
// `codified`, also the records closed from outside (codify) in the range, which have no call there.
import { maxDetailRangeMs, type CampaignType } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { ManagedRecord } from '../ports/campaigns.ts';
import type { Tx } from '../ports/store.ts';
import { readCampaign } from './load.ts';

/** A report larger than this asks for a narrower range. */
export const maxDetailRows = 50_000;

export async function campaignDetail(tx: Tx, ctx: RequestContext, campaignId: string, from: number, to: number, codified: boolean, type?: CampaignType): Promise<ManagedRecord[]> {
  if (to < from) throw fail.parameterRequired('date_end', 'it is before date_ini');
  if (to - from > maxDetailRangeMs) throw fail.parameterRequired('date_end', 'the range from date_ini may be at most 31 days');
  await readCampaign(tx, ctx, campaignId, type);
  const rows = await tx.campaigns.managedRecords(ctx.operationId, campaignId, from, to, codified, maxDetailRows + 1);
  if (rows.length > maxDetailRows) {
    throw fail.badValue(`More than ${maxDetailRows} records managed between date_ini and date_end: ask for a shorter range`);
  }
  return rows;
}
