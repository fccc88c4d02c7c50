// Calls, locked while a transaction changes them.
import type { Agent } from '../../domain/agent.ts';
import type { Call } from '../../domain/call.ts';
import type { AttemptRecord } from './records.ts';

export interface CallRepo {
  /**
   * A new call, with the process that places it (its SIP dialogs live there; restart recovery
   * ends the legs of a dead one), or null for a leg no process places itself (a transfer to an agent).
   */
  insert(call: Call, processId: string | null): Promise<void>;
  lock(callId: string): Promise<Call | undefined>;
  /**
   * The same, with the record of the call's operation, campaign and customer locked after it by
   * the same statement (null: there is none), for a call's end: one round trip where two would do.
   * Whether the call is an attempt of that record is the caller's to say (dialer/attempts.ts).
   */
  lockWithRecord(callId: string): Promise<{ call: Call; record: AttemptRecord | null } | undefined>;
  /**
   * The same, for a customer's answer: with the agent a campaign's call would be connected to
   * (the longest ready of its campaign, as AgentRepo.lockLongestReady) locked after it by the same
   * statement; null when the call is not a campaign's call without an agent, or no agent is ready.
   */
  lockForAnswer(callId: string): Promise<{ call: Call; agent: Agent | null } | undefined>;
  save(call: Call): Promise<void>;
  /**
   * The trunk channels the operation's live calls hold: one per call not ended, two for a blind
   * transfer to an outside number (the customer's leg stays up, bridged to a second leg out).
   */
  trunkChannels(operationId: string): Promise<number>;
}
