// find_record: a customer's records by customer_id or phone, in one campaign or in all of them.
import type { CampaignRecord } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { readCampaign } from './load.ts';

/** More matches than this means the search is too broad to be a lookup. */
export const maxFound = 100;

export interface RecordSearch {
  campaignId?: string;
  customerId?: string;
  phone?: string;
}

export async function findRecords(tx: Tx, ctx: RequestContext, search: RecordSearch): Promise<CampaignRecord[]> {
  if (search.customerId === undefined && search.phone === undefined) {
    throw fail.parameterRequired('customer_id', 'or customer_phone: give one of them');
  }
  if (search.campaignId !== undefined) await readCampaign(tx, ctx, search.campaignId);
  const found = await tx.records.find({ operationId: ctx.operationId, ...search }, maxFound);
  if (found.length === 0) {
    const what = [search.customerId && `customer_id ${search.customerId}`, search.phone && `phone ${search.phone}`].filter(Boolean).join(' and ');
    const where = search.campaignId === undefined ? 'any campaign' : `campaign_id ${search.campaignId}`;
    throw fail.noRecordFound(`No record with ${what} in ${where}`);
  }
  return found;
}
