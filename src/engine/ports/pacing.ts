// What the dialer keeps in the store to pace each campaign from one process at a time: the pacing
// leases (owner, expiry), the campaign's past calls its strategy is rebuilt from, and the channel
// its outcomes travel on to the process that paces it (transactional: sent only if the
// transaction commits).
import type { PastAcwEnd, PastCall } from '../../domain/pacing/history.ts';
import type { PacingEvent } from '../../domain/pacing/strategy.ts';

export interface CampaignKey {
  operationId: string;
  campaignId: string;
}

/** A started predictive campaign with its live owner (null: no unexpired lease). */
export interface LeaseState extends CampaignKey {
  owner: string | null;
}

/** A message between processes about pacing: an outcome for the campaign's owner, or a wake-up. */
export type PacingMessage =
  | { kind: 'outcome'; operationId: string; campaignId: string; callId: string; event: PacingEvent }
  | { kind: 'wake' };

export interface PacingRepo {
  /** The started predictive campaigns with their live owners, and the processes alive: those that beat after `aliveSince` (pacer_processes). */
  survey(now: number, aliveSince: number): Promise<{ leases: LeaseState[]; processes: number }>;
  /** Deletes the leases of campaigns that are no longer started predictive campaigns. */
  forgetStopped(): Promise<void>;
  /** Takes the campaign's lease until `until` if it is free (or already `owner`'s); whether it did. */
  take(key: CampaignKey, owner: string, now: number, until: number): Promise<boolean>;
  /** Extends every lease `owner` still holds; the campaigns it holds. */
  renew(owner: string, until: number): Promise<CampaignKey[]>;
  /** Gives leases back at once (all of `owner`'s when `keys` is omitted). */
  release(owner: string, now: number, keys?: readonly CampaignKey[]): Promise<void>;
  /** Gives every lease back, whoever holds it (a lone process at start: the holders are gone). */
  releaseAll(now: number): Promise<void>;
  /**
   * The lease when `owner` holds it now, locked for share so no other process takes it while this
   * transaction paces; `since`: when the campaign was first paced after it was started.
   */
  held(key: CampaignKey, owner: string, now: number): Promise<{ since: number } | undefined>;
  /**
   * Waits until no other transaction paces a campaign of the operation, and holds that until this
   * one ends: campaigns sharing agents may be paced by different processes, and each decision must
   * count the calls the other placed (one decision per operation at a time, across processes).
   */
  serialize(operationId: string): Promise<void>;
  /** The dialer's calls of the campaign placed in [from, to), and their agents' ends of after-call work after `from`. */
  history(key: CampaignKey, from: number, to: number): Promise<{ calls: PastCall[]; acwEnds: PastAcwEnd[] }>;
  /** Sends a message to the other processes if this transaction commits (nothing with a single process). */
  publish(message: PacingMessage): Promise<void>;
}

/** The other processes' pacing messages, as a process hears them (PostgreSQL LISTEN). */
export interface PacingChannel {
  /** Messages of the other processes (never this one's own). */
  listen(listener: (message: PacingMessage) => void): void;
  /** Messages may have been missed (the connection was lost and is back). */
  onGap(listener: () => void): void;
  /** Asks the other processes to look at their campaigns soon (sent at most every 100 ms). */
  wake(): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}
