// The engine as every face sees it: use cases and queries, nothing else. A face (the wolkvox
// routes, the native API, the console) translates a request into one call here and its answer
// into a response; admission, the transaction and the commit are the engine's.
import type { StatusRequest, AgentButton } from '../domain/agent.ts';
import type { Call } from '../domain/call.ts';
import type { CallResult } from '../domain/call-state.ts';
import type { Callback } from '../domain/callback.ts';
import type { Campaign, CampaignRecord, CampaignType } from '../domain/campaign.ts';
import type { RecallType } from '../domain/callback.ts';
import type { RequestTime } from '../domain/request-time.ts';
import type { OutboundPolicy } from '../domain/outbound-number.ts';
import type { AgentPhoneRequest } from '../domain/agent-phone.ts';
import type { TrunkChange } from '../domain/trunk.ts';
import type { Principal } from '../domain/permission.ts';
import type { Access, AdminCaller, Caller } from './access.ts';
import type { DialRequest } from './agentbox/dial.ts';
import type { Disposition } from './agentbox/hang.ts';
import type { ChangeStatusResult } from './agentbox/change-status.ts';
import type { PreviewKey, PreviewOffer } from './agentbox/preview.ts';
import type { RecordRef } from './agentbox/recall.ts';
import type { AddRecordsReport } from './campaign/add-records.ts';
import type { CampaignStats } from './campaign/stats.ts';
import type { CampaignSeries } from './campaign/series.ts';
import type { SeriesBucketMinutes } from '../domain/campaign-stats.ts';
import type { CampaignChange } from './campaign/change.ts';
import type { Codification } from './campaign/codify.ts';
import type { CreateCampaign } from './campaign/create.ts';
import type { CampaignEdit } from './campaign/edit.ts';
import type { RecordSearch } from './campaign/find-record.ts';
import type { RecordMatch } from './ports/records.ts';
import type { NewCallback } from './native/callbacks.ts';
import type { OperationChange } from './native/operations.ts';
import type { DncEntry } from './ports/dnc.ts';
import type { IdempotencyClaim } from './ports/idempotency.ts';
import type {
  AgentFilter, AgentPhoneView, AgentView, CallbackFilter, CallFilter, CampaignFilter, Page, RecordFilter, TokenInfo, TrunkView,
} from './ports/read-model.ts';
import type { ExportedRecord, LastCall, ManagedRecord } from './ports/campaigns.ts';
import type { CampaignsDeleted } from './campaign/delete.ts';
import type { EventQuery, StoredEvent } from './ports/events.ts';
import type { Operation } from './ports/operations.ts';
import type { Delivery, Webhook } from './ports/webhooks.ts';
import type { StreamEnd, StreamSink } from './events/stream.ts';
import type { SignedIn, SignIn } from './sessions.ts';
import type { User } from './ports/users.ts';
import type { AgentProfile } from './native/agent-admin.ts';
import type { NewAllowedAddress } from './native/allow-list.ts';
import type { AgentEntry, CampaignEntry, CodeEntry, SkillEntry, SkillMember, TokenUse } from './ports/directory.ts';
import type { AuditEntry } from './ports/audit.ts';
import type { AllowedAddress } from './ports/allow-list.ts';
import type { RealTimeUseCases, ReportUseCases } from './reports/use-cases.ts';

// The shapes a face reads in answers and builds requests from.
export type { Access, AdminCaller, Caller } from './access.ts';
export type { Principal } from '../domain/permission.ts';
export type { SignedIn, SignIn, User };
export type { AddRecordsReport, AgentPhoneView, AgentView, CampaignEdit, CampaignSeries, CampaignStats, CampaignsDeleted, ExportedRecord, RecordMatch, Delivery, LastCall, ManagedRecord, NewCallback, Operation, StreamEnd, StreamSink, TrunkView, Webhook };
export type { AgentPhoneRequest, TrunkChange };
export type { AgentEntry, AgentProfile, AllowedAddress, AuditEntry, CampaignEntry, CodeEntry, NewAllowedAddress, SkillEntry, SkillMember, TokenUse };
export type { PreviewKey, PreviewOffer };
export { wireEvent } from './events/wire-event.ts';
export type { RealTimeUseCases, ReportUseCases } from './reports/use-cases.ts';
export type { AgentTimeReport, AgentTimeRow } from './reports/agent-time.ts';
export type { AgentStatesReport, SessionsReport } from './reports/agent-states.ts';
export type { CallsReport, PreviewReport, TallyKind } from './reports/calls.ts';
export type { Range as ReportRange } from './reports/range.ts';
export type { LiveAgent, LiveAgents, LiveCampaign } from './reports/real-time.ts';
export type { AgentLine, OpenRecall, ReportCall, SkillFigures, Tally } from './ports/reports.ts';

/** A use case: admitted by `access`, run in one transaction, committed before it answers. */
type UseCase<A extends unknown[], R = void> = (access: Access, ...args: A) => Promise<R>;
/** A read of the caller's operation: no locks, nothing changes. */
type Query<A extends unknown[], R> = (caller: Caller, ...args: A) => Promise<R>;
/** A filter of a list query, scoped to the caller's operation by the engine. */
type Scoped<F> = Omit<F, 'operationId'>;

/** `record`: the campaign record it is for (else the record of the agent's current or last call); `customerName` names an unnamed record. */
export interface AgentRecall { agentId: string; phone: string; dueAt: RequestTime; type: RecallType; record?: RecordRef; customerName?: string }
/** An agent's open recall of `record`, moved (to `agentId`, `dueAt`, and the phone and style given). */
export interface AgentRecallEdit { agentId: string; record: RecordRef; dueAt: RequestTime; phone?: string; type?: RecallType; customerName?: string }
/** The agent's open recalls of `record` to cancel (only those to `phone`, or of `type`, when given). */
export interface AgentRecallRemoval { agentId: string; record: RecordRef; phone?: string; type?: RecallType }
export interface RecordRecall { campaignId: string; customerId: string; phone: string; dueAt: RequestTime; type?: CampaignType }
export interface NewOperation { id: string; name: string; timeZone: string; licenses: number; acwS: number }
export type EventFilter = Scoped<EventQuery>;
/** Rows of a list, the operation they are of, and its zone (their times are shown on its clock). */
export interface Listed<T> { items: T[]; operationId: string; timeZone: string }

export interface AgentboxUseCases {
  changeStatus: UseCase<[agentId: string, status: StatusRequest], ChangeStatusResult>;
  dial: UseCase<[request: DialRequest], { connId: string }>;
  hold: UseCase<[agentId: string], { held: boolean }>;
  mute: UseCase<[agentId: string], { muted: boolean }>;
  hang: UseCase<[agentId: string], { connId: string }>;
  /** Disposition of the agent's current or last call. */
  type: UseCase<[agentId: string, disposition: Disposition], { connId: string }>;
  hangTypeReady: UseCase<[agentId: string, disposition: Disposition], { connId: string }>;
  /** Blind transfer to another agent's extension or an outside number. */
  transfer: UseCase<[agentId: string, target: string], { connId: string }>;
  auxCall: UseCase<[agentId: string, phone: string], { connId: string }>;
  recall: UseCase<[request: AgentRecall], { callbackId: string }>;
  /** The recall as it is after the change. */
  editRecall: UseCase<[request: AgentRecallEdit], Callback>;
  /** How many recalls were cancelled (at least one; none is a 404). */
  deleteRecall: UseCase<[request: AgentRecallRemoval], { cancelled: number }>;
  dtmf: UseCase<[agentId: string, tones: string], { connId: string }>;
  display: UseCase<[agentId: string, button: AgentButton, show: boolean]>;
  /** The record the agent previews (held for it), or the next of its preview campaigns when it is ready. */
  preview: UseCase<[agentId: string], PreviewOffer>;
  /** Dials the previewed record: an attempt of it, connected to the agent. */
  previewDial: UseCase<[agentId: string, record: PreviewKey], { connId: string }>;
  /** Sets the previewed record aside for a while; answers the next one. */
  previewSkip: UseCase<[agentId: string, record: PreviewKey], PreviewOffer>;
}

export interface CampaignUseCases {
  create: UseCase<[request: CreateCampaign], { campaignId: string }>;
  addRecords: UseCase<[campaignId: string, rows: readonly unknown[], type?: CampaignType], AddRecordsReport>;
  start: UseCase<[campaignId: string, type?: CampaignType]>;
  stop: UseCase<[campaignId: string, type?: CampaignType]>;
  speed: UseCase<[campaignId: string, speed: number, type?: CampaignType]>;
  /** Name, description, calling window, skill, editing, extra-field titles, each optional; the campaign after. */
  edit: UseCase<[campaignId: string, edit: CampaignEdit], Campaign>;
  /** Speed, run state and compliance settings, each optional. */
  change: UseCase<[campaignId: string, change: CampaignChange]>;
  recall: UseCase<[request: RecordRecall], { callbackId: string }>;
  codify: UseCase<[request: Codification]>;
  /** Records whose last result or disposition matches are made new again; how many. */
  recallRecords: UseCase<[campaignId: string, match: RecordMatch, type?: CampaignType], { reopened: number }>;
  removeRecord: UseCase<[campaignId: string, customerId: string, type?: CampaignType]>;
  /** Several records together, or none (one unknown or on a call refuses them all). */
  removeRecords: UseCase<[campaignId: string, customerIds: readonly string[], type?: CampaignType]>;
  clear: UseCase<[campaignId: string, result?: CallResult, type?: CampaignType], { deleted: number }>;
  /** The records found, and the operation's zone their dates are read in. */
  /** The records found with the last call of each (null: never called), and the operation's zone their dates are read in. */
  findRecords: UseCase<[search: RecordSearch], { records: CampaignRecord[]; lastCalls: (LastCall | null)[]; timeZone: string }>;
  /** The records managed in the range (with `codified`, those closed from outside too), and the operation's zone. */
  detail: UseCase<[campaignId: string, from: RequestTime, to: RequestTime, codified: boolean, type?: CampaignType], { records: ManagedRecord[]; timeZone: string }>;
  /** Every record of the campaign (at most 60,000) as its export tells it, and the operation's zone. */
  export: UseCase<[campaignId: string], { records: ExportedRecord[]; timeZone: string }>;
  delete: UseCase<[campaignId: string, type?: CampaignType]>;
  /** Records of a predictive campaign closed as do-not-call (ids it does not have are skipped); how many. */
  blockRecords: UseCase<[campaignId: string, customerIds: readonly string[]], { blocked: number }>;
  /** Each campaign deleted as alone; the refusal of one leaves the others to go. */
  deleteMany: UseCase<[campaignIds: readonly string[], type?: CampaignType], CampaignsDeleted>;
}

export interface Engine {
  /** The native caller a bearer token is (no concurrency slot: streams are long-lived); 401/403 otherwise. */
  authenticate(token: string | undefined, address?: string | null): Promise<Caller>;
  agentbox: AgentboxUseCases;
  campaign: CampaignUseCases;
  /** Reports over a range of the history (reports_manager.php, customer.php, /v1/reports). */
  reports: ReportUseCases;
  /** The floor now (real_time.php, /v1/real-time). */
  realTime: RealTimeUseCases;
  agents: {
    /** Creates the agent (logged out) or renames it; true when created. */
    put: UseCase<[agentId: string, name: string], boolean>;
    remove: UseCase<[agentId: string]>;
    setSkills: UseCase<[agentId: string, skillIds: readonly number[]]>;
    /** A new agent with the next free extension and its console user (named by the extension); null: a random password, answered here only. */
    create: UseCase<[profile: AgentProfile, password: string | null], { agentId: string; password: string }>;
    /** Changes the profile fields given; a password goes to its console user. */
    edit: UseCase<[agentId: string, change: Partial<AgentProfile>, password?: string]>;
    /** A disabled agent cannot go ready, take an auxiliary state or sign in; only a logged-out agent is disabled. */
    setEnabled: UseCase<[agentId: string, enabled: boolean]>;
    addSkill: UseCase<[agentId: string, skillId: number, expertise: number]>;
    removeSkill: UseCase<[agentId: string, skillId: number]>;
    get: Query<[agentId: string], AgentView | undefined>;
    list: Query<[filter: Scoped<AgentFilter>], Page<AgentView>>;
    /** Sets the agent's SIP phone: exactly one of a registration password or a fixed contact. */
    setPhone: UseCase<[agentId: string, request: AgentPhoneRequest], AgentPhoneView>;
    /** The agent's phone; 404 naming what is missing, the agent or its phone. */
    phone: Query<[agentId: string], AgentPhoneView>;
    removePhone: UseCase<[agentId: string]>;
  };
  /** The operation's SIP trunks; the first (lowest id) is the default. A password is never answered. */
  trunks: {
    create: UseCase<[request: TrunkChange], TrunkView>;
    /** Changes the fields given; null clears an optional one (or puts back its default). */
    change: UseCase<[trunkId: string, change: TrunkChange], TrunkView>;
    remove: UseCase<[trunkId: string]>;
    get: Query<[trunkId: string], TrunkView | undefined>;
    list: Query<[], TrunkView[]>;
  };
  skills: {
    /** Creates or renames the skill; a description given replaces its description. */
    put: UseCase<[skillId: number, name: string, description?: string]>;
    /** A new skill with the next free id. */
    create: UseCase<[name: string, description: string], { skillId: number }>;
    edit: UseCase<[skillId: number, change: { name?: string; description?: string }]>;
    list: Query<[], { id: number; name: string; description: string }[]>;
  };
  callbacks: {
    create: UseCase<[request: NewCallback], { callbackId: string }>;
    reschedule: UseCase<[callbackId: string, dueAt: number]>;
    cancel: UseCase<[callbackId: string], { changed: boolean }>;
    get: Query<[callbackId: string], Callback | undefined>;
    list: Query<[filter: Scoped<CallbackFilter>], Page<Callback>>;
  };
  calls: {
    get: Query<[callId: string], Call | undefined>;
    list: Query<[filter: Scoped<CallFilter>], Page<Call>>;
    /** The campaign record the call was placed for; 404 when it has none or the caller may not read the call. */
    record: Query<[callId: string], CampaignRecord>;
  };
  campaigns: {
    get: Query<[campaignId: string], Campaign | undefined>;
    list: Query<[filter: Scoped<CampaignFilter>], Page<Campaign>>;
    /** Its live state (engine/campaign/stats.ts), for the floor: 404 for a campaign the operation does not have. */
    stats: Query<[campaignId: string], CampaignStats>;
    /** Its day so far in buckets (engine/campaign/series.ts), for the floor's charts: 404 as stats. */
    series: Query<[campaignId: string, bucketMinutes: SeriesBucketMinutes], CampaignSeries>;
  };
  records: {
    list: Query<[filter: Scoped<RecordFilter>], Page<CampaignRecord>>;
  };
  configuration: {
    putAuxState: UseCase<[auxId: number, name: string]>;
    removeAuxState: UseCase<[auxId: number]>;
    removeActivityCode: UseCase<[group: 1 | 2, code: string]>;
    auxStates: Query<[], { id: number; name: string }[]>;
    putActivityCode: UseCase<[group: 1 | 2, code: string, name: string, flags?: readonly string[]]>;
    /** A new code; one that exists is a 409. */
    createActivityCode: UseCase<[group: 1 | 2, code: string, name: string, flags: readonly string[]]>;
    /** The name (when given) and the flags named (true set, false cleared) of an existing code. */
    editActivityCode: UseCase<[group: 1 | 2, code: string, change: { name?: string; flags: Readonly<Record<string, boolean>> }]>;
    /** Several codes of a group, all or none. */
    removeActivityCodes: UseCase<[group: 1 | 2, codes: readonly string[]]>;
    activityCodes: Query<[], { group: 1 | 2; code: string; name: string; flags: string[] }[]>;
    addDnc: UseCase<[phones: string[], reason: string, days: number | null], { added: number; renewed: number }>;
    removeDnc: UseCase<[phone: string]>;
    /** Unblocks those of the numbers on the list, or all; how many. */
    removeDncNumbers: UseCase<[phones: readonly string[] | 'all'], number>;
    dnc: Query<[cursor: string | undefined, limit: number], Page<DncEntry>>;
    /** Which numbers the operation may call (src/domain/outbound-number.ts). */
    outboundPolicy: Query<[], OutboundPolicy>;
    /** Replaces the policy, given as the native API's JSON; answers it as stored. */
    setOutboundPolicy: UseCase<[policy: unknown], OutboundPolicy>;
  };
  /** What information.php lists (each a read of the caller's operation), with the operation's zone its times are shown in. */
  information: {
    agents: UseCase<[agentId?: string], Listed<AgentEntry>>;
    skills: UseCase<[skillId?: number], Listed<SkillEntry>>;
    /** 404 for a skill the operation does not have. */
    agentsInSkill: UseCase<[skillId: number], Listed<SkillMember>>;
    campaigns: UseCase<[campaignId?: string], Listed<CampaignEntry>>;
    activityCodes: UseCase<[code?: string], Listed<CodeEntry>>;
    /** The calling token's use today (this call counted). */
    tokenUse: UseCase<[], TokenUse>;
    /** The do-not-call list, at most `limit` numbers. */
    dnc: UseCase<[limit: number], Listed<DncEntry>>;
    /**
     * Administrative changes in [from, to] (at most 31 days; by default the day up to now), newest
     * first; `params` name the bounds in a refusal.
     */
    auditLog: UseCase<[from: RequestTime | undefined, to: RequestTime | undefined, params?: { from: string; to: string }], Listed<AuditEntry>>;
  };
  /** The addresses the operation's tokens may be used from (none: any). */
  allowList: {
    add: UseCase<[entry: NewAllowedAddress], AllowedAddress>;
    remove: UseCase<[address: string]>;
    list: UseCase<[], Listed<AllowedAddress>>;
  };
  operation: {
    get: Query<[], Operation>;
  };
  tokens: {
    /** A new token; its value is in this answer only (it is kept as a hash). */
    /** `principal`: the new token's role (and agent); by default admin. Never above the creator's. */
    create: UseCase<[description: string, principal?: Principal], { id: string; token: string }>;
    revoke: UseCase<[tokenId: string]>;
    list: Query<[cursor: string | undefined, limit: number], Page<TokenInfo>>;
  };
  webhooks: {
    create: UseCase<[url: string, types: string[]], Webhook>;
    remove: UseCase<[webhookId: string]>;
    list: Query<[], Webhook[]>;
    /** The delivery log of one webhook; undefined if the operation has no such webhook. */
    deliveries: Query<[webhookId: string, cursor: string | undefined, limit: number], Page<Delivery> | undefined>;
  };
  events: {
    read: Query<[filter: EventFilter], StoredEvent[]>;
    /**
     * Opens `sink` and streams the events after `filter.afterSeq` into it until the client goes or
     * the token is revoked (engine/events/stream.ts); 429 before opening when the token holds the
     * most streams it may.
     */
    stream: Query<[filter: Omit<EventFilter, 'limit'>, sink: StreamSink], StreamEnd>;
    /** The operation's last seq (0 when none): a stream opened after it shows what happens from now on. */
    latest: Query<[], number>;
  };
  /** Signing in to the console (engine/sessions.ts): `value` is the session cookie's. */
  sessions: {
    signIn(request: SignIn): Promise<SignedIn>;
    /** The caller a session is; a change (`unsafe`) must carry the session's CSRF token. */
    authenticate(value: string, csrf: string | undefined, unsafe: boolean, address?: string | null): Promise<Caller>;
    current(value: string): Promise<(User & { csrf: string }) | undefined>;
    signOut(value: string): Promise<void>;
  };
  /** People who sign in to the console (admin only); changing or deleting one ends its sessions. */
  users: {
    create: UseCase<[username: string, password: string, principal: Principal], User>;
    change: UseCase<[userId: string, change: { password?: string; principal?: Principal }], User>;
    remove: UseCase<[userId: string]>;
    get: Query<[userId: string], User | undefined>;
    list: Query<[cursor: string | undefined, limit: number], Page<User>>;
  };
  /** Idempotency-Key of the native creates: the first answer of a key is kept and replayed. */
  idempotency: {
    claim: Query<[key: string, requestHash: string], IdempotencyClaim>;
    complete: Query<[key: string, statusCode: number, response: string], void>;
    release: Query<[key: string], void>;
  };
  /** The admin API (operations): PACER_ADMIN_TOKEN, not an operation's token. */
  admin: {
    /** The admin caller a bearer token is; 403 when the admin API is off or the token is wrong. */
    authenticate(token: string | undefined): AdminCaller;
    list(admin: AdminCaller, cursor: string | undefined, limit: number): Promise<Page<Operation>>;
    get(admin: AdminCaller, operationId: string): Promise<Operation | undefined>;
    create(admin: AdminCaller, operation: NewOperation): Promise<{ operation: Operation; token: { id: string; token: string } }>;
    change(admin: AdminCaller, operationId: string, change: OperationChange): Promise<Operation>;
    createToken(admin: AdminCaller, operationId: string, description: string): Promise<{ id: string; token: string }>;
  };
}
