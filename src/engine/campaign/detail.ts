// detail: the dial attempts of a campaign placed in a date range of at most 31 days.
import { maxDetailRangeMs, type CampaignType } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { CampaignAttempt } from '../ports/campaigns.ts';
import type { Tx } from '../ports/store.ts';
import { readCampaign } from './load.ts';

/** A report larger than this asks for a narrower range. */
export const maxDetailRows = 50_000;

export async function campaignDetail(tx: Tx, ctx: RequestContext, campaignId: string, from: number, to: number, type?: CampaignType): Promise<CampaignAttempt[]> {
  if (to < from) throw fail.parameterRequired('date_end', 'it is before date_ini');
  if (to - from > maxDetailRangeMs) throw fail.parameterRequired('date_end', 'the range from date_ini may be at most 31 days');
  await readCampaign(tx, ctx, campaignId, type);
  const rows = await tx.campaigns.attempts(ctx.operationId, campaignId, from, to, maxDetailRows + 1);
  if (rows.length > maxDetailRows) {
    throw fail.badValue(`More than ${maxDetailRows} attempts between date_ini and date_end: ask for a shorter range`);
  }
  return rows;
}
