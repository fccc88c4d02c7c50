// Campaigns: created with the operation's next id, locked to change, and their dial history.
import type { CallingSchedule } from '../../domain/calling-schedule.ts';
import type { Campaign, CampaignRecord, CampaignStatus } from '../../domain/campaign.ts';

export type NewCampaign = Omit<Campaign, 'id' | 'status' | 'speed'>;

export interface CampaignChange {
  status?: CampaignStatus;
  speed?: number;
  callingSchedule?: CallingSchedule;
  oneContactPerDay?: boolean;
  /** What the last `campaign.dialling` event said (DialCampaign.notDiallingAnnounced); null forgets it. */
  notDiallingAnnounced?: string | null;
  name?: string;
  description?: string;
  startTime?: string | null;
  endTime?: string | null;
  skillId?: number | null;
  enableEdition?: boolean;
  /** Replaces the titles of the extra fields (opt1…opt12). */
  optTitles?: Record<string, string>;
}

/** A record's last call, as campaign.php reports it (find_record, detail). */
export interface LastCall {
  connId: string;
  placedAt: number;
  agentId: string | null;
  phone: string;
  result: string | null;
  codAct: string | null;
  codAct2: string | null;
  comments: string | null;
}

/**
 * A record managed in a date range, as detail lists it: its last call in the range, or (none)
 * its codification from outside in the range; and the record as it is now, if it still exists.
 */
export interface ManagedRecord {
  customerId: string;
  /** When it was last managed in the range: its last call there, else its codification. */
  managedAt: number;
  lastCall: LastCall | null;
  /** The customer's name its last call was placed with (all that is known of a record removed since). */
  customerName: string | null;
  record: CampaignRecord | null;
  /** Callbacks ever scheduled for the record, of agents or of the campaign (wolkvox recall_count). */
  recalls: number;
  /** When its earliest open callback (an agent's or the campaign's) is due, if it has one. */
  nextRecallAt: number | null;
}

/** A record of a campaign as its export (campaign_15) tells it. */
export interface ExportedRecord {
  record: CampaignRecord;
  lastCall: LastCall | null;
  /** The names of its codes (group 1, group 2): its last call's disposition, else the record's. */
  codeNames: readonly [string | null, string | null];
  /** Callbacks ever scheduled for it. */
  recalls: number;
  /** Its next open callback, if any. */
  nextRecall: { dueAt: number; phone: string } | null;
  /** Every call to it, oldest first. */
  history: { placedAt: number; result: string | null; phone: string }[];
}

export interface CampaignRepo {
  /** Inserts with the operation's next campaign id (max + 1, serialized per operation). */
  create(campaign: NewCampaign, now: number): Promise<string>;
  /** Reads a campaign without locking it (reports and lookups). */
  get(operationId: string, campaignId: string): Promise<Campaign | undefined>;
  /** Loads a campaign and locks it until the transaction ends. */
  lock(operationId: string, campaignId: string): Promise<Campaign | undefined>;
  /** The campaign, held against deletion only: record loads run side by side with each other and with the dialer. */
  share(operationId: string, campaignId: string): Promise<Campaign | undefined>;
  update(operationId: string, campaignId: string, change: CampaignChange): Promise<void>;
  /** Deletes the campaign and, with it, its records. */
  remove(operationId: string, campaignId: string): Promise<void>;
  /**
   * The records managed in [from, to] (a call placed, or with `codified`, a codification from
   * outside), in the order they were last managed there, at most `limit`.
   */
  managedRecords(operationId: string, campaignId: string, from: number, to: number, codified: boolean, limit: number): Promise<ManagedRecord[]>;
  /** Every record of the campaign in load order, at most `limit`, as its export tells it. */
  exportRecords(operationId: string, campaignId: string, limit: number): Promise<ExportedRecord[]>;
}
