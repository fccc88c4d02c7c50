// The native API's schemas: one per resource, from which Fastify validates, the OpenAPI document
// is generated and the TypeScript types are derived (Static<>). Enumerations come from the domain.
import { Type, type Static, type TSchema } from 'typebox';
import { agentStates } from '../../../domain/agent-state.ts';
import { callOrigins, callResults, callStates } from '../../../domain/call-state.ts';
import { callbackStatuses, recallTypes } from '../../../domain/callback.ts';
import { agentButtons, agentIdPattern, transferTargetPattern } from '../../../domain/agent.ts';
import { campaignStatuses, campaignTypes } from '../../../domain/campaign.ts';
import { notDiallingReasons } from '../../../domain/not-dialling.ts';
import { recordCountCap, seriesBucketMinutes } from '../../../domain/campaign-stats.ts';
import { holidayCalendars } from '../../../domain/holidays.ts';
import { recordStatuses } from '../../../domain/record-result.ts';
import { agentPhoneModes, agentPasswordLength } from '../../../domain/agent-phone.ts';
import { maxSipUriLength } from '../../../domain/sip-uri.ts';
import { trunkDefaults, trunkLimits } from '../../../domain/trunk.ts';
import { roles } from '../../../../packages/vocabulary/src/role.ts';
import { activityCodeFlags, type ActivityCodeFlag } from '../../../../packages/vocabulary/src/call.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'stable code from the error catalogue (src/domain/errors.ts)' }),
    status: Type.Integer(),
    message: Type.String(),
  }),
}, { $id: 'Error' });

export const Page = <T extends TSchema>(item: T) => Type.Object({
  data: Type.Array(item),
  next_cursor: Nullable(Type.String({ description: 'pass as `cursor` for the next page; null at the end' })),
});

export const PageQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});

export const AgentId = Type.String({ pattern: agentIdPattern.source, description: 'the agent extension' });
export const Phone = Type.String({ pattern: '^\\+?[0-9]{3,20}$' });
export const CampaignId = Type.String({ pattern: '^[0-9]{1,12}$', description: 'a campaign id' });
export const CustomerId = Type.String({ pattern: '^[\\w.@+-]{1,64}$' });
export const SkillId = Type.Integer({ minimum: 1, maximum: 999_999_999 });

export const Agent = Type.Object({
  id: AgentId,
  name: Type.String(),
  state: Type.Enum(agentStates),
  aux_id: Nullable(Type.Integer()),
  next_state: Nullable(Type.String({ description: 'a change_status kept until the call and its ACW end' })),
  state_since: Instant,
  call_id: Nullable(Type.String()),
  last_call_id: Nullable(Type.String()),
  display: Type.Object({ hungup: Type.Boolean(), disposition: Type.Boolean(), dial: Type.Boolean() }),
  skills: Type.Array(Type.Integer(), { description: 'ids of the agent\'s skills (campaigns with a skill connect only such agents)' }),
  dni: Type.String({ description: 'its identity document number (wolkvox\'s agent_dni); empty when none was given' }),
  sso: Type.String({ description: 'its single sign-on identity (wolkvox\'s agent_sso); empty when none' }),
  enabled: Type.Boolean({ description: 'false: disabled, it cannot go ready, take an auxiliary state or sign in to the console' }),
}, { $id: 'Agent' });
/** The body that changes an agent's profile: the fields given. */
export const AgentProfileBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  dni: Type.Optional(Type.String({ pattern: '^[\\w.-]{0,32}$', description: 'its identity document number (agent_dni): up to 32 letters, digits or ._-; empty clears it' })),
  sso: Type.Optional(Type.String({ maxLength: 200, description: 'its single sign-on identity (agent_sso)' })),
}, { additionalProperties: false, minProperties: 1 });

export const Call = Type.Object({
  id: Type.String({ description: 'conn_id' }),
  agent_id: Nullable(Type.String()),
  campaign_id: Nullable(Type.String()),
  customer_id: Nullable(Type.String()),
  customer_name: Nullable(Type.String()),
  phone: Type.String(),
  origin: Type.Enum(callOrigins),
  state: Type.Enum(callStates),
  held: Type.Boolean(),
  muted: Type.Boolean(),
  result: Nullable(Type.Enum(callResults)),
  parent_call_id: Nullable(Type.String()),
  placed_at: Instant,
  answered_at: Nullable(Instant),
  connected_at: Nullable(Instant),
  ended_at: Nullable(Instant),
  cod_act: Nullable(Type.String()),
  cod_act_2: Nullable(Type.String()),
  comments: Nullable(Type.String()),
}, { $id: 'Call' });

export const Callback = Type.Object({
  id: Type.String(),
  agent_id: Nullable(Type.String({ description: 'the owner: the agent who promised the call; null for a campaign recall (any agent of the campaign)' })),
  campaign_id: Nullable(Type.String()),
  customer_id: Nullable(Type.String()),
  phone: Type.String(),
  due_at: Instant,
  type: Type.Enum(recallTypes, { description: 'auto: Pacer calls the customer for the agent; manual: the agent gets a callback.reminder event' }),
  status: Type.Enum(callbackStatuses, { description: 'pending: waits for its time; waiting: due, waits for a free agent; done: dialled or reminded; cancelled' }),
  fired_at: Nullable(Instant),
  call_id: Nullable(Type.String({ description: 'conn_id of the call that dialled it' })),
  created_at: Instant,
}, { $id: 'Callback' });

export const NewCallback = Type.Object({
  agent_id: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$', description: 'an agent\'s own callback (its campaign and customer come from the agent\'s current or last call)' })),
  campaign_id: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$', description: 'a recall of a predictive campaign\'s record (with customer_id)' })),
  customer_id: Type.Optional(CustomerId),
  phone: Phone,
  due_at: Type.String({ format: 'date-time', description: 'when to call back, in the future (ISO 8601 with offset)' }),
  type: Type.Optional(Type.Enum(recallTypes, { description: 'auto (default) or manual; a campaign recall is always auto' })),
}, { additionalProperties: false });

export const Skill = Type.Object({ id: Type.Integer(), name: Type.String(), description: Type.String({ description: 'what the skill is for (wolkvox\'s description_skill); empty when none was given' }) }, { $id: 'Skill' });
/** The body that creates or renames a skill; a description given replaces its description. */
export const SkillBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), description: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });

const RoleSchema = Type.Enum(roles, { description: 'agent: acts on itself only; supervisor: runs the floor (agents, campaigns, records, callbacks, DNC); admin: everything of the operation' });
const TokenAgent = Nullable(Type.String({ description: 'the agent an agent token is; null for the other roles' }));

export const Token = Type.Object({
  id: Type.String(),
  description: Type.String(),
  role: RoleSchema,
  agent_id: TokenAgent,
  created_at: Instant,
  revoked_at: Nullable(Instant),
}, { $id: 'Token' });

export const NewTokenBody = Type.Object({
  description: Type.String({ minLength: 1, maxLength: 200 }),
  role: Type.Optional(Type.Enum(roles, { description: 'default admin; never more rights than the caller\'s own' })),
  agent_id: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$', description: 'the agent of an agent token (required with role agent, refused with the others)' })),
}, { additionalProperties: false });

export const AuditEntry = Type.Object({
  at: Instant,
  who: Type.String({ description: 'the token (its id and description), the console user, or the admin API' }),
  address: Nullable(Type.String({ description: 'the request\'s address (behind a proxy, only with PACER_TRUST_PROXY)' })),
  via: Type.Union([Type.Literal('wolkvox'), Type.Literal('native'), Type.Literal('console'), Type.Literal('admin')], { description: 'the face the change came through' }),
  action: Type.String({ description: 'what was done: agent.create, dnc.add, token.revoke…' }),
  target: Type.String({ description: 'what it was done to' }),
}, { $id: 'AuditEntry' });

export const AuditQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time', description: 'ISO 8601; default a day before `to`; the range is at most 31 days' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'ISO 8601; default now' })),
});

export const AllowedAddress = Type.Object({
  address: Type.String({ description: 'an IPv4 or IPv6 address' }),
  description: Type.String(),
  permanent: Type.Boolean({ description: 'false: the entry ends 24 hours after it was added' }),
  created_at: Instant,
  expires_at: Nullable(Instant),
  last_used_at: Nullable(Instant),
}, { $id: 'AllowedAddress' });

export const NewAllowedAddressBody = Type.Object({
  address: Type.String({ minLength: 2, maxLength: 64, description: 'one IPv4 or IPv6 address (no range, no host name)' }),
  permanent: Type.Optional(Type.Boolean({ description: 'default false (24 hours); at most 5 permanent addresses per operation' })),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });

export const NewToken = Type.Object({
  id: Type.String(),
  description: Type.String(),
  role: RoleSchema,
  agent_id: TokenAgent,
  token: Type.String({ description: 'the value, shown only in this answer (stored as a hash)' }),
});

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: RoleSchema,
  agent_id: Nullable(Type.String({ description: 'the agent an agent user is; null for the other roles' })),
  created_at: Instant,
}, { $id: 'User' });

const Username = Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\p{L}\\p{N}._@-]+$', description: 'letters, digits, . _ @ -; unique in the operation, any case' });
const Password = Type.String({ minLength: 8, maxLength: 128, description: 'kept only as a scrypt hash, never shown' });

export const NewUserBody = Type.Object({
  username: Username,
  password: Password,
  role: RoleSchema,
  agent_id: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$', description: 'the agent of an agent user (required with role agent, refused with the others)' })),
}, { additionalProperties: false });

export const UserChangeBody = Type.Object({
  password: Type.Optional(Password),
  role: Type.Optional(RoleSchema),
  agent_id: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
}, { additionalProperties: false, minProperties: 1 });

export const SignInBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 128 }),
  operation: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', description: 'the operation (four digits), when the same username exists in several' })),
}, { additionalProperties: false });

export const SessionAnswer = Type.Object({
  user: Type.Object({ ...User.properties, operation_id: Type.String() }),
  csrf_token: Type.String({ description: 'send it as the X-CSRF-Token header with every change made with the session cookie' }),
});

export const Event = Type.Object({
  seq: Type.Integer({ description: 'gapless per operation; the SSE id and the cursor' }),
  at: Instant,
  type: Type.String(),
  agent_id: Nullable(Type.String()),
  campaign_id: Nullable(Type.String()),
  call_id: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
}, { $id: 'Event' });

export const Operation = Type.Object({
  id: Type.String(), name: Type.String(), time_zone: Type.String(), licenses: Type.Integer(), acw_s: Type.Integer(),
}, { $id: 'Operation' });

export const OperationId = Type.String({ pattern: '^[0-9]{4}$', description: 'four digits: the NNNN of wvNNNN hosts and of the wolkvox_server header' });
const operationFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  time_zone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. America/Bogota' }),
  licenses: Type.Integer({ minimum: 0, maximum: 100_000, description: 'the daily quota of each token is licenses × 1,000 requests' }),
  acw_s: Type.Integer({ minimum: 0, maximum: 3600, description: 'seconds of after-call work' }),
};
export const NewOperationBody = Type.Object({
  id: OperationId, name: operationFields.name, time_zone: operationFields.time_zone,
  licenses: Type.Optional(operationFields.licenses), acw_s: Type.Optional(operationFields.acw_s),
}, { additionalProperties: false });
export const OperationChangeBody = Type.Object({
  name: Type.Optional(operationFields.name), time_zone: Type.Optional(operationFields.time_zone),
  licenses: Type.Optional(operationFields.licenses), acw_s: Type.Optional(operationFields.acw_s),
}, { additionalProperties: false, minProperties: 1 });

export const StatusBody = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('logout'), Type.Integer({ minimum: 0, maximum: 999_999_999 })],
    { description: '`ready`, `logout` or an auxiliary state id' }),
}, { additionalProperties: false });
export const DialBody = Type.Object({
  phone: Phone,
  customer_id: Type.Optional(CustomerId),
  customer_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
}, { additionalProperties: false });
export const DispositionBody = Type.Object({
  cod_act: Type.String({ pattern: '^[\\w.-]{1,64}$' }),
  cod_act_2: Type.Optional(Type.String({ pattern: '^[\\w.-]{1,64}$' })),
  comments: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });
export const TransferBody = Type.Object({
  to: Type.String({ pattern: transferTargetPattern.source, description: 'another agent\'s extension, or a phone number of 3 to 20 digits' }),
}, { additionalProperties: false });
export const DtmfBody = Type.Object({ tones: Type.String({ pattern: '^[0-9*#A-Da-d]{1,32}$' }) }, { additionalProperties: false });
export const RecallBody = Type.Object({
  phone: Phone,
  at: Type.String({ format: 'date-time', description: 'when to call back (ISO 8601 with offset)' }),
  type: Type.Enum(recallTypes),
}, { additionalProperties: false });
export const DisplayBody = Type.Object({ button: Type.Enum(agentButtons), show: Type.Boolean() }, { additionalProperties: false });
export const CallRef = Type.Object({ conn_id: Type.String() });

const DayTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$', description: 'local time of day, HH:MM or HH:MM:SS' });

const DayIntervals = Type.Array(Type.String({ pattern: '^[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}$' }), { maxItems: 24, description: 'local "HH:MM-HH:MM" intervals, in order; [] closed' });
const scheduleDescription = 'when the dialer may call a record, in the record\'s local time: per weekday, and a holiday calendar whose days are closed (CO: Colombia); default Mon–Fri 07:00–19:00, Sat 08:00–15:00, no Sundays or CO holidays';
const Holidays = Type.Enum(holidayCalendars);
export const CallingSchedule = Type.Object({
  mon: DayIntervals, tue: DayIntervals, wed: DayIntervals, thu: DayIntervals, fri: DayIntervals, sat: DayIntervals, sun: DayIntervals, holidays: Holidays,
}, { description: scheduleDescription });
const Day = Type.Optional(DayIntervals);
const CallingScheduleBody = Type.Object({ mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day, holidays: Holidays },
  { additionalProperties: false, description: `${scheduleDescription}; a weekday left out is closed` });
const OneContactPerDay = Type.Boolean({ description: 'at most one contact (a call a person answered) per record per local day' });

export const Campaign = Type.Object({
  id: CampaignId,
  name: Type.String(),
  description: Type.String(),
  type: Type.Enum(campaignTypes),
  dial_mode: Type.String({ description: 'the pacing the dialer uses: predictive, preview, progressive, ratio:X or adapt' }),
  status: Type.Enum(campaignStatuses),
  speed: Type.Integer({ minimum: 0, maximum: 100, description: 'abandon target from 0 % (0) to the 3 % ceiling (100); docs/dialer.md' }),
  skill_id: Nullable(Type.Integer()),
  start_time: Nullable(Type.String({ description: 'calling window start, HH:MM:SS local time' })),
  end_time: Nullable(Type.String({ description: 'calling window end, HH:MM:SS local time' })),
  enable_edition: Type.Boolean(),
  opt_titles: Type.Record(Type.String(), Type.String(), { description: 'titles of the opt1…opt12 record fields' }),
  calling_schedule: CallingSchedule,
  one_contact_per_day: OneContactPerDay,
}, { $id: 'Campaign' });

export const NewCampaignBody = Type.Object({
  type: Type.Enum(campaignTypes),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  start_time: Type.Optional(DayTime),
  end_time: Type.Optional(DayTime),
  skill_id: Type.Optional(Type.Integer({ minimum: 0, maximum: 999_999_999 })),
  enable_edition: Type.Optional(Type.Boolean()),
  opt_titles: Type.Optional(Type.Object(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`opt${i + 1}`, Type.Optional(Type.String({ maxLength: 200 }))])),
    { additionalProperties: false, description: 'titles of the record fields opt1…opt12' })),
  calling_schedule: Type.Optional(CallingScheduleBody),
  one_contact_per_day: Type.Optional(OneContactPerDay),
}, { additionalProperties: false });

export const CampaignChangeBody = Type.Object({
  status: Type.Optional(Type.Enum(campaignStatuses)),
  speed: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  calling_schedule: Type.Optional(CallingScheduleBody),
  one_contact_per_day: Type.Optional(OneContactPerDay),
}, { additionalProperties: false, minProperties: 1 });

const LocalTime = Type.String({ format: 'date-time', description: 'ISO 8601 on the operation\'s clock, with its offset' });
const Share = (description: string) => Nullable(Type.Number({ minimum: 0, maximum: 1, description }));
/** A window's or a bucket's answers and agent time: one set of definitions for the live figures and the day's series. */
const windowFigures = {
  answered: Type.Integer({ description: 'calls the dialer placed for the campaign that a person answered (answering machines excluded), by answer time' }),
  abandoned: Type.Integer({ description: 'of those, the calls no agent took within the connect deadline (2 s), or whose customer hung up waiting' }),
  abandon_rate: Share('abandoned / answered; null with no answer'),
  busy_s: Type.Number({ description: 'seconds the campaign\'s agents spent talking (held included) or in after-call work' }),
  staffed_s: Type.Number({ description: 'seconds they spent logged in and out of auxiliary states: ready, ringing, talking, held or in after-call work' }),
  agent_utilisation: Share('busy_s / staffed_s; null with no staffed time'),
};
const StatsWindow = (what: string) => Type.Object({ since: LocalTime, ...windowFigures }, { description: what });

export const NotDiallingReason = Type.Object({
  reason: Type.Enum(notDiallingReasons, {
    description: 'stopped: not started; outside_schedule: records are pending and the calling window is closed in every zone that holds some; '
      + 'no_agent_ready: no agent of the campaign is logged in out of auxiliary states (ready, or on a call or its after-call work); '
      + 'no_records: no record may be called now (none pending, or none due in a zone whose window is open); '
      + 'no_trunk, trunk_at_limit: SIP telephony only — the operation has no trunk for the calls, or it carries as many as its max_calls allows',
  }),
  opens_at: Type.Optional(Nullable(Type.String({ format: 'date-time', description: 'outside_schedule only: the next time the calling window opens for a pending record, on the operation\'s clock with its offset; null when not within 14 days' }))),
});

export const CampaignStats = Type.Object({
  campaign_id: CampaignId,
  status: Type.Enum(campaignStatuses),
  at: LocalTime,
  time_zone: Type.String({ description: 'the operation\'s IANA time zone: "today" is its calendar day' }),
  not_dialling: Nullable(Type.Array(NotDiallingReason, { description: 'why the campaign is not dialling now; null: it is dialling (it has what it needs to place calls, whether or not one goes out this second)' })),
  lines_in_flight: Type.Integer({ description: 'calls of the campaign placed and not yet answered (dialling or ringing)' }),
  waiting_for_agent: Type.Integer({ description: 'calls a person answered that wait for an agent (at most the connect deadline)' }),
  agents: Type.Object({
    ready: Type.Integer({ description: 'agents of the campaign (its skill\'s, or every agent when it has none) ready now' }),
    available: Type.Integer({ description: 'agents of the campaign logged in and out of auxiliary states now' }),
  }),
  today: StatsWindow('since the start of today on the operation\'s clock'),
  last_30_min: StatsWindow('the last 30 minutes'),
  records: Type.Object({
    dialable_now: Type.Integer({ description: 'pending records that may be called now: due, in a zone whose calling window is open' }),
    pending: Type.Integer({ description: 'records the dialer will still call: never tried, or waiting for a retry or a recall' }),
    capped: Type.Boolean({ description: `true when a count stopped at ${recordCountCap.toLocaleString('en')} records of one kind (due retries, never tried, later retries) in one time zone: the figures are then lower bounds` }),
  }),
  abandon_target: Type.Number({ description: 'the abandon rate the campaign\'s speed aims at (0 to the 3 % ceiling)' }),
  abandon_ceiling: Type.Number({ description: 'the ceiling no campaign may pass (3 %)' }),
  pacing: Nullable(Type.Object({
    strategy: Type.String({ description: 'the pacing strategy (the campaign\'s dial mode)' }),
    decided_at: LocalTime,
    in_flight: Type.Integer({ description: 'calls in flight it counted: ringing or waiting for an agent, of this campaign and of started campaigns sharing its agents' }),
    ready_agents: Type.Integer({ description: 'ready agents it counted' }),
    wanted: Type.Integer({ description: 'new calls it wanted placed (fewer go out when fewer records are due)' }),
    lines_wanted: Type.Integer({ description: 'in_flight + wanted: the calls it wants in flight' }),
    dial_ratio: Nullable(Type.Number({ description: 'calls it keeps in flight per ready agent (progressive 1, ratio:X, adapt\'s current level); null for predictive' })),
    risk_limit: Nullable(Type.Number({ description: 'predictive only: the abandon risk the next call may carry (its abandon control\'s θ)' })),
  }, {
    description: 'the last pacing decision of the Pacer process that answers; null when it has none: the campaign is stopped, a preview campaign, '
      + 'closed in every zone, not paced yet since it was started, or paced by another process sharing the database (never a number made up)',
  })),
}, { $id: 'CampaignStats' });

export const SeriesQuery = Type.Object({
  bucket: Type.Optional(Type.Integer({ enum: [...seriesBucketMinutes], default: 15, description: 'minutes per bucket, from the start of the day' })),
});

export const CampaignSeries = Type.Object({
  campaign_id: CampaignId,
  at: LocalTime,
  time_zone: Type.String({ description: 'the operation\'s IANA time zone: the buckets cut its calendar day' }),
  bucket_minutes: Type.Integer(),
  buckets: Type.Array(Type.Object({
    start: LocalTime,
    end: Type.String({ format: 'date-time', description: 'the next bucket\'s start; for the last bucket, now' }),
    ...windowFigures,
    day_abandon_rate: Share('abandoned / answered from the start of the day to the end of this bucket (what the abandon ceiling is about); null with no answer yet'),
  }), { description: 'today\'s buckets so far, from the start of the day on the operation\'s clock; the last one is the bucket now falls in' }),
  calls_by_result: Type.Array(Type.Object({
    result: Nullable(Type.Enum(callResults, { description: 'null: the call has not ended' })),
    calls: Type.Integer(),
  }), { description: 'the dialer\'s calls of the campaign placed today, by result (only the results that occurred, in the vocabulary\'s order, calls not ended last)' }),
  abandon_target: Type.Number({ description: 'the abandon rate the campaign\'s speed aims at' }),
  abandon_ceiling: Type.Number({ description: 'the ceiling no campaign may pass (3 %)' }),
}, { $id: 'CampaignSeries' });

export const CampaignRecord = Type.Object({
  campaign_id: CampaignId,
  customer_id: Type.String(),
  data: Type.Record(Type.String(), Type.String(), { description: 'the fields given at load time (customer_name, tel1…, opt1…)' }),
  phones: Type.Array(Type.String(), { description: 'tel1…tel10 in dialling order' }),
  status: Type.Enum(recordStatuses),
  attempts: Type.Integer(),
  last_result: Nullable(Type.String()),
  next_attempt_at: Nullable(Instant),
  time_zone: Type.String({ description: 'the record\'s IANA time zone: its calling schedule is read in it' }),
  recall_date: Nullable(Instant),
  recall_telephone: Nullable(Type.String()),
  cod_act: Nullable(Type.String()),
  cod_act_2: Nullable(Type.String()),
  comment: Nullable(Type.String()),
}, { $id: 'CampaignRecord' });

/** What an agent of a preview campaign is shown (POST /v1/agents/{id}/preview and …/preview/skip). */
export const Preview = Type.Object({
  campaigns: Type.Array(Type.Object({ id: CampaignId, name: Type.String() }), { description: 'the started preview campaigns the agent works (those without a skill or with one of its skills); empty: none' }),
  next: Nullable(Type.Object({
    campaign_id: CampaignId,
    record: CampaignRecord,
    phone: Type.String({ description: 'the number a dial calls: tel1…tel10 in turn, one per attempt' }),
    held_until: Type.String({ format: 'date-time', description: 'until when no other agent is offered this record (asking again renews it)' }),
  }, { description: 'the record held for the agent; null when there is none to call now (or the agent is not ready and held none)' })),
}, { $id: 'Preview' });
export const PreviewRecordBody = Type.Object({ campaign_id: CampaignId, customer_id: CustomerId }, { additionalProperties: false });

export const RecordsBody = Type.Object({
  records: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
    minItems: 1, maxItems: 10_000,
    description: 'rows as add_record takes them: customer_id, tel1…tel10, customer_name, opt1…, recall_date (YYYYmmddHHiiss)',
  }),
}, { additionalProperties: false });

export const RecordsLoaded = Type.Object({
  added: Type.Integer(),
  updated: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer({ description: '0-based position in `records`' }), customer_id: Nullable(Type.String()), reason: Type.String() })),
});

export const RecordQuery = Type.Object({
  ...PageQuery.properties,
  campaign: Type.Optional(CampaignId),
  customer_id: Type.Optional(CustomerId),
  phone: Type.Optional(Phone),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'customer_name (or customer_last_name) contains this, in any case' })),
  status: Type.Optional(Type.Enum(recordStatuses)),
});

export type AgentT = Static<typeof Agent>;
export type CallT = Static<typeof Call>;
export type CampaignT = Static<typeof Campaign>;
export type CampaignRecordT = Static<typeof CampaignRecord>;
export type CampaignStatsT = Static<typeof CampaignStats>;
export type CampaignSeriesT = Static<typeof CampaignSeries>;
export type CallbackT = Static<typeof Callback>;

// Webhook subscriptions (the secret is shown once, at creation) and their delivery log.
export const WebhookTypes = Type.Array(Type.String({ pattern: '^[a-z_.]{1,64}$' }), { maxItems: 50, description: 'event types or prefixes ending in a dot; empty = all' });
export const Webhook = Type.Object({ id: Type.String(), url: Type.String(), types: WebhookTypes, created_at: Type.String({ format: 'date-time' }) }, { $id: 'Webhook' });
export const NewWebhook = Type.Object({ ...Webhook.properties, secret: Type.String({ description: 'HMAC key of Pacer-Signature; shown only here' }) });
export const WebhookDelivery = Type.Object({
  id: Type.String(), event_seq: Type.Integer(), event_type: Type.String(), status: Type.Enum(['pending', 'delivered', 'failed']),
  attempts: Type.Integer(), next_attempt_at: Type.String({ format: 'date-time' }), last_status: Type.Union([Type.Integer(), Type.Null()]),
  last_error: Type.Union([Type.String(), Type.Null()]), created_at: Type.String({ format: 'date-time' }),
  delivered_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
}, { $id: 'WebhookDelivery' });

// Which numbers the operation may call: emergency numbers never; shorter than min_digits (national
// form) are service numbers; prefixes with + read the international form, without it the national one.
const Prefixes = Type.Array(Type.String({ pattern: '^\\+?[0-9]{1,15}$' }), { maxItems: 100 });
// The operation's configuration: auxiliary states, activity codes, the do-not-call list.
export const AuxState = Type.Object({ id: Type.Integer(), name: Type.String() }, { $id: 'AuxState' });
const ActivityCodeFlags = Type.Array(Type.Enum(activityCodeFlags), {
  uniqueItems: true, maxItems: activityCodeFlags.length,
  description: 'its flags (wolkvox\'s create_cod_act): calls disposed with a code flagged hit or rpc are counted in the agent-time report (hits, rpc); the others are kept, not acted on',
});
export const ActivityCode = Type.Object({
  group: Type.Union([Type.Literal(1), Type.Literal(2)]), code: Type.String(), name: Type.String(), flags: ActivityCodeFlags,
}, { $id: 'ActivityCode' });
/** A code's stored flags, as the schema names them (a flag the vocabulary no longer has is left out). */
export const knownFlags = (flags: readonly string[]): ActivityCodeFlag[] => activityCodeFlags.filter((f) => flags.includes(f));
/** The body that creates or renames an activity code; flags, when given, replace its flags. */
export const ActivityCodeBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), flags: Type.Optional(ActivityCodeFlags) }, { additionalProperties: false });
/** The body that creates or renames an auxiliary state or an activity code. */
export const Name = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export const DncEntry = Type.Object({
  phone: Type.String(), reason: Type.String(), created_at: Type.String({ format: 'date-time' }), expires_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
}, { $id: 'DncEntry' });
export const NewDncBody = Type.Object({
  phones: Type.Array(Phone, { minItems: 1, maxItems: 10_000 }),
  reason: Type.Optional(Type.String({ maxLength: 200 })),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 36_500, description: 'block for this many days; omitted: for good' })),
}, { additionalProperties: false });
export const DncAdded = Type.Object({ added: Type.Integer(), renewed: Type.Integer({ description: 'numbers already on the list, given this reason and term instead' }) });

export const OutboundPolicy = Type.Object({
  country_code: Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: 'the operation\'s country calling code (57: Colombia): +57 300…, 0057 300…, 57300… and 300… are one number' }),
  min_digits: Type.Integer({ minimum: 3, maximum: 15, description: 'numbers with fewer digits, in national form, are service numbers and are not dialled' }),
  allowed_prefixes: Type.Array(Type.String(), { description: 'when not empty, only numbers starting with one of these are dialled (+57: every Colombian number)' }),
  blocked_prefixes: Type.Array(Type.String(), { description: 'numbers starting with one of these are not dialled' }),
}, { $id: 'OutboundPolicy' });
export const OutboundPolicyBody = Type.Object({
  country_code: Type.Optional(OutboundPolicy.properties.country_code),
  min_digits: Type.Optional(OutboundPolicy.properties.min_digits),
  allowed_prefixes: Type.Optional(Prefixes),
  blocked_prefixes: Type.Optional(Prefixes),
}, { additionalProperties: false });

// SIP trunks (src/domain/trunk.ts) and agent phones (src/domain/agent-phone.ts). Passwords are
// taken, never answered: reads carry has_password. The domain checks every field again and names it.
const TrunkUri = Type.String({
  minLength: 1, maxLength: maxSipUriLength,
  description: 'the carrier: sip: or sips:, a host (name, IPv4 or [IPv6]), an optional port and ;transport=udp|tcp|tls; no user part (the dialled number goes there), no other parameter. '
    + 'An address outside the public ranges is refused unless PACER_SIP_ALLOW_PRIVATE=true',
});
const trunkFields = {
  uri: TrunkUri,
  username: Type.String({ minLength: 1, maxLength: trunkLimits.credentialLength, description: 'digest username for the carrier\'s 401/407 challenges (with password)' }),
  password: Type.String({ minLength: 1, maxLength: trunkLimits.credentialLength, description: 'digest password (with username): stored as given, never shown' }),
  caller_id: Type.String({ pattern: '^\\+?[0-9]{3,20}$', description: 'the number customers see' }),
  max_calls: Type.Integer({ minimum: 1, maximum: trunkLimits.maxCalls, description: 'calls the trunk may carry at once; without it, no limit' }),
  prefix: Type.String({ pattern: '^[0-9#*]{0,10}$', description: `dialled before the number, after strip (default "${trunkDefaults.prefix}")` }),
  strip: Type.Integer({ minimum: 0, maximum: trunkLimits.strip, description: `leading digits removed from the number (default ${trunkDefaults.strip})` }),
  ring_timeout_s: Type.Integer({ minimum: trunkLimits.ringTimeoutS.min, maximum: trunkLimits.ringTimeoutS.max, description: `seconds a customer leg rings before it is cancelled (default ${trunkDefaults.ringTimeoutS})` }),
};
export const Trunk = Type.Object({
  id: Type.String(),
  uri: Type.String(),
  username: Nullable(Type.String()),
  has_password: Type.Boolean({ description: 'whether a digest password is set (it is never shown)' }),
  caller_id: Nullable(Type.String()),
  max_calls: Nullable(Type.Integer()),
  prefix: Type.String(),
  strip: Type.Integer(),
  ring_timeout_s: Type.Integer(),
  default: Type.Boolean({ description: 'the operation\'s first trunk (lowest id): the one its customer legs take' }),
  created_at: Instant,
  updated_at: Instant,
}, { $id: 'Trunk' });
export const NewTrunkBody = Type.Object({
  uri: trunkFields.uri,
  username: Type.Optional(trunkFields.username), password: Type.Optional(trunkFields.password),
  caller_id: Type.Optional(trunkFields.caller_id), max_calls: Type.Optional(trunkFields.max_calls),
  prefix: Type.Optional(trunkFields.prefix), strip: Type.Optional(trunkFields.strip), ring_timeout_s: Type.Optional(trunkFields.ring_timeout_s),
}, { additionalProperties: false });
export const TrunkChangeBody = Type.Object({
  uri: Type.Optional(trunkFields.uri),
  username: Type.Optional(Nullable(trunkFields.username)), password: Type.Optional(Nullable(trunkFields.password)),
  caller_id: Type.Optional(Nullable(trunkFields.caller_id)), max_calls: Type.Optional(Nullable(trunkFields.max_calls)),
  prefix: Type.Optional(trunkFields.prefix), strip: Type.Optional(trunkFields.strip), ring_timeout_s: Type.Optional(trunkFields.ring_timeout_s),
}, { additionalProperties: false, minProperties: 1, description: 'the fields to change; null clears username and password (together), caller_id or max_calls' });

const AgentRegistration = Type.Object({
  contact: Type.String({ description: 'the URI Pacer calls the phone at: its Contact, or the address the REGISTER came from when they differ (NAT)' }),
  source: Type.String({ description: 'where the REGISTER came from: transport:address:port, e.g. udp:203.0.113.7:5060' }),
  user_agent: Nullable(Type.String({ description: 'the phone\'s User-Agent header' })),
  registered_at: Instant,
  expires_at: Instant,
}, { description: 'mode registration: where the phone is registered now and until when; null while it is not registered (or its registration expired)' });
export const AgentPhone = Type.Object({
  agent_id: AgentId,
  mode: Type.Enum(agentPhoneModes, { description: 'registration: the phone registers to Pacer as <operation>-<agent> (e.g. 0001-1001) with digest authentication; contact: a phone at a fixed address' }),
  contact: Nullable(Type.String({ description: 'the fixed contact (mode contact)' })),
  has_password: Type.Boolean({ description: 'whether a registration password is set (it is never shown)' }),
  registration: Nullable(AgentRegistration),
  updated_at: Instant,
}, { $id: 'AgentPhone' });
export const AgentPhoneBody = Type.Object({
  password: Type.Optional(Type.String({ minLength: agentPasswordLength.min, maxLength: agentPasswordLength.max, description: 'the phone registers as the agent id with this password (digest); only its digest HA1 is kept, never shown' })),
  contact: Type.Optional(Type.String({ minLength: 1, maxLength: maxSipUriLength, description: 'a phone at a fixed address, e.g. sip:1001@pbx.example:5060 (the rules of a trunk\'s uri, a user part allowed)' })),
}, { additionalProperties: false, description: 'exactly one of password or contact' });
