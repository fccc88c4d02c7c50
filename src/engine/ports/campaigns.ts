// Campaigns: created with the operation's next id, locked to change, and their dial history.
import type { CallingSchedule } from '../../domain/calling-schedule.ts';
import type { Campaign, CampaignStatus } from '../../domain/campaign.ts';

export type NewCampaign = Omit<Campaign, 'id' | 'status' | 'speed'>;

export interface CampaignChange {
  status?: CampaignStatus;
  speed?: number;
  callingSchedule?: CallingSchedule;
  oneContactPerDay?: boolean;
  /** What the last `campaign.dialling` event said (DialCampaign.notDiallingAnnounced); null forgets it. */
  notDiallingAnnounced?: string | null;
}

/** One dial attempt of a campaign record, as the detail report lists it. */
export interface CampaignAttempt {
  connId: string;
  customerId: string | null;
  customerName: string | null;
  phone: string;
  result: string | null;
  agentId: string | null;
  placedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  codAct: string | null;
  codAct2: string | null;
  comments: string | null;
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
  /** Dial attempts placed in [from, to], oldest first, at most `limit`. */
  attempts(operationId: string, campaignId: string, from: number, to: number, limit: number): Promise<CampaignAttempt[]>;
}
