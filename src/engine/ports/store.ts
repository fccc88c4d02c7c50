// The store port: durable state, reached inside transactions. Each repository is a small
// interface; the PostgreSQL adapter (src/adapters/store) implements all of them with one schema.
import type { Agent } from '../../domain/agent.ts';
import type { Call } from '../../domain/call.ts';
import type { Callback } from '../../domain/callback.ts';
import type { CallResult, CallState } from '../../domain/call-state.ts';
import type { AgentState } from '../../domain/agent-state.ts';
import type { RecordStatus } from '../../domain/record-result.ts';
import type { WebhookRepo } from './webhooks.ts';
import type { DncRepo } from './dnc.ts';
import type { Campaign, CampaignRecord, CampaignStatus, RecordInput } from '../../domain/campaign.ts';
import type { CallingSchedule } from '../../domain/calling-schedule.ts';

export interface Operation {
  id: string;
  name: string;
  timeZone: string;
  licenses: number;
  acwS: number;
}

export interface TokenGrant {
  tokenId: string;
  operationId: string;
  timeZone: string;
  dailyLimit: number;
}

/**
 * What a request's work reads first, read by the statement that claims the token slot: its agent,
 * locked as `agents.lock` locks it; the agent's call (its current one, else its last), locked as
 * `calls.lock` locks it, when `call` is set; and the name of an auxiliary state.
 */
export interface FirstReads {
  agentId: string;
  call?: boolean;
  auxStateId?: number;
}

export type TokenClaim =
  /**
   * `operation`: the token's operation, as `operations.get` reads it. With first reads: `agent`,
   * that agent (undefined if there is no such agent); `call`, its call (undefined if none was asked
   * or it has none); and `auxStateName`, the state's name (undefined if none was asked or there is
   * no such state).
   */
  | { kind: 'granted'; grant: TokenGrant; operation: Operation; agent?: Agent; call?: Call; auxStateName?: string }
  | { kind: 'busy' }
  | { kind: 'invalid' };

export interface TokenRepo {
  /**
   * Authenticates a token by the hash of its value and takes one of its `limit` request slots for
   * the rest of the transaction (released at commit or rollback, even if the process dies). With
   * `first`, also makes those reads in the token's operation in the same round trip; nothing is
   * locked when no slot is granted.
   */
  claim(hash: string, limit: number, quotaPerLicense: number, first?: FirstReads): Promise<TokenClaim>;
  /** Counts one use on `day`; false when the daily limit is already reached. */
  countUse(tokenId: string, day: string, dailyLimit: number): Promise<boolean>;
  create(operationId: string, hash: string, description: string, now: number): Promise<string>;
  /** Revokes a token of the operation; false if there is no such live token. */
  revoke(operationId: string, tokenId: string, now: number): Promise<boolean>;
  /** Authenticates without taking a slot (the native API and event streams). */
  authenticate(hash: string, quotaPerLicense: number): Promise<TokenGrant | undefined>;
}

export interface OperationRepo {
  get(id: string): Promise<Operation | undefined>;
  count(): Promise<number>;
  /** Inserts the operation; false when its id is taken. */
  create(op: Operation, now: number): Promise<boolean>;
  /** Loads an operation and locks it until the transaction ends. */
  lock(id: string): Promise<Operation | undefined>;
  /** Saves name, time zone, licenses and after-call-work seconds. */
  update(op: Operation): Promise<void>;
  auxStateName(operationId: string, auxId: number): Promise<string | undefined>;
  putAuxState(operationId: string, auxId: number, name: string): Promise<void>;
  activityCodeExists(operationId: string, group: 1 | 2, code: string): Promise<boolean>;
  putActivityCode(operationId: string, group: 1 | 2, code: string, name: string): Promise<void>;
  putSkill(operationId: string, skillId: number, name: string): Promise<void>;
  /** Those of `skillIds` that are skills of the operation. */
  existingSkills(operationId: string, skillIds: readonly number[]): Promise<number[]>;
}

export interface AgentRepo {
  /** Loads an agent and locks it until the transaction ends. */
  lock(operationId: string, agentId: string): Promise<Agent | undefined>;
  /**
   * Saves the agent and, when given, appends `event` in the same statement. The write may leave
   * with the transaction's next statement or its commit (no round trip of its own); if it fails,
   * that statement fails with its error and nothing is committed.
   */
  save(agent: Agent, event?: EventInput): Promise<void>;
  /** Inserts the agent; false when one with its id exists. */
  create(agent: Agent): Promise<boolean>;
  /** Deletes the agent (its skills with it) and cancels its open callbacks; returns them as they were. */
  remove(operationId: string, agentId: string): Promise<Callback[]>;
  /** The ready agent that has waited longest, locked; agents locked by others are skipped. */
  lockLongestReady(operationId: string, among?: readonly string[]): Promise<Agent | undefined>;
  /** Replaces the agent's skills. */
  setSkills(operationId: string, agentId: string, skillIds: readonly number[]): Promise<void>;
}

export interface CallRepo {
  insert(call: Call): Promise<void>;
  lock(callId: string): Promise<Call | undefined>;
  save(call: Call): Promise<void>;
}

export interface EventInput {
  operationId: string;
  at: number;
  type: string;
  agentId?: string | null;
  campaignId?: string | null;
  callId?: string | null;
  data?: Record<string, unknown>;
}

export interface StoredEvent {
  /** Gapless and increasing within the operation; the SSE id and the cursor of the event log. */
  seq: number;
  operationId: string;
  at: number;
  type: string;
  agentId: string | null;
  campaignId: string | null;
  callId: string | null;
  data: Record<string, unknown>;
}

export interface EventQuery {
  operationId: string;
  afterSeq: number;
  limit: number;
  agentId?: string;
  campaignId?: string;
  /** Exact types (`call.ended`) or prefixes ending in a dot (`call.`). */
  types?: string[];
}

export interface EventRepo {
  append(event: EventInput): Promise<void>;
  /**
   * Numbers the committed events that have no number yet, after every number given before;
   * returns how many. Readers call it before they read, so a late commit is never skipped.
   */
  sequence(): Promise<number>;
  list(query: EventQuery): Promise<StoredEvent[]>;
}

export interface CallbackRepo {
  insert(callback: Omit<Callback, 'id'>): Promise<string>;
  /**
   * Claims agent-owned callbacks due at `now` that no other transaction holds: manual ones become
   * done, auto ones waiting (for their agent). Returns them as they were before the claim.
   */
  claimDue(now: number, limit: number): Promise<Callback[]>;
  /** Auto callbacks waiting for an agent, oldest first, locked; rows locked by others are skipped. */
  lockWaiting(limit: number): Promise<Callback[]>;
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
}

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


export interface DialingRepo {
  /** Started campaigns of every operation. */
  startedCampaigns(): Promise<DialCampaign[]>;
  /** Locks a started campaign for one pacing decision; undefined if stopped or held by another process. */
  lockStarted(operationId: string, campaignId: string): Promise<DialCampaign | undefined>;
  campaign(operationId: string, campaignId: string): Promise<DialCampaign | undefined>;
  /** Logged-in agents of the operation, or of one skill. */
  agents(operationId: string, skillId: number | null): Promise<{ id: string; state: AgentState; stateSince: number }[]>;
  /** Calls of these campaigns not yet ended. */
  liveCalls(operationId: string, campaignIds: readonly string[]): Promise<{ id: string; state: CallState; placedAt: number; answeredAt: number | null }[]>;
  /** The distinct time zones of the campaign's records (and perhaps a few no record uses any more). */
  timeZones(operationId: string, campaignId: string): Promise<string[]>;
  /**
   * Claims up to `limit` records in one of `timeZones`: due for a retry first (by due time), then
   * never tried, in load order.
   */
  claimRecords(campaign: DialCampaign, now: number, limit: number, timeZones: readonly string[]): Promise<ClaimedRecord[]>;
  /** Marks a record dialing for a campaign recall and counts the attempt; its attempts after, if it exists. */
  startAttempt(key: RecordKey, now: number): Promise<number | undefined>;
  /** A record's attempts and zone, locked, for the result of an attempt. */
  lockAttempts(key: RecordKey): Promise<{ attempts: number; timeZone: string } | undefined>;
  saveResult(key: RecordKey, result: CallResult, status: RecordStatus, nextAttemptAt: number | null): Promise<void>;
  /** Records which process placed a live call (restart recovery). */
  ownCall(callId: string, processId: string): Promise<void>;
  /** The next time after `now` a campaign recall of a started campaign falls due, if any. */
  nextCampaignRecall(now: number): Promise<number | undefined>;
}

export interface RecoveryRepo {
  /** Registers a running process, or refreshes its heartbeat. */
  heartbeat(processId: string, now: number): Promise<void>;
  forget(processId: string): Promise<void>;
  /**
   * Live calls left by processes that have not beaten since `aliveSince`. A call with no recorded
   * process (a transfer leg) counts as orphaned only when no other process is alive.
   */
  orphanCalls(aliveSince: number, self: string): Promise<string[]>;
  /** Agents in after-call work, every operation, with when it started and how long it lasts. */
  agentsInAcw(): Promise<{ operationId: string; id: string; since: number; acwS: number }[]>;
}

export type NewCampaign = Omit<Campaign, 'id' | 'status' | 'speed'>;

export interface CampaignChange {
  status?: CampaignStatus;
  speed?: number;
  callingSchedule?: CallingSchedule;
  oneContactPerDay?: boolean;
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

export interface Recall {
  customerId: string;
  phone: string;
  dueAt: number;
}

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
   * Deletes the campaign's records (only those whose last result is `result`, if given) and cancels
   * their open campaign callbacks; returns how many records.
   */
  clear(operationId: string, campaignId: string, result?: string): Promise<number>;
  find(query: RecordQuery, limit: number): Promise<CampaignRecord[]>;
  /** Whether a call to this record is still up. */
  hasLiveCall(key: RecordKey): Promise<boolean>;
  /** Deletes the record's attempts from the call history, except answered ones (wolkvox remove_record). */
  removeHistory(key: RecordKey): Promise<void>;
  /**
   * Schedules campaign callbacks (auto, owned by no agent), one per record, each replacing the
   * record's open campaign callback; returns their ids, in the order of `recalls`.
   */
  scheduleRecalls(operationId: string, campaignId: string, recalls: readonly Recall[], now: number): Promise<string[]>;
  /** Cancels open campaign-owned callbacks (agent_id null) of one record, or of the whole campaign when customerId is null. */
  cancelCallbacks(operationId: string, campaignId: string, customerId: string | null): Promise<number>;
}

export interface Tx {
  tokens: TokenRepo;
  operations: OperationRepo;
  agents: AgentRepo;
  calls: CallRepo;
  events: EventRepo;
  callbacks: CallbackRepo;
  dialing: DialingRepo;
  recovery: RecoveryRepo;
  webhooks: WebhookRepo;
  dnc: DncRepo;
  campaigns: CampaignRepo;
  records: RecordRepo;
  /** Runs `effect` once the transaction has committed (never if it rolls back). */
  afterCommit(effect: () => void): void;
}

export interface Store {
  /**
   * Runs `work` in a transaction and commits it. A transaction the database chose to abort to break
   * a deadlock (two transactions each waiting for a lock the other holds, e.g. a request locking an
   * agent and then its call while a telephony event locks the call and then its agent) is run again
   * from the start, a few times at most: `work` must not act outside the transaction except through
   * `afterCommit`.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
