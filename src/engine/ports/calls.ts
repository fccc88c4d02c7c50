// Calls, locked while a transaction changes them.
import type { Agent } from '../../domain/agent.ts';
import type { Call } from '../../domain/call.ts';
import type { CallState } from '../../domain/call-state.ts';
import type { EventInput } from './events.ts';
import type { AttemptRecord } from './records.ts';

/** What a call's end changes beside the call, locked (or read) with it: CallRepo.lockForEnd. */
export interface EndLocks {
  record: AttemptRecord | null;
  agent: Agent | null;
  acwS: number;
}

export interface CallRepo {
  /**
   * A new call, with the process that places it (its SIP dialogs live there; restart recovery
   * ends the legs of a dead one), or null for a leg no process places itself (a transfer to an agent).
   */
  insert(call: Call, processId: string | null): Promise<void>;
  lock(callId: string): Promise<Call | undefined>;
  /**
   * The same, with what the call's end changes beside it, locked by the same statement (one round
   * trip where three would do): the record of the call's operation, campaign and customer (null:
   * none; whether the call is an attempt of it is the caller's to say, dialer/attempts.ts), then
   * the call's agent (null: none), and the operation's after-call work in seconds.
   */
  lockForEnd(callId: string): Promise<({ call: Call } & EndLocks) | undefined>;
  /**
   * The same, for a customer's answer: with the agent a campaign's call would be connected to
   * (the longest ready of its campaign, as AgentRepo.lockLongestReady) locked after it by the same
   * statement; null when the call is not a campaign's call without an agent still dialing or
   * ringing, or no agent is ready.
   */
  lockForAnswer(callId: string): Promise<{ call: Call; agent: Agent | null } | undefined>;
  save(call: Call): Promise<void>;
  /**
   * Moves a call in state `from` to `to`, a change of nothing but its state, with its event, in
   * one statement whose answer nobody reads (it leaves with the COMMIT); a call in another state
   * is left as it is, and the event is not written. For the telephony's events: a request's
   * transaction holds its first reads in hand (first-reads.ts), which a move would leave stale.
   */
  move(callId: string, from: CallState, to: CallState, event: EventInput): Promise<void>;
  /**
   * The trunk channels the operation's live calls hold: one per call not ended, two for a blind
   * transfer to an outside number (the customer's leg stays up, bridged to a second leg out).
   */
  trunkChannels(operationId: string): Promise<number>;
}
