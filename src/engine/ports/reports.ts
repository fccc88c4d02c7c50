// What the reports are read from: the history the engine keeps (the agents' state changes in the
// event log, the calls, the records and callbacks), read at each report; nothing is counted ahead
// that could drift from it. The adapter (src/adapters/store/reports-*.ts) reads each over a range
// by index (migrations/0023_report_indexes.sql, 0026_report_sums.sql); the agents' state changes of
// closed hours from their sums, computed from the log once the hour can no longer change.
import type { AgentState } from '../../domain/agent-state.ts';
import type { CallEnder, CallOrigin, CallResult } from '../../domain/call-state.ts';

/**
 * A range cut in buckets: bucket j is [bounds[j], bounds[j+1]); the range is [bounds[0], last).
 * A state still held is counted up to `now` when the range reaches past it.
 */
export interface Buckets {
  bounds: readonly number[];
  now: number;
}

/**
 * An agent's state changes in one bucket, summed per state (as agent.state events name states:
 * `ready`, `aux:3`, `logout`…): `atSum` is Σ of the instants (ms from the range's start) of the
 * changes that left the state minus Σ of those that entered it, `entered` the changes that entered
 * it minus those that left it. With the state at the range's start, that is the time in each state
 * per bucket (domain/reports.ts `timeInStates`), read without sorting the changes.
 */
export interface StateMoves {
  agentId: string;
  bucket: number;
  state: string;
  atSum: number;
  entered: number;
}

/** Calls one agent talked on (connected to it), placed in one bucket, by why they were placed. */
export interface AgentCalls {
  agentId: string;
  bucket: number;
  origin: CallOrigin;
  calls: number;
}

/**
 * Calls one agent talked on, placed in one bucket, whose disposition (cod_act or cod_act_2) is an
 * activity code flagged hit, or rpc (wolkvox's flags; a call counts once however many of its codes carry the flag).
 */
export interface AgentDispositions {
  agentId: string;
  bucket: number;
  hits: number;
  rpc: number;
}

/** One stretch of an agent in one state, clipped to the range; `callId`: its call (ringing, talking, held; the call it wraps up in acw). */
export interface StateSpan {
  agentId: string;
  state: string;
  from: number;
  to: number;
  callId: string | null;
  phone: string | null;
  campaignId: string | null;
  origin: CallOrigin | null;
  /** Its campaign's type (predictive, preview), when it has one. */
  campaignType: string | null;
}

/** Where an agent logged in (`login`) or out in a range, and whether it was logged in when the range began. */
export interface LoginChanges {
  loggedInAtStart: readonly string[];
  changes: readonly { agentId: string; at: number; login: boolean }[];
}

/** A call as the call reports show it. */
export interface ReportCall {
  id: string;
  agentId: string | null;
  agentName: string | null;
  campaignId: string | null;
  skillId: number | null;
  skillName: string | null;
  customerId: string | null;
  customerName: string | null;
  phone: string;
  origin: CallOrigin;
  parentCallId: string | null;
  result: CallResult | null;
  placedAt: number;
  answeredAt: number | null;
  connectedAt: number | null;
  endedAt: number | null;
  codAct: string | null;
  codActName: string | null;
  codAct2: string | null;
  codAct2Name: string | null;
  comments: string | null;
  endedBy: CallEnder | null;
  /** The campaign's type (predictive, preview), when the call was placed for one. */
  campaignType: string | null;
  /** The record's fields (customer_name, opt1…), for a call of a record that still exists. */
  record: Record<string, string> | null;
}

export interface CallQuery {
  from: number;
  to: number;
  /** Only calls an agent talked on (true), only those nobody did (false), or both. */
  connected?: boolean;
  agentId?: string;
  /** Only the calls placed for this campaign (a record attempt or an agent's call of its record). */
  campaignId?: string;
  /** Only the dialer's attempts of records (origin campaign, not a transferred leg). */
  attemptsOnly?: boolean;
  /** At most this many, oldest first. */
  limit: number;
}

/** A record's disposition or result, counted. */
export interface Tally {
  key: string | null;
  count: number;
}

/** A callback not yet fired. */
export interface OpenRecall {
  type: 'auto' | 'manual';
  dueAt: number;
  phone: string;
  campaignId: string | null;
  agentId: string | null;
}

/** A logged-in agent's phone, as the latency report shows it. */
export interface AgentLine {
  agentId: string;
  state: string;
  /** Where its phone registered from, and its user agent (null: no registered phone). */
  address: string | null;
  userAgent: string | null;
  registeredAt: number | null;
}

export interface CampaignFigures {
  id: string;
  name: string;
  type: string;
  status: string;
  speed: number;
  skillId: number | null;
  records: number;
  /** Records never tried. */
  untried: number;
}

/** A skill's campaigns' dialer calls answered by a person in a window, and how fast agents took them. */
export interface SkillFigures {
  id: number;
  name: string;
  /** Answered now, waiting for an agent. */
  waiting: number;
  answered: number;
  connected: number;
  abandoned: number;
  /** For each of the service times asked, the answered calls an agent took within it (seconds). */
  within: number[];
}

export interface ReportRepo {
  /** The agents of the operation (or the one), with their names, in id order. */
  agents(operationId: string, agentId?: string): Promise<{ id: string; name: string; dni: string; state: AgentState; auxId: number | null; stateSince: number }[]>;
  /** The operation's auxiliary states. */
  auxStates(operationId: string): Promise<{ id: number; name: string }[]>;
  /** The state each agent (or the one) was in when the range began: the `to` of its last change before (agents never changed are absent: logged out). */
  statesAt(operationId: string, at: number, agentId?: string): Promise<Map<string, string>>;
  /** The agents' state changes in the range, summed per agent, bucket and state. */
  stateMoves(operationId: string, buckets: Buckets, agentId?: string): Promise<StateMoves[]>;
  /** Calls each agent talked on per bucket. */
  agentCalls(operationId: string, buckets: Buckets, agentId?: string): Promise<AgentCalls[]>;
  /** Sums the agents' state changes of every hour closed by `now` not summed yet (what stateMoves then reads instead of the changes). */
  sumClosedHours(operationId: string, now: number): Promise<void>;
  /** Calls each agent disposed with a code flagged hit or rpc, per bucket. */
  agentDispositions(operationId: string, buckets: Buckets, agentId?: string): Promise<AgentDispositions[]>;
  /** How many changes into a state other than logout the agents (or the one) made in [from, to), counted up to `limit`. */
  countChanges(operationId: string, from: number, to: number, limit: number, agentId?: string): Promise<number>;
  /** Each stretch of each agent in a state other than logout, in order of start; at most `limit`. */
  spans(operationId: string, buckets: Buckets, limit: number, agentId?: string): Promise<StateSpan[]>;
  loginChanges(operationId: string, from: number, to: number, agentId?: string): Promise<LoginChanges>;
  /** When each agent last logged in before `before` (agents never logged in are absent). */
  lastLogins(operationId: string, before: number): Promise<Map<string, number>>;
  calls(operationId: string, query: CallQuery): Promise<ReportCall[]>;
  /** How many calls `query` finds, counted up to its limit (a report too large is refused before it is read). */
  countCalls(operationId: string, query: CallQuery): Promise<number>;
  /** The dialer's attempts placed in the range, per result (null: not ended). */
  attemptResults(operationId: string, campaignId: string | null, from: number, to: number): Promise<Tally[]>;
  /** Calls of the campaign placed in the range disposed with an activity code flagged hit (cod_act or cod_act_2). */
  campaignHits(operationId: string, campaignId: string, from: number, to: number): Promise<number>;
  /** Calls of every origin placed in the range that no agent talked on (cdr_5's), per result (null: not ended). */
  unconnectedResults(operationId: string, from: number, to: number): Promise<Tally[]>;
  /** The records attempted in the range, by the result of their last attempt there (`disposition`: by its cod_act instead). */
  recordOutcomes(operationId: string, campaignId: string | null, from: number, to: number, by: 'result' | 'disposition'): Promise<Tally[]>;
  /** Records shown to agents of preview campaigns in the range (record.previewed). */
  previews(operationId: string, campaignId: string | null, from: number, to: number, limit: number): Promise<{ at: number; agentId: string | null; campaignId: string; customerId: string; record: Record<string, string> | null }[]>;
  openRecalls(operationId: string, type?: 'auto' | 'manual'): Promise<OpenRecall[]>;
  /** The operation's campaigns with their records: all, and those never tried. */
  campaigns(operationId: string): Promise<CampaignFigures[]>;
  /** The operation's skills, and the dialer calls of each skill's campaigns since `from`. */
  skills(operationId: string, from: number, now: number, serviceSeconds: readonly number[]): Promise<SkillFigures[]>;
  lines(operationId: string): Promise<AgentLine[]>;
}
