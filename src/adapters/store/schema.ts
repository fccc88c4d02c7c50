// Kysely's view of the tables created by migrations/*.sql. Keep in step with the SQL: the store
// tests read every table through these types.
import type { Role } from '../../domain/permission.ts';
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;
type NullableTimestamp = ColumnType<Date | null, Date | null | undefined, Date | null>;
type BigId = ColumnType<string, string | number | bigint, string | number | bigint>;

export interface OperationsTable {
  id: string; name: string; time_zone: Generated<string>; licenses: Generated<number>; acw_s: Generated<number>;
  created_at: Timestamp; outbound_policy: Generated<unknown>;
}
export interface ApiTokensTable {
  id: Generated<string>; operation_id: string; hash: string; description: Generated<string>;
  daily_limit: number | null; created_at: Timestamp; revoked_at: NullableTimestamp;
  role: Generated<Role>; agent_id: string | null;
}
export interface UsersTable {
  id: Generated<string>; operation_id: string; username: string; password_hash: string; role: Role; agent_id: string | null;
  failed_sign_ins: Generated<number>; locked_until: NullableTimestamp; created_at: Timestamp; deleted_at: NullableTimestamp;
}
export interface SessionsTable {
  hash: string; user_id: BigId; csrf: string; created_at: Timestamp; seen_at: Timestamp; ended_at: NullableTimestamp;
}
export interface TokenSlotsTable { token_id: BigId; slot: number }
export interface TokenUsageTable { token_id: BigId; day: string; count: Generated<number> }
export interface AuxStatesTable { operation_id: string; id: number; name: string }
export interface ActivityCodesTable { operation_id: string; grp: number; code: string; name: string; flags: Generated<string[]> }
export interface SkillsTable { operation_id: string; id: number; name: string; description: Generated<string> }
export interface AgentDisplay { hungup: boolean; disposition: boolean; dial: boolean }
export interface AgentsTable {
  operation_id: string; id: string; name: string; state: Generated<string>; aux_id: number | null;
  next_state: string | null; next_aux_id: number | null; state_since: Timestamp; call_id: string | null;
  last_call_id: string | null; display: ColumnType<AgentDisplay, string | undefined, string>;
  /** The wolkvox profile and switch (0024). */
  dni: Generated<string>; sso: Generated<string>; enabled: Generated<boolean>;
}
export interface AgentSkillsTable { operation_id: string; agent_id: string; skill_id: number; expertise: Generated<number> }
export interface CampaignsTable {
  operation_id: string; id: BigId; name: string; description: Generated<string>; type: string;
  dial_mode: Generated<string>; status: Generated<string>; speed: Generated<number>; skill_id: number | null;
  start_time: string | null; end_time: string | null; enable_edition: Generated<boolean>;
  opt_titles: ColumnType<Record<string, string>, string | undefined, string>; max_attempts: Generated<number>; created_at: Timestamp;
  /** CallingScheduleJson (src/domain/calling-schedule.ts); the migration's default is the Colombian rule. */
  calling_schedule: ColumnType<unknown, string | undefined, string>; one_contact_per_day: Generated<boolean>;
  /** The reasons the last campaign.dialling event gave ('' dialling; null none since started or stopped; 0018). */
  not_dialling_announced: Generated<string | null>;
}
/** The distinct time zones of a campaign's records, kept by triggers on records (0008). */
export interface CampaignZonesTable { operation_id: string; campaign_id: BigId; time_zone: string }
export interface RecordsTable {
  operation_id: string; campaign_id: BigId; customer_id: string;
  data: JSONColumnType<Record<string, string>>; phones: string[]; status: Generated<string>;
  attempts: Generated<number>; last_result: string | null; next_attempt_at: NullableTimestamp;
  recall_date: NullableTimestamp; recall_telephone: string | null; cod_act: string | null;
  cod_act_2: string | null; comment: string | null; created_at: Timestamp; seq: Generated<string>;
  /** Omitted on insert: the operation's zone (a trigger fills it). */
  time_zone: ColumnType<string, string | undefined, string>;
}
export interface PreviewHoldsTable {
  operation_id: string; campaign_id: BigId; customer_id: string; agent_id: string | null; until: Timestamp;
}
export interface CallsTable {
  id: string; operation_id: string; agent_id: string | null; campaign_id: BigId | null;
  customer_id: string | null; customer_name: string | null; phone: string; origin: string; state: string;
  held: Generated<boolean>; muted: Generated<boolean>; result: string | null; parent_call_id: string | null;
  placed_at: Timestamp; answered_at: NullableTimestamp; connected_at: NullableTimestamp; ended_at: NullableTimestamp;
  cod_act: string | null; cod_act_2: string | null; comments: string | null; disposed_at: NullableTimestamp;
  process_id?: string | null;
}
export interface CallbacksTable {
  id: Generated<string>; operation_id: string; agent_id: string | null; campaign_id: BigId | null;
  customer_id: string | null; phone: string; due_at: Timestamp; type_recall: string; status: Generated<string>;
  fired_at: NullableTimestamp; call_id: string | null; created_at: Timestamp;
}
export interface EventsTable {
  id: Generated<string>; operation_id: string; at: Timestamp; type: string; agent_id: string | null;
  campaign_id: BigId | null; call_id: string | null; data: JSONColumnType<Record<string, unknown>>;
  /** The inserting transaction (xid8, set by its default): how the sequencer finds what it has not numbered. */
  tx: ColumnType<string | null, never, never>;
}
/** An event's number in its operation's log (0027): readers go by seq, the event is never rewritten. */
export interface EventNumbersTable { operation_id: string; seq: BigId; event_id: BigId }

export interface WebhooksTable {
  id: Generated<string>; operation_id: string; url: string; secret: string; types: string[]; cursor_seq: BigId;
  created_at: Timestamp; deleted_at: NullableTimestamp; fanned_at: NullableTimestamp;
}
export interface WebhookDeliveriesTable {
  id: Generated<string>; webhook_id: BigId; event_seq: BigId; event_type: string; body: string; status: Generated<string>;
  attempts: Generated<number>; next_attempt_at: Timestamp; last_status: number | null; last_error: string | null;
  created_at: Timestamp; delivered_at: NullableTimestamp;
}

export interface IdempotencyKeysTable {
  operation_id: string; key: string; request_hash: string; status_code: number | null; response: string | null; created_at: Timestamp;
}

export interface DncNumbersTable {
  operation_id: string; phone: string; reason: Generated<string>; created_at: Timestamp; expires_at: NullableTimestamp;
}
export interface TrunksTable {
  id: Generated<string>; operation_id: string; uri: string; username: string | null; password: string | null; caller_id: string | null;
  max_calls: number | null; prefix: Generated<string>; strip: Generated<number>; ring_timeout_s: Generated<number>;
  created_at: Timestamp; updated_at: Timestamp; deleted_at: NullableTimestamp;
}
export interface AgentPhonesTable {
  operation_id: string; agent_id: string; contact: string | null; updated_at: Timestamp;
  /** A phone that registers: the digest HA1 of its password, never the password (0030). */
  password_ha1: string | null;
  // A registration (0020): all set or all null.
  registered_contact: Generated<string | null>; registered_given: Generated<string | null>;
  registered_transport: Generated<'udp' | 'tcp' | null>; registered_address: Generated<string | null>; registered_port: Generated<number | null>;
  registered_user_agent: Generated<string | null>; registered_at: Generated<Date | null>; registered_until: Generated<Date | null>;
}
export interface SipDialogsTable {
  id: string; process_id: string; operation_id: string; call_id: string | null; agent_id: string | null;
  state: ColumnType<unknown, string, string>; created_at: Timestamp;
}
export interface AuditLogTable {
  id: Generated<string>; operation_id: string; at: Timestamp; actor: string; address: string | null; via: string; action: string; target: Generated<string>;
}
export interface AllowedAddressesTable {
  operation_id: string; address: string; description: Generated<string>; created_at: Timestamp; expires_at: NullableTimestamp; last_used_at: NullableTimestamp;
}
export interface AgentStateHoursTable {
  operation_id: string; hour: Timestamp; agent_id: string; left_state: string; entered_state: string; at_sum: string; n: number;
}
export interface AgentStateRollupTable { operation_id: string; lo: Timestamp; hi: Timestamp }
export interface PacerProcessesTable { id: string; started_at: Timestamp; heartbeat_at: Timestamp }
export interface PacingLeasesTable { operation_id: string; campaign_id: BigId; owner: string | null; expires_at: Timestamp; since: Timestamp }

export interface Database {
  operations: OperationsTable; api_tokens: ApiTokensTable; token_slots: TokenSlotsTable;
  token_usage: TokenUsageTable; aux_states: AuxStatesTable; activity_codes: ActivityCodesTable;
  skills: SkillsTable; agents: AgentsTable; agent_skills: AgentSkillsTable; campaigns: CampaignsTable; campaign_zones: CampaignZonesTable;
  records: RecordsTable; calls: CallsTable; callbacks: CallbacksTable; events: EventsTable; event_numbers: EventNumbersTable;
  webhooks: WebhooksTable; webhook_deliveries: WebhookDeliveriesTable; idempotency_keys: IdempotencyKeysTable;
  dnc_numbers: DncNumbersTable; users: UsersTable; sessions: SessionsTable; pacer_processes: PacerProcessesTable; pacing_leases: PacingLeasesTable; sip_dialogs: SipDialogsTable;
  trunks: TrunksTable; agent_phones: AgentPhonesTable; preview_holds: PreviewHoldsTable;
  audit_log: AuditLogTable; allowed_addresses: AllowedAddressesTable;
  agent_state_hours: AgentStateHoursTable; agent_state_rollup: AgentStateRollupTable;
}
