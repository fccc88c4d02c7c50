// create_campaign: a new campaign of the operation, stopped, with the next campaign id. Its
// compliance settings default to the Colombian calling schedule and no limit on contacts per day.
import { defaultCallingSchedule } from '../../domain/calling-schedule.ts';
import type { CampaignType } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { readCallingSchedule } from './compliance.ts';
import { campaignEvent } from './load.ts';

export interface CreateCampaign {
  type: CampaignType;
  name: string;
  description: string;
  startTime: string | null;
  endTime: string | null;
  skillId: number | null;
  optTitles: Record<string, string>;
  enableEdition: boolean;
  /** When its records may be called, in their local time, as JSON (see ComplianceChange); default: defaultCallingSchedule. */
  callingSchedule?: unknown;
  /** At most one contact per record per local day; default false. */
  oneContactPerDay?: boolean;
}

export async function createCampaign(tx: Tx, ctx: RequestContext, req: CreateCampaign): Promise<{ campaignId: string }> {
  if (req.startTime !== null && req.endTime !== null && req.startTime >= req.endTime) {
    throw fail.parameterRequired('end_time', `the calling window must end after it starts (${req.startTime})`);
  }
  const campaignId = await tx.campaigns.create({
    operationId: ctx.operationId, name: req.name, description: req.description, type: req.type,
    // A preview campaign is dialled by its agents; a predictive one starts in predictive mode.
    dialMode: req.type === 'preview' ? 'preview' : 'predictive', skillId: req.skillId, startTime: req.startTime,
    endTime: req.endTime, enableEdition: req.enableEdition, optTitles: req.optTitles,
    callingSchedule: req.callingSchedule === undefined ? defaultCallingSchedule : readCallingSchedule(req.callingSchedule), oneContactPerDay: req.oneContactPerDay ?? false,
  }, ctx.now);
  await campaignEvent(tx, ctx, campaignId, 'campaign.created', { name: req.name, type: req.type });
  return { campaignId };
}
