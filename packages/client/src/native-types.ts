// Shapes of the native API's resources. The server's schemas (src/adapters/http/native/schemas.ts)
// are the source; test/client-types.test.ts makes the compiler fail if these drift from them.
import type { AgentButton, AgentState, CallbackStatus, CallOrigin, CallResult, CallState, CampaignStatus, CampaignType, ErrorCode, RecallType } from './wire.ts';

export interface Agent {
  id: string;
  name: string;
  state: AgentState;
  aux_id: number | null;
  next_state: string | null;
  state_since: string;
  call_id: string | null;
  last_call_id: string | null;
  display: Record<AgentButton, boolean>;
  /** Ids of the agent's skills. */
  skills: number[];
}

export interface Call {
  id: string;
  agent_id: string | null;
  campaign_id: string | null;
  customer_id: string | null;
  customer_name: string | null;
  phone: string;
  origin: CallOrigin;
  state: CallState;
  held: boolean;
  muted: boolean;
  result: CallResult | null;
  parent_call_id: string | null;
  placed_at: string;
  answered_at: string | null;
  connected_at: string | null;
  ended_at: string | null;
  cod_act: string | null;
  cod_act_2: string | null;
  comments: string | null;
}

export interface Callback {
  id: string;
  /** The owner; null for a campaign recall (any agent of the campaign takes it). */
  agent_id: string | null;
  campaign_id: string | null;
  customer_id: string | null;
  phone: string;
  due_at: string;
  type: RecallType;
  status: CallbackStatus;
  fired_at: string | null;
  call_id: string | null;
  created_at: string;
}

/** An agent's own callback (`agent_id`), or a recall of a campaign record (`campaign_id` and `customer_id`). */
export type NewCallbackRequest =
  | { agent_id: string; phone: string; due_at: string; type?: RecallType }
  | { campaign_id: string; customer_id: string; phone: string; due_at: string; type?: 'auto' };

export interface Skill { id: number; name: string }

export interface PacerEvent {
  seq: number;
  at: string;
  type: string;
  agent_id: string | null;
  campaign_id: string | null;
  call_id: string | null;
  data: Record<string, unknown>;
}

export interface Token { id: string; description: string; created_at: string; revoked_at: string | null }
export interface NewToken { id: string; description: string; token: string }
export interface Operation { id: string; name: string; time_zone: string; licenses: number; acw_s: number }
export interface NewOperationRequest { id: string; name: string; time_zone: string; licenses?: number; acw_s?: number }
export type OperationChange = Partial<Omit<Operation, 'id'>>;
export interface Webhook { id: string; url: string; types: string[]; created_at: string }
export interface NewWebhook extends Webhook { secret: string }
export interface WebhookDelivery {
  id: string; event_seq: number; event_type: string; status: 'pending' | 'delivered' | 'failed'; attempts: number;
  next_attempt_at: string; last_status: number | null; last_error: string | null; created_at: string; delivered_at: string | null;
}

export interface Page<T> { data: T[]; next_cursor: string | null }
export interface ErrorBody { error: { code: ErrorCode; status: number; message: string } }

export type StatusRequest = 'ready' | 'logout' | number;
export interface RecallRequest { phone: string; at: string; type: RecallType }

export interface Campaign {
  id: string;
  name: string;
  description: string;
  type: CampaignType;
  /** The pacing the dialer uses: predictive, preview, progressive, ratio:X or adapt. */
  dial_mode: string;
  status: CampaignStatus;
  /** Abandon target from 0 % (0) to the 3 % ceiling (100). */
  speed: number;
  skill_id: number | null;
  /** Calling window, HH:MM:SS local time. */
  start_time: string | null;
  end_time: string | null;
  enable_edition: boolean;
  opt_titles: Record<string, string>;
  calling_schedule: CallingSchedule;
  /** At most one contact (a call a person answered) per record per local day. */
  one_contact_per_day: boolean;
}

/**
 * When the dialer may call a record, in the record's local time: per weekday, local "HH:MM-HH:MM"
 * intervals in order ([] closed), and a holiday calendar whose days are closed (CO: Colombia).
 */
export interface CallingSchedule {
  mon: string[]; tue: string[]; wed: string[]; thu: string[]; fri: string[]; sat: string[]; sun: string[];
  holidays: 'CO' | 'none';
}
/** A weekday left out is closed; `holidays` is required, so that leaving it out never opens them. */
export type CallingScheduleRequest = Partial<Omit<CallingSchedule, 'holidays'>> & Pick<CallingSchedule, 'holidays'>;

type OptTitle = `opt${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12}`;

export interface NewCampaignRequest {
  type: CampaignType;
  name: string;
  description?: string;
  /** HH:MM or HH:MM:SS, local time. */
  start_time?: string;
  end_time?: string;
  skill_id?: number;
  enable_edition?: boolean;
  opt_titles?: { [K in OptTitle]?: string };
  calling_schedule?: CallingScheduleRequest;
  one_contact_per_day?: boolean;
}

export interface CampaignChange { status?: CampaignStatus; speed?: number; calling_schedule?: CallingScheduleRequest; one_contact_per_day?: boolean }

/** Record statuses: fresh (dialable when due), dialing (a call in flight), done (never again). */
export type RecordStatus = 'fresh' | 'dialing' | 'done';

export interface CampaignRecord {
  campaign_id: string;
  customer_id: string;
  data: Record<string, string>;
  phones: string[];
  status: RecordStatus;
  attempts: number;
  last_result: string | null;
  /** When the dialer may try it next (null: never tried, or finished). */
  next_attempt_at: string | null;
  /** The record's IANA time zone: its calling schedule is read in it. */
  time_zone: string;
  recall_date: string | null;
  recall_telephone: string | null;
  cod_act: string | null;
  cod_act_2: string | null;
  comment: string | null;
}

/** A row to load: customer_id, tel1…tel10, customer_name, opt1…, recall_date (YYYYmmddHHiiss). */
export type RecordRow = Record<string, string | number | null>;

export interface RecordsLoaded {
  added: number;
  updated: number;
  rejected: { index: number; customer_id: string | null; reason: string }[];
}

export interface RecordFilter { campaign?: string; customer_id?: string; phone?: string; status?: RecordStatus; cursor?: string; limit?: number }
