// edit_campaign (the official collection's "17. Editar campaña"): a campaign's name, description,
// editing by agents, calling window, skill and extra-field titles, each optional; answers the
// campaign as it is after. Its type stays what it is (a predictive campaign does not become a
// preview one: its records and history were made for that type); asking for the same type is fine.
import type { Campaign, CampaignType } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { campaignEvent, lockCampaign } from './load.ts';

export interface CampaignEdit {
  name?: string;
  description?: string;
  type?: CampaignType;
  enableEdition?: boolean;
  /** `HH:MM:SS`; null clears it. */
  startTime?: string | null;
  endTime?: string | null;
  skillId?: number | null;
  /** Titles of the extra fields to set (opt1…opt12); an empty title removes one. */
  optTitles?: Record<string, string>;
}

export async function editCampaign(tx: Tx, ctx: RequestContext, campaignId: string, edit: CampaignEdit): Promise<Campaign> {
  const campaign = await lockCampaign(tx, ctx, campaignId);
  if (edit.type !== undefined && edit.type !== campaign.type) {
    throw fail.campaignConflict(`Campaign ${campaignId} is a ${campaign.type} campaign: its type does not change`);
  }
  const startTime = edit.startTime === undefined ? campaign.startTime : edit.startTime;
  const endTime = edit.endTime === undefined ? campaign.endTime : edit.endTime;
  if (startTime !== null && endTime !== null && startTime >= endTime) {
    throw fail.parameterRequired('end_time', `the calling window must end after it starts (${startTime})`);
  }
  const optTitles = edit.optTitles === undefined ? undefined
    : Object.fromEntries(Object.entries({ ...campaign.optTitles, ...edit.optTitles }).filter(([, title]) => title !== ''));
  const change = {
    name: edit.name, description: edit.description, enableEdition: edit.enableEdition, startTime: edit.startTime,
    endTime: edit.endTime, skillId: edit.skillId, optTitles,
  };
  await tx.campaigns.update(ctx.operationId, campaignId, change);
  const after: Campaign = {
    ...campaign, name: edit.name ?? campaign.name, description: edit.description ?? campaign.description,
    enableEdition: edit.enableEdition ?? campaign.enableEdition, startTime, endTime,
    skillId: edit.skillId === undefined ? campaign.skillId : edit.skillId, optTitles: optTitles ?? campaign.optTitles,
  };
  await campaignEvent(tx, ctx, campaignId, 'campaign.edited', {
    name: after.name, description: after.description, enable_edition: after.enableEdition, start_time: after.startTime,
    end_time: after.endTime, skill_id: after.skillId, opt_titles: after.optTitles,
  });
  return after;
}
