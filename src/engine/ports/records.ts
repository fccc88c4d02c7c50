// A campaign's customer records: loaded in bulk, found, changed one by one, and their attempts.
import type { CallResult } from '../../domain/call-state.ts';
import type { CampaignRecord, RecordInput } from '../../domain/campaign.ts';
import type { RecordStatus } from '../../domain/record-result.ts';
import type { LastCall } from './campaigns.ts';

export interface RecordKey {
  operationId: string;
  campaignId: string;
  customerId: string;
}

export interface RecordQuery {
  operationId: string;
  campaignId?: string;
  customerId?: string;
  phone?: string;
}

/** Records by their last result, or by the disposition (of the record, or of its last call) of one group. */
export type RecordMatch = { result: string } | { codAct: string; group: 1 | 2 };

/** What the result of an attempt needs of its record: its attempts and zone, and its campaign's rules for attempts. */
export interface AttemptRecord { attempts: number; timeZone: string; maxAttempts: number; oneContactPerDay: boolean }

export interface RecordRepo {
  /**
   * Inserts new records and replaces the fields and phones of existing ones (status and history
   * kept, except that a new recall date reopens a closed record).
   */
  upsert(operationId: string, campaignId: string, records: readonly RecordInput[], now: number): Promise<{ added: number; updated: number }>;
  lock(key: RecordKey): Promise<CampaignRecord | undefined>;
  update(key: RecordKey, change: Partial<Pick<CampaignRecord, 'status' | 'recallDate' | 'recallTelephone' | 'codAct' | 'codAct2' | 'comment' | 'nextAttemptAt'>>): Promise<void>;
  remove(key: RecordKey): Promise<void>;
  /**
   * Makes the matching records of a campaign new again (fresh, no attempts, no last result, no
   * next attempt), except those on a call; returns how many.
   */
  reopen(operationId: string, campaignId: string, match: RecordMatch): Promise<number>;
  /** Gives the record a customer_name when it has none (an empty one counts as none). */
  nameIfUnnamed(key: RecordKey, name: string): Promise<void>;
  /**
   * Deletes the campaign's records (only those whose last result is `result`, if given) and cancels
   * their open campaign callbacks; returns how many records.
   */
  clear(operationId: string, campaignId: string, result?: string): Promise<number>;
  find(query: RecordQuery, limit: number): Promise<CampaignRecord[]>;
  /** The last call of each record (null: never called), in the order of `keys`. */
  lastCalls(keys: readonly RecordKey[]): Promise<(LastCall | null)[]>;
  /** Whether a call to this record is still up. */
  hasLiveCall(key: RecordKey): Promise<boolean>;
  /** Deletes the record's attempts from the call history, except answered ones (wolkvox remove_record). */
  removeHistory(key: RecordKey): Promise<void>;
  /** Marks a record dialing for a campaign recall and counts the attempt; its attempts after, if it exists. */
  startAttempt(key: RecordKey, now: number): Promise<number | undefined>;
  /** A record, locked, for the result of an attempt. */
  lockAttempts(key: RecordKey): Promise<AttemptRecord | undefined>;

  saveResult(key: RecordKey, result: CallResult, status: RecordStatus, nextAttemptAt: number | null): Promise<void>;
}
