// A campaign's compliance settings: its weekly calling schedule (with the holiday calendar) and
// the option of at most one contact per record per day. Either may be changed alone; the change
// applies to the next pacing decision, on a started campaign too.
import { callingScheduleToJson, parseCallingSchedule, type CallingSchedule } from '../../domain/calling-schedule.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { campaignEvent } from './load.ts';

export interface ComplianceChange {
  /** The schedule as JSON: `{"mon": ["07:00-19:00"], …, "sun": [], "holidays": "CO"}`. */
  callingSchedule?: unknown;
  oneContactPerDay?: boolean;
}

/** Reads a schedule given as JSON; a bad one is a 400 naming what is wrong. */
export function readCallingSchedule(json: unknown): CallingSchedule {
  const check = parseCallingSchedule(json);
  if (!check.ok) throw fail.badValue(`calling_schedule: ${check.reason}`);
  return check.schedule;
}

/** Saves the change; the caller holds the campaign's lock (changeCampaign). */
export async function setCompliance(tx: Tx, ctx: RequestContext, campaignId: string, change: ComplianceChange): Promise<void> {
  const callingSchedule = change.callingSchedule === undefined ? undefined : readCallingSchedule(change.callingSchedule);
  await tx.campaigns.update(ctx.operationId, campaignId, { callingSchedule, oneContactPerDay: change.oneContactPerDay });
  await campaignEvent(tx, ctx, campaignId, 'campaign.compliance', {
    ...(callingSchedule ? { calling_schedule: callingScheduleToJson(callingSchedule) } : {}),
    ...(change.oneContactPerDay === undefined ? {} : { one_contact_per_day: change.oneContactPerDay }),
  });
}
