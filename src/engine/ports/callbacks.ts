// Callbacks: an agent's own (auto or manual) and campaign recalls (owned by no agent), claimed
// when due by exactly one process.
import type { Callback, RecallType } from '../../domain/callback.ts';
import type { RecordKey } from './records.ts';

/** A recall of one campaign record. */
export interface Recall {
  customerId: string;
  phone: string;
  dueAt: number;
}

export interface CallbackRepo {
  insert(callback: Omit<Callback, 'id'>): Promise<string>;
  /**
   * Schedules campaign callbacks (auto, owned by no agent), one per record, each replacing the
   * record's open campaign callback; returns their ids, in the order of `recalls`.
   */
  scheduleRecalls(operationId: string, campaignId: string, recalls: readonly Recall[], now: number): Promise<string[]>;
  /** Cancels open campaign recalls of one record, or of the whole campaign when customerId is null; returns how many. */
  cancelRecalls(operationId: string, campaignId: string, customerId: string | null): Promise<number>;
  /**
   * Claims agent-owned callbacks due at `now` that no other transaction holds: manual ones become
   * done, auto ones waiting (for their agent). Returns them as they were before the claim.
   */
  claimDue(now: number, limit: number): Promise<Callback[]>;
  /**
   * Auto callbacks waiting for an agent that can be offered now — their agent is ready, or they
   * were due before `takeoverBefore` and their operation has a ready agent — oldest first, at most
   * `perOperation` of one operation, locked; rows locked by others are skipped.
   */
  lockOfferable(takeoverBefore: number, perOperation: number, limit: number): Promise<Callback[]>;
  /** Whether auto callbacks wait for an agent, and the earliest time one of them may be taken over. */
  waiting(takeoverBefore: number, takeoverMs: number): Promise<{ any: boolean; nextTakeoverAt: number | undefined }>;
  /**
   * Due campaign recalls (no agent) of one campaign whose record is in one of `timeZones` (a recall
   * without a record counts as in its operation's zone), claimed as done; oldest first.
   */
  claimCampaignDue(operationId: string, campaignId: string, now: number, limit: number, timeZones: readonly string[]): Promise<Callback[]>;
  /** The callback was dialled as `callId`. */
  markDialled(id: string, callId: string, now: number): Promise<void>;
  /** Puts the callback dialled as `callId` back to waiting (its call was lost before anyone answered). */
  requeueByCall(callId: string): Promise<void>;
  /** The earliest due time of a pending agent-owned callback, if any. */
  nextDue(): Promise<number | undefined>;
  /** One callback of the operation, not locked. */
  get(operationId: string, id: string): Promise<Callback | undefined>;
  /** One callback of the operation, locked until the transaction ends (waits for a claim in progress). */
  lock(operationId: string, id: string): Promise<Callback | undefined>;
  /** Moves an open callback to `dueAt`: pending again, not fired. */
  reschedule(operationId: string, id: string, dueAt: number): Promise<void>;
  cancel(operationId: string, id: string): Promise<void>;
  /** The open callbacks of one campaign record owned by an agent (agentbox recalls), oldest first, locked. */
  lockOpenOfRecord(key: RecordKey): Promise<Callback[]>;
  /** Moves an open callback to another time, phone, style and agent: pending again, not fired. */
  change(operationId: string, id: string, change: { agentId: string; dueAt: number; phone: string; type: RecallType }): Promise<void>;
}
