// The native API's report and real-time schemas: the same figures as reports_manager.php and
// real_time.php, as typed JSON (seconds as numbers, shares from 0 to 1, times ISO 8601 on the
// operation's clock with its offset).
import { Type, type Static, type TSchema } from 'typebox';
import { agentStates } from '../../../domain/agent-state.ts';
import { callEnders, callOrigins, callResults } from '../../../domain/call-state.ts';
import { reportBuckets } from '../../../domain/reports.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const LocalTime = Type.String({ format: 'date-time', description: 'ISO 8601 on the operation\'s clock, with its offset' });
const Seconds = (description: string) => Type.Number({ minimum: 0, description: `${description}, in seconds` });

export const ReportRangeQuery = {
  from: Type.String({ format: 'date-time', description: 'the range\'s start (ISO 8601 with an offset)' }),
  to: Type.String({ format: 'date-time', description: 'the range\'s end, excluded; at most 31 days after from' }),
};

/** An agent's time by state in a period, and what it adds up to. */
const AgentPeriod = {
  calls: Type.Integer({ minimum: 0, description: 'calls the agent talked on (connected to it), placed in the period' }),
  calls_by_origin: Type.Record(Type.String(), Type.Integer(), { description: 'those calls by why they were placed (dial, campaign, callback, transfer, aux_call)' }),
  ready_s: Seconds('ready'), ringing_s: Seconds('ringing (its own calls)'), talking_s: Seconds('talking'), held_s: Seconds('on hold'),
  acw_s: Seconds('in after-call work'), aux_s: Seconds('in auxiliary states'),
  aux: Type.Array(Type.Object({ aux_id: Type.Integer(), name: Type.String(), s: Seconds('in it') }), { description: 'time in each auxiliary state' }),
  logged_in_s: Seconds('logged in (every state but logout)'),
  handle_avg_s: Nullable(Seconds('average handle time, (talking + held + after-call work) / calls; null with no call')),
  occupancy: Nullable(Type.Number({ minimum: 0, description: '(talking + held + after-call work) / (logged in − auxiliary), wolkvox agent_1\'s formula; null when never available' })),
};

export const AgentTimeReport = Type.Object({
  from: LocalTime, to: LocalTime, time_zone: Type.String(), bucket_minutes: Nullable(Type.Integer()),
  rows: Type.Array(Type.Object({
    agent_id: Type.String(), agent_name: Type.String(),
    from: LocalTime, to: LocalTime,
    ...AgentPeriod,
    hits: Type.Integer({ minimum: 0, description: 'of those calls, the ones disposed with an activity code flagged hit (cod_act or cod_act_2; wolkvox agent_1\'s hits)' }),
    rpc: Type.Integer({ minimum: 0, description: 'the ones disposed with a code flagged rpc (right-party contact)' }),
    first_login: Nullable(LocalTime), last_logout: Nullable(LocalTime),
  }), { description: 'one row per agent (and bucket) logged in or on a call in it, in agent then time order' }),
}, { $id: 'AgentTimeReport' });

export const AgentTimeQuery = Type.Object({
  ...ReportRangeQuery,
  agent_id: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
  bucket: Type.Optional(Type.Integer({ enum: [...reportBuckets], description: 'minutes per row (30 or 60, cut on the operation\'s clock); none: the whole range' })),
});

export const ReportCall = Type.Object({
  id: Type.String({ description: 'conn_id' }), agent_id: Nullable(Type.String()), agent_name: Nullable(Type.String()), campaign_id: Nullable(Type.String()),
  customer_id: Nullable(Type.String()), phone: Type.String(), origin: Type.Enum(callOrigins), result: Nullable(Type.Enum(callResults)),
  placed_at: LocalTime, answered_at: Nullable(LocalTime), connected_at: Nullable(LocalTime), ended_at: Nullable(LocalTime),
  talk_s: Nullable(Seconds('from the agent\'s answer to the end (null: no agent talked on it, or it is up)')),
  cod_act: Nullable(Type.String()), cod_act_2: Nullable(Type.String()), comments: Nullable(Type.String()),
  ended_by: Nullable(Type.Enum(callEnders, { description: 'who ended it: the agent, the customer\'s side, or Pacer' })),
}, { $id: 'ReportCall' });

export const CallsReport = Type.Object({
  from: LocalTime, to: LocalTime, time_zone: Type.String(),
  calls: Type.Array(ReportCall, { description: 'placed in the range, oldest first; at most 60,000' }),
}, { $id: 'CallsReport' });

export const CallsQuery = Type.Object({
  ...ReportRangeQuery,
  connected: Type.Optional(Type.Boolean({ description: 'true: calls an agent talked on (cdr_1); false: the others (cdr_5); absent: all' })),
  agent_id: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
  campaign_id: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
});

export const LiveAgents = Type.Object({
  at: LocalTime, time_zone: Type.String(),
  agents: Type.Array(Type.Object({
    agent_id: Type.String(), agent_name: Type.String(), state: Type.Enum(agentStates), aux_id: Nullable(Type.Integer()), aux_name: Nullable(Type.String()),
    state_since: LocalTime, in_state_s: Seconds('in the current state'),
    login_at: Nullable(LocalTime),
    today: Type.Object(AgentPeriod, { description: 'the day so far on the operation\'s clock' }),
  }), { description: 'the logged-in agents, in id order' }),
}, { $id: 'LiveAgents' });

export type AgentTimeReportT = Static<typeof AgentTimeReport>;
export type CallsReportT = Static<typeof CallsReport>;
export type LiveAgentsT = Static<typeof LiveAgents>;
