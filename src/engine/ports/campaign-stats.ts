// What a campaign's live figures are counted from: its calls and its agents' state changes in the
// store, counted at each read (nothing is kept that could drift from them).
import type { AgentState } from '../../domain/agent-state.ts';
import type { CallResult } from '../../domain/call-state.ts';

/** Live answers of the campaign's dialer calls in a window. */
export interface AnswerCount {
  /** Calls the dialer placed for the campaign that a person answered (machines excluded), by answer time. */
  answered: number;
  /** Of those, the abandoned: no agent took them within the connect deadline, or the customer hung up waiting. */
  abandoned: number;
}

/** Time the agents spent in a window, in milliseconds. */
export interface AgentTime {
  /** In one of the busy states. */
  busyMs: number;
  /** In one of the staffed states (the busy ones included). */
  staffedMs: number;
}

/** The pending records of one time zone of a campaign, each kind counted up to a cap. */
export interface ZoneRecords {
  timeZone: string;
  /** Records the dialer will still call (status fresh). */
  pending: number;
  /** Of those, records due now (never tried, or their retry or recall time has come). */
  due: number;
  /** A count stopped at the cap: the figures are lower bounds. */
  capped: boolean;
}

/** How many of the campaign's dialer calls ended with one result (null: not ended yet). */
export interface ResultCount {
  result: CallResult | null;
  calls: number;
}

export interface CampaignStatsRepo {
  /**
   * Live answers with their answer time in [since, now], for each of `since` (a day's buckets are
   * the differences of the windows from their starts: the statement reads the day's answers once).
   */
  answers(operationId: string, campaignId: string, since: readonly number[], now: number): Promise<AnswerCount[]>;
  /**
   * The time agents spent in `busy` and `staffed` states between each of `since` and `now`, read from
   * their `agent.state` events: the agents of the operation with `skillId`, or all of them (null).
   */
  agentTime(operationId: string, skillId: number | null, since: readonly number[], now: number,
    states: { busy: readonly AgentState[]; staffed: readonly AgentState[] }): Promise<AgentTime[]>;
  /**
   * The campaign's pending records per time zone of its records: its due retries, its records never
   * tried and its retries not yet due, each counted up to `cap` (so a read costs the same for a
   * campaign of millions).
   */
  records(operationId: string, campaignId: string, now: number, cap: number): Promise<ZoneRecords[]>;
  /** The campaign's dialer calls placed in [since, now], counted by their result (in no order). */
  results(operationId: string, campaignId: string, since: number, now: number): Promise<ResultCount[]>;
}
