// Shared steps of the campaign use cases: find the campaign (checking the type the caller named),
// find one of its records, and record what happened.
import type { Campaign, CampaignRecord, CampaignType } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { RecordKey } from '../ports/records.ts';
import type { Tx } from '../ports/store.ts';

function checked(campaign: Campaign | undefined, campaignId: string, type: CampaignType | undefined): Campaign {
  if (!campaign) throw fail.campaignNotFound(campaignId);
  if (type !== undefined && type !== campaign.type) {
    throw fail.campaignConflict(`Campaign ${campaignId} is a ${campaign.type} campaign, not ${type}`);
  }
  return campaign;
}

/** The campaign, locked for a change; a `type_campaign` that contradicts it is a 409 naming the real type. */
export async function lockCampaign(tx: Tx, ctx: RequestContext, campaignId: string, type?: CampaignType): Promise<Campaign> {
  return checked(await tx.campaigns.lock(ctx.operationId, campaignId), campaignId, type);
}

/** The campaign, held against deletion while records are loaded into it (loads do not wait on each other). */
export async function shareCampaign(tx: Tx, ctx: RequestContext, campaignId: string, type?: CampaignType): Promise<Campaign> {
  return checked(await tx.campaigns.share(ctx.operationId, campaignId), campaignId, type);
}

/** The campaign for a read: not locked, so reports never wait on the dialer or on changes. */
export async function readCampaign(tx: Tx, ctx: RequestContext, campaignId: string, type?: CampaignType): Promise<Campaign> {
  return checked(await tx.campaigns.get(ctx.operationId, campaignId), campaignId, type);
}

export function recordKey(ctx: RequestContext, campaignId: string, customerId: string): RecordKey {
  return { operationId: ctx.operationId, campaignId, customerId };
}

export async function lockRecord(tx: Tx, ctx: RequestContext, campaignId: string, customerId: string): Promise<CampaignRecord> {
  const record = await tx.records.lock(recordKey(ctx, campaignId, customerId));
  if (!record) throw fail.recordNotFound(campaignId, customerId);
  return record;
}

export function campaignEvent(tx: Tx, ctx: RequestContext, campaignId: string, type: string, data: Record<string, unknown> = {}): Promise<void> {
  return tx.events.append({ operationId: ctx.operationId, at: ctx.now, type, campaignId, data });
}
