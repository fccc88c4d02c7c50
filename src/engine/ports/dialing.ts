// What the dialer reads to pace a campaign, and how it claims the records to call; and the
// preview campaigns' side of it: which an agent works, and the record held for that agent.
import type { AgentState } from '../../domain/agent-state.ts';
import type { InFlightState } from '../../domain/call-state.ts';
import type { CallingSchedule } from '../../domain/calling-schedule.ts';
import type { OutboundPolicy } from '../../domain/outbound-number.ts';

/** A started campaign as the dialer sees it. */
export interface DialCampaign {
  operationId: string;
  id: string;
  type: string;
  dialMode: string;
  skillId: number | null;
  maxAttempts: number;
  /** 0–100: how much of the abandon ceiling a predictive strategy may use. */
  speed: number;
  /** The daily window (time of day in the record's zone); null: open on that side. */
  startTime: string | null;
  endTime: string | null;
  /** The weekly schedule with its holidays, in the record's zone. */
  callingSchedule: CallingSchedule;
  oneContactPerDay: boolean;
  /** The operation's zone. */
  timeZone: string;
  /** The operation's outbound-number policy. */
  outboundPolicy: OutboundPolicy;
  /**
   * The reasons for not dialling the last `campaign.dialling` event gave, as `reasonsKey` writes
   * them ('' dialling); null: none given since the campaign was last started or stopped.
   */
  notDiallingAnnounced: string | null;
}

/** A record claimed for one attempt: its status is already `dialing`, its attempts counted. */
export interface ClaimedRecord {
  operationId: string;
  campaignId: string;
  customerId: string;
  customerName: string | null;
  phone: string;
  attempts: number;
}

/** A record's preview hold: held for `agentId` until `until`, or (agentId null) skipped until then. */
export interface PreviewHold {
  campaignId: string;
  customerId: string;
  agentId: string | null;
  until: number;
}

export interface DialingRepo {
  /** Started campaigns of every operation. */
  startedCampaigns(): Promise<DialCampaign[]>;
  /** Locks a started campaign for one pacing decision; undefined if stopped or held by another process. */
  lockStarted(operationId: string, campaignId: string): Promise<DialCampaign | undefined>;
  campaign(operationId: string, campaignId: string): Promise<DialCampaign | undefined>;
  /** Logged-in agents of the operation, or of one skill; `nextState`: a status change deferred until their call and ACW end. */
  agents(operationId: string, skillId: number | null): Promise<{ id: string; state: AgentState; stateSince: number; nextState: AgentState | null }[]>;
  /** Calls of these campaigns in flight: placed and not yet connected nor ended (ringing, or answered and waiting for an agent). */
  callsInFlight(operationId: string, campaignIds: readonly string[]): Promise<{ state: InFlightState; placedAt: number }[]>;
  /** The campaign's calls answered and waiting for an agent, the longest waiting first. */
  waitingCalls(operationId: string, campaignId: string): Promise<string[]>;
  /** The distinct time zones of the campaign's records (and perhaps a few no record uses any more). */
  timeZones(operationId: string, campaignId: string): Promise<string[]>;
  /**
   * Claims up to `limit` records in one of `timeZones`: due for a retry first (by due time), then
   * never tried, in load order.
   */
  claimRecords(campaign: DialCampaign, now: number, limit: number, timeZones: readonly string[]): Promise<ClaimedRecord[]>;
  /** The next time after `now` a campaign recall of a started campaign falls due, if any. */
  nextCampaignRecall(now: number): Promise<number | undefined>;
  /** Started preview campaigns the agent works (those without a skill, or with one of its skills), by id. */
  previewCampaigns(operationId: string, agentId: string): Promise<(DialCampaign & { name: string })[]>;
  /** The hold of the agent that lasts past `now`, if any (its record may since have been dialled or closed). */
  heldBy(operationId: string, agentId: string, now: number): Promise<PreviewHold | undefined>;
  /**
   * Locks the campaign's first record that may be offered now in one of `timeZones` (fresh, due
   * or never tried, attempts left, no hold past `now`): due retries first by due time, then never
   * tried, in load order; skips records another transaction holds locked. Its customer_id.
   */
  pickPreview(campaign: DialCampaign, now: number, timeZones: readonly string[]): Promise<string | undefined>;
  /** The hold on a record, locked. */
  lockHold(key: { operationId: string; campaignId: string; customerId: string }): Promise<PreviewHold | undefined>;
  /** Holds the record for `agentId` (or sets it aside: null) until `until`, ending any other hold of that agent. */
  hold(key: { operationId: string; campaignId: string; customerId: string }, agentId: string | null, until: number): Promise<void>;
  /** Ends the record's hold (it is being dialled). */
  release(key: { operationId: string; campaignId: string; customerId: string }): Promise<void>;
  /**
   * For each of `timeZones`: whether the campaign has records there the dialer will still call, and
   * whether one of them is due now (a few index probes per zone, nothing counted).
   */
  recordsPresent(operationId: string, campaignId: string, timeZones: readonly string[], now: number): Promise<{ timeZone: string; pending: boolean; due: boolean }[]>;
}
