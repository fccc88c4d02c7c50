// PacerClient: Pacer's native API, typed, with an async iterator over the event stream that
// reconnects and resumes after the last event it saw (Last-Event-ID), so no event is lost.
// It speaks as a token (Authorization: Bearer) or, made without one, as a console session: the
// session cookie goes with every request (in a browser by `credentials: 'same-origin'`; in Node,
// which keeps no cookies, the client keeps the one sign-in set) and every change carries the
// session's CSRF token as X-CSRF-Token.
import type { AgentButton, CallbackStatus, ErrorCode, PacerEvent, SeriesBucketMinutes } from '@pacer/vocabulary';
import type { ErrorBody, Page } from './native-envelopes.ts';
import type { AgentPhoneRequest, NewCallbackRequest, RecordRow, StatusRequest } from './native-requests.ts';
import type {
  Agent, Call, Callback, Campaign, CampaignChange, CampaignRecord, CampaignSeries, CampaignStats, NewCampaignRequest, NewOperationRequest, NewToken, NewTokenRequest, NewUserRequest, Operation, OperationChange,
  Preview, PreviewRecord, RecallRequest, RecordFilter, RecordsLoaded, Session, Skill, Token, User, UserChange,
} from './native-types.ts';
import type { ActivityCode, AgentProfileRequest, AuxState, DncAdded, DncEntry, NewDncRequest } from './native-types.ts';
import type { NewWebhook, OutboundPolicy, OutboundPolicyRequest, Webhook, WebhookDelivery } from './native-types.ts';
import type { AgentPhone, NewTrunkRequest, Trunk, TrunkChange } from './native-types.ts';
import type { AllowedAddress, AuditEntry, NewAllowedAddressRequest } from './native-types.ts';
import type { AgentTimeQuery, AgentTimeReport, CallsQuery, CallsReport, LiveAgents } from './native-types.ts';

export interface PacerClientOptions {
  /** Where Pacer answers; in a browser, `location.origin`. */
  baseUrl: string;
  /** A token of the operation; leave it out to act as a console session (`session.signIn`). */
  token?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Wait before reconnecting a dropped event stream (default 1 s, doubled up to 30 s). */
  reconnectMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A refusal of the native API: the catalogue's code, the HTTP status, the message. */
export class PacerApiError extends Error {
  readonly code: ErrorCode | 'TRANSPORT';
  readonly status: number;
  /** Seconds to wait before trying again, when the server said (Retry-After: 429 refusals). */
  readonly retryAfterS: number | undefined;
  constructor(code: ErrorCode | 'TRANSPORT', status: number, message: string, retryAfterS?: number) {
    super(message);
    this.name = 'PacerApiError';
    this.code = code;
    this.status = status;
    this.retryAfterS = retryAfterS;
  }
}

function retryAfterOf(response: Response): number | undefined {
  const raw = response.headers.get('retry-after');
  return raw !== null && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
}

/** Methods that change nothing, so a session sends them without its CSRF token. */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

type Query = Record<string, string | number | boolean | undefined>;

export interface EventFilter { agent?: string; campaign?: string; types?: string[] }
/** `from`/`to` bound the due time (ISO 8601): due at or after `from`, before `to`. */
export interface CallbackFilter { agent?: string; campaign?: string; status?: CallbackStatus; from?: string; to?: string; cursor?: string; limit?: number }

export class PacerClient {
  readonly #o: Required<Omit<PacerClientOptions, 'token'>> & { token: string | undefined };
  /** A session's CSRF token, once signed in (or once `session.current` found the session). */
  #csrf: string | undefined;
  /** The session cookie, where this client can see it (Node); a browser keeps it itself. */
  #cookie: string | undefined;

  constructor(options: PacerClientOptions) {
    if (options.token === '') throw new TypeError('PacerClient needs a token, or none at all for a console session');
    this.#o = {
      fetch: globalThis.fetch.bind(globalThis), timeoutMs: 60_000, reconnectMs: 1000,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)), ...options, token: options.token, baseUrl: options.baseUrl.replace(/\/+$/, ''),
    };
  }

  /** Who the request is: the bearer token, or the session (its cookie where we hold it, its CSRF token on changes). */
  #credentials(method: string): { headers: Record<string, string>; credentials?: 'same-origin' } {
    if (this.#o.token !== undefined) return { headers: { authorization: `Bearer ${this.#o.token}` } };
    const headers: Record<string, string> = {};
    if (this.#cookie !== undefined) headers.cookie = this.#cookie;
    if (this.#csrf !== undefined && !safeMethods.has(method)) headers['x-csrf-token'] = this.#csrf;
    return { headers, credentials: 'same-origin' };
  }

  /** Keeps what a session answer carries: its CSRF token, and the cookie where it is visible. */
  #keepSession(response: Response, session: Session | undefined): void {
    this.#csrf = session?.csrf_token;
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (cookie !== undefined) this.#cookie = cookie.endsWith('=') ? undefined : cookie;
  }

  #url(path: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    const q = params.toString();
    return `${this.#o.baseUrl}${path}${q ? `?${q}` : ''}`;
  }

  async request<T>(method: string, path: string, options: { query?: Query; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    return (await this.#send<T>(method, path, options)).json;
  }

  async #send<T>(method: string, path: string, options: { query?: Query; body?: unknown; headers?: Record<string, string> }): Promise<{ json: T; response: Response }> {
    const who = this.#credentials(method);
    const headers: Record<string, string> = { ...who.headers, ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.#o.fetch(this.#url(path, options.query), {
        method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: AbortSignal.timeout(this.#o.timeoutMs),
        ...(who.credentials ? { credentials: who.credentials } : {}),
      });
    } catch (error) {
      throw new PacerApiError('TRANSPORT', 0, `${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.status === 204) return { json: undefined as T, response };
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PacerApiError('TRANSPORT', response.status, `${method} ${path} answered HTTP ${response.status} without JSON`);
    }
    if (!response.ok) {
      const e = (json as Partial<ErrorBody>).error;
      throw new PacerApiError(e?.code ?? 'INTERNAL', response.status, e?.message ?? `HTTP ${response.status}`, retryAfterOf(response));
    }
    return { json: json as T, response };
  }

  /**
   * The console's session (a client made without a token). `signIn` refuses with
   * SIGN_IN_FAILED (wrong user or password: the server never says which), SIGN_IN_LOCKED (with
   * `retryAfterS`), or OPERATION_REQUIRED when the name exists in several operations.
   */
  readonly session = {
    signIn: async (username: string, password: string, operation?: string): Promise<Session> => {
      const { json, response } = await this.#send<Session>('POST', '/v1/session', { body: { username, password, ...(operation ? { operation } : {}) } });
      this.#keepSession(response, json);
      return json;
    },
    /** The signed-in session, or undefined when there is none (never signed in, ended, expired). */
    current: async (): Promise<Session | undefined> => {
      try {
        const { json, response } = await this.#send<Session>('GET', '/v1/session', {});
        this.#keepSession(response, json);
        return json;
      } catch (error) {
        if (error instanceof PacerApiError && error.code === 'SESSION_INVALID') return undefined;
        throw error;
      }
    },
    signOut: async (): Promise<void> => {
      const { response } = await this.#send<void>('DELETE', '/v1/session', {});
      this.#keepSession(response, undefined);
    },
  };

  operation(): Promise<Operation> {
    return this.request('GET', '/v1/operation');
  }

  /** The admin API: a client made with PACER_ADMIN_TOKEN as its token. */
  readonly operations = {
    list: (q: { cursor?: string; limit?: number } = {}) => this.request<Page<Operation>>('GET', '/v1/operations', { query: q }),
    get: (id: string) => this.request<Operation>('GET', `/v1/operations/${encodeURIComponent(id)}`),
    /** Creates the operation with a first token, whose value is in this answer only. */
    create: (p: NewOperationRequest) => this.request<{ operation: Operation; token: NewToken }>('POST', '/v1/operations', { body: p }),
    change: (id: string, change: OperationChange) => this.request<Operation>('PATCH', `/v1/operations/${encodeURIComponent(id)}`, { body: change }),
  };

  readonly tokens = {
    list: (q: { cursor?: string; limit?: number } = {}) => this.request<Page<Token>>('GET', '/v1/tokens', { query: q }),
    /** A token with a role (default admin; an agent token names its agent): its value is in this answer only. */
    create: (description: string, role: Omit<NewTokenRequest, 'description'> = {}) =>
      this.request<NewToken>('POST', '/v1/tokens', { body: { description, ...role } }),
    revoke: (id: string) => this.request<void>('DELETE', `/v1/tokens/${encodeURIComponent(id)}`),
  };

  /** Administrative changes: who, from which address, through which face, what (admin tokens only). */
  readonly auditLog = {
    /** Newest first; `from`/`to` are ISO 8601 (by default the last day; at most 31 days). */
    list: (q: { from?: string; to?: string } = {}) => this.request<{ data: AuditEntry[] }>('GET', '/v1/audit-log', { query: q }),
  };

  /** The addresses the operation's tokens may be used from; none: any (admin tokens only). */
  readonly allowedAddresses = {
    list: () => this.request<{ data: AllowedAddress[] }>('GET', '/v1/allowed-addresses'),
    /** Once there is one, tokens are refused from any other address: add the one this client runs from first. */
    add: (p: NewAllowedAddressRequest) => this.request<AllowedAddress>('POST', '/v1/allowed-addresses', { body: p }),
    remove: (address: string) => this.request<void>('DELETE', `/v1/allowed-addresses/${encodeURIComponent(address)}`),
  };

  /** People who sign in to the console (admin tokens only). */
  readonly users = {
    list: (q: { cursor?: string; limit?: number } = {}) => this.request<Page<User>>('GET', '/v1/users', { query: q }),
    get: (id: string) => this.request<User>('GET', `/v1/users/${encodeURIComponent(id)}`),
    create: (user: NewUserRequest) => this.request<User>('POST', '/v1/users', { body: user }),
    /** A new password or role; the user's sessions end. */
    change: (id: string, change: UserChange) => this.request<User>('PATCH', `/v1/users/${encodeURIComponent(id)}`, { body: change }),
    remove: (id: string) => this.request<void>('DELETE', `/v1/users/${encodeURIComponent(id)}`),
  };

  readonly agents = {
    list: (q: { state?: Agent['state']; cursor?: string; limit?: number } = {}) => this.request<Page<Agent>>('GET', '/v1/agents', { query: q }),
    get: (id: string) => this.request<Agent>('GET', `/v1/agents/${encodeURIComponent(id)}`),
    /** Creates the agent (logged out) with this extension, or renames it. */
    put: (id: string, name: string) => this.request<Agent>('PUT', `/v1/agents/${encodeURIComponent(id)}`, { body: { name } }),
    /** Changes the agent's name or profile (dni, sso): the fields given. */
    edit: (id: string, change: AgentProfileRequest) => this.request<Agent>('PATCH', `/v1/agents/${encodeURIComponent(id)}`, { body: change }),
    /** Enables the agent. */
    enable: (id: string) => this.#act<Agent>(id, 'enable'),
    /** Disables a logged-out agent: it cannot go ready, take an auxiliary state or sign in (AGENT_STATE when it is not logged out). */
    disable: (id: string) => this.#act<Agent>(id, 'disable'),
    /** Deletes a logged-out agent; its open callbacks are cancelled. */
    remove: (id: string) => this.request<void>('DELETE', `/v1/agents/${encodeURIComponent(id)}`),
    setStatus: (id: string, status: StatusRequest) => this.#act<{ agent: Agent; deferred: boolean }>(id, 'status', { status }),
    dial: (id: string, p: { phone: string; customer_id?: string; customer_name?: string }) => this.#act<{ agent: Agent; conn_id: string }>(id, 'dial', p),
    hold: (id: string) => this.#act<{ agent: Agent }>(id, 'hold'),
    mute: (id: string) => this.#act<{ agent: Agent }>(id, 'mute'),
    hang: (id: string) => this.#act<{ agent: Agent; conn_id: string }>(id, 'hang'),
    disposition: (id: string, p: { cod_act: string; cod_act_2?: string; comments?: string }) => this.#act<{ agent: Agent; conn_id: string }>(id, 'disposition', p),
    transfer: (id: string, to: string) => this.#act<{ agent: Agent; conn_id: string }>(id, 'transfer', { to }),
    dtmf: (id: string, tones: string) => this.#act<{ conn_id: string }>(id, 'dtmf', { tones }),
    display: (id: string, button: AgentButton, show: boolean) => this.#act<{ agent: Agent }>(id, 'display', { button, show }),
    recall: (id: string, p: RecallRequest) => this.#act<{ callback_id: string }>(id, 'recall', p),
    /** The record the agent previews (held for it), or the next of its preview campaigns when it is ready; `next` null when none. */
    preview: (id: string) => this.#act<Preview>(id, 'preview'),
    /** Dials the previewed record (an attempt of it); NUMBER_REFUSED when the operation may not call its phone. */
    previewDial: (id: string, record: PreviewRecord) => this.#act<{ agent: Agent; conn_id: string }>(id, 'preview/dial', record),
    /** Skips the previewed record (set aside for an hour) and answers the next one. */
    previewSkip: (id: string, record: PreviewRecord) => this.#act<Preview>(id, 'preview/skip', record),
    /** Replaces the agent's skills. */
    setSkills: (id: string, skills: number[]) => this.request<Agent>('PUT', `/v1/agents/${encodeURIComponent(id)}/skills`, { body: { skills } }),
    /** Sets the agent's SIP phone: a registration password, or a fixed contact (replaces the one it had). */
    setPhone: (id: string, phone: AgentPhoneRequest) => this.request<AgentPhone>('PUT', `/v1/agents/${encodeURIComponent(id)}/phone`, { body: phone }),
    /** The agent's SIP phone (never its password: `has_password`); AGENT_PHONE_NOT_FOUND when it has none. */
    getPhone: (id: string) => this.request<AgentPhone>('GET', `/v1/agents/${encodeURIComponent(id)}/phone`),
    removePhone: (id: string) => this.request<void>('DELETE', `/v1/agents/${encodeURIComponent(id)}/phone`),
  };

  #act<T>(id: string, action: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', `/v1/agents/${encodeURIComponent(id)}/${action}`, body === undefined ? {} : { body });
  }

  readonly calls = {
    /** `live: true`: only the calls not ended (what the floor is on now). */
    list: (q: { agent?: string; campaign?: string; state?: Call['state']; live?: boolean; from?: string; to?: string; cursor?: string; limit?: number } = {}) =>
      this.request<Page<Call>>('GET', '/v1/calls', { query: q }),
    get: (id: string) => this.request<Call>('GET', `/v1/calls/${encodeURIComponent(id)}`),
    /** The campaign record the call was placed for (an agent: of its own calls); RECORD_NOT_FOUND when it has none. */
    record: (id: string) => this.request<CampaignRecord>('GET', `/v1/calls/${encodeURIComponent(id)}/record`),
  };

  readonly callbacks = {
    list: (q: CallbackFilter = {}) => this.request<Page<Callback>>('GET', '/v1/callbacks', { query: { ...q } }),
    get: (id: string) => this.request<Callback>('GET', `/v1/callbacks/${encodeURIComponent(id)}`),
    /** `idempotencyKey`: a retry with the same key and body schedules nothing twice. */
    create: (p: NewCallbackRequest, options: { idempotencyKey?: string } = {}) =>
      this.request<Callback>('POST', '/v1/callbacks', { body: p, headers: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {} }),
    /** Moves a pending or waiting callback to `dueAt` (ISO 8601, in the future). */
    reschedule: (id: string, dueAt: string) => this.request<Callback>('PATCH', `/v1/callbacks/${encodeURIComponent(id)}`, { body: { due_at: dueAt } }),
    /** Cancels a pending or waiting callback; cancelling a cancelled one answers it unchanged. */
    cancel: (id: string) => this.request<Callback>('POST', `/v1/callbacks/${encodeURIComponent(id)}/cancel`),
  };

  readonly campaigns = {
    list: (q: { status?: Campaign['status']; type?: Campaign['type']; cursor?: string; limit?: number } = {}) =>
      this.request<Page<Campaign>>('GET', '/v1/campaigns', { query: q }),
    get: (id: string) => this.request<Campaign>('GET', `/v1/campaigns/${encodeURIComponent(id)}`),
    /** `idempotencyKey`: a retry with the same key and body creates one campaign. */
    create: (p: NewCampaignRequest, options: { idempotencyKey?: string } = {}) =>
      this.request<Campaign>('POST', '/v1/campaigns', { body: p, headers: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {} }),
    /** Sets speed and/or run state; the state the campaign already has is no change. */
    change: (id: string, change: CampaignChange) => this.request<Campaign>('PATCH', `/v1/campaigns/${encodeURIComponent(id)}`, { body: change }),
    /** Deletes a stopped campaign and its records. */
    remove: (id: string) => this.request<void>('DELETE', `/v1/campaigns/${encodeURIComponent(id)}`),
    /** Its live state: calls in flight, answers, abandons and utilisation, records left, pacing, why it is not dialling (supervisor). */
    stats: (id: string) => this.request<CampaignStats>('GET', `/v1/campaigns/${encodeURIComponent(id)}/stats`),
    /** Its day so far in buckets of `bucket` minutes (5, 10, 15, 30 or 60; default 15), for charts, and the day's calls by result (supervisor). */
    series: (id: string, q: { bucket?: SeriesBucketMinutes } = {}) =>
      this.request<CampaignSeries>('GET', `/v1/campaigns/${encodeURIComponent(id)}/stats/series`, { query: q }),
  };

  /** Reports over a range of at most 31 days (supervisor): reports_manager.php's figures as typed JSON. */
  readonly reports = {
    /** Time by state per agent (and per 30 or 60 minutes with `bucket`): calls, seconds per state, handle time, occupancy. */
    agentTime: (q: AgentTimeQuery) => this.request<AgentTimeReport>('GET', '/v1/reports/agent-time', { query: { ...q } }),
    /** The calls placed in the range (`connected`: only those an agent talked on, or only the others). */
    calls: (q: CallsQuery) => this.request<CallsReport>('GET', '/v1/reports/calls', { query: { ...q } }),
  };

  /** The floor now (supervisor): real_time.php's figures as typed JSON. */
  readonly realTime = {
    /** The logged-in agents: state, time in it, login, and the day so far. */
    agents: () => this.request<LiveAgents>('GET', '/v1/real-time/agents'),
  };

  readonly records = {
    /** Loads up to 10,000 rows: new customer_ids are added, known ones updated, bad rows rejected by index. */
    load: (campaignId: string, records: RecordRow[]) => this.request<RecordsLoaded>('POST', `/v1/campaigns/${encodeURIComponent(campaignId)}/records`, { body: { records } }),
    search: (q: RecordFilter = {}) => this.request<Page<CampaignRecord>>('GET', '/v1/records', { query: { ...q } }),
    get: (campaignId: string, customerId: string) =>
      this.request<CampaignRecord>('GET', `/v1/campaigns/${encodeURIComponent(campaignId)}/records/${encodeURIComponent(customerId)}`),
    remove: (campaignId: string, customerId: string) =>
      this.request<void>('DELETE', `/v1/campaigns/${encodeURIComponent(campaignId)}/records/${encodeURIComponent(customerId)}`),
  };

  readonly configuration = {
    auxStates: (q: { cursor?: string; limit?: number } = {}) => this.request<Page<AuxState>>('GET', '/v1/aux-states', { query: q }),
    /** Creates or renames the auxiliary state `id` (an operation holds at most its limit of them). */
    putAuxState: (id: number, name: string) => this.request<AuxState>('PUT', `/v1/aux-states/${id}`, { body: { name } }),
    activityCodes: (q: { cursor?: string; limit?: number } = {}) => this.request<Page<ActivityCode>>('GET', '/v1/activity-codes', { query: q }),
    /** Creates or renames an activity code of group 1 (cod_act) or 2 (cod_act_2). */
    /** Creates or renames a code; `flags`, when given, replace its flags (hit and rpc are counted in the agent-time report). */
    putActivityCode: (group: 1 | 2, code: string, name: string, flags?: ActivityCode['flags']) =>
      this.request<ActivityCode>('PUT', `/v1/activity-codes/${group}/${encodeURIComponent(code)}`, { body: flags === undefined ? { name } : { name, flags } }),
    /** Removes an auxiliary state no agent is in (409 AGENT_STATE_CONFLICT names those who are). */
    removeAuxState: (id: number) => this.request<void>('DELETE', `/v1/aux-states/${id}`),
    /** Removes an activity code; calls already given it keep it. */
    removeActivityCode: (group: 1 | 2, code: string) => this.request<void>('DELETE', `/v1/activity-codes/${group}/${encodeURIComponent(code)}`),
  };

  /** The do-not-call list: the dialer never calls these numbers. */
  readonly dnc = {
    list: (q: { cursor?: string; limit?: number } = {}) => this.request<Page<DncEntry>>('GET', '/v1/dnc', { query: q }),
    /** Blocks numbers (for `days`, or for good); a number already on the list takes the new reason and term. */
    add: (p: NewDncRequest) => this.request<DncAdded>('POST', '/v1/dnc', { body: p }),
    /** DNC_NOT_FOUND when the number is not on the list. */
    remove: (phone: string) => this.request<void>('DELETE', `/v1/dnc/${encodeURIComponent(phone)}`),
  };

  readonly skills = {
    list: (q: { cursor?: string; limit?: number } = {}) => this.request<Page<Skill>>('GET', '/v1/skills', { query: q }),
    /** Creates or renames the skill `id`; a description given replaces its description. */
    put: (id: number, name: string, description?: string) => this.request<Skill>('PUT', `/v1/skills/${id}`, { body: description === undefined ? { name } : { name, description } }),
  };

  /** Which numbers the operation may call (emergency and service numbers never; prefixes). */
  readonly outboundPolicy = {
    get: () => this.request<OutboundPolicy>('GET', '/v1/outbound-policy'),
    /** Replaces the policy; a field left out takes its default. */
    set: (policy: OutboundPolicyRequest) => this.request<OutboundPolicy>('PUT', '/v1/outbound-policy', { body: policy }),
  };

  readonly webhooks = {
    create: (url: string, types?: string[]) => this.request<NewWebhook>('POST', '/v1/webhooks', { body: { url, ...(types ? { types } : {}) } }),
    list: (q: { cursor?: string; limit?: number } = {}) => this.request<Page<Webhook>>('GET', '/v1/webhooks', { query: q }),
    remove: (id: string) => this.request<void>('DELETE', `/v1/webhooks/${encodeURIComponent(id)}`),
    deliveries: (id: string, q: { cursor?: string; limit?: number } = {}) => this.request<Page<WebhookDelivery>>('GET', `/v1/webhooks/${encodeURIComponent(id)}/deliveries`, { query: q }),
  };

  /** The operation's SIP trunks; the first (lowest id) is the default. A password is taken, never answered (`has_password`). */
  readonly trunks = {
    /** `idempotencyKey`: a retry with the same key and body creates one trunk. */
    create: (p: NewTrunkRequest, options: { idempotencyKey?: string } = {}) =>
      this.request<Trunk>('POST', '/v1/trunks', { body: p, headers: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {} }),
    list: (q: { cursor?: string; limit?: number } = {}) => this.request<Page<Trunk>>('GET', '/v1/trunks', { query: q }),
    get: (id: string) => this.request<Trunk>('GET', `/v1/trunks/${encodeURIComponent(id)}`),
    /** Changes the fields given; null clears username and password (together), caller_id or max_calls. */
    change: (id: string, change: TrunkChange) => this.request<Trunk>('PATCH', `/v1/trunks/${encodeURIComponent(id)}`, { body: change }),
    /** Deletes the trunk (its credentials are forgotten); the next one becomes the default. */
    remove: (id: string) => this.request<void>('DELETE', `/v1/trunks/${encodeURIComponent(id)}`),
  };

  readonly events = {
    list: (q: EventFilter & { after?: number; limit?: number } = {}) =>
      this.request<Page<PacerEvent>>('GET', '/v1/events', { query: { agent: q.agent, campaign: q.campaign, type: q.types?.join(','), after: q.after, limit: q.limit } }),
    /**
     * Every event after `after`, live, for as long as the caller iterates (or until `signal`
     * aborts). A dropped connection is reopened with Last-Event-ID: nothing is lost or repeated.
     */
    stream: (q: EventFilter & { after?: number; signal?: AbortSignal } = {}) => this.#stream(q),
    /** The operation's last seq: `stream({ after: seq })` then shows only what happens from now on. */
    latest: () => this.request<{ seq: number }>('GET', '/v1/events/latest'),
  };

  async *#stream(q: EventFilter & { after?: number; signal?: AbortSignal }): AsyncGenerator<PacerEvent> {
    let last = q.after ?? 0;
    let backoff = this.#o.reconnectMs;
    const query = { agent: q.agent, campaign: q.campaign, type: q.types?.join(',') };
    while (!q.signal?.aborted) {
      let response: Response | undefined;
      try {
        const who = this.#credentials('GET');
        response = await this.#o.fetch(this.#url('/v1/events/stream', query), {
          headers: { ...who.headers, accept: 'text/event-stream', 'last-event-id': String(last) },
          signal: q.signal, ...(who.credentials ? { credentials: who.credentials } : {}),
        });
      } catch (error) {
        if (q.signal?.aborted) return;
        void error;
      }
      if (response && !response.ok && response.status < 500) {
        const body = (await response.json().catch(() => ({}))) as Partial<ErrorBody>;
        throw new PacerApiError(body.error?.code ?? 'INTERNAL', response.status, body.error?.message ?? `HTTP ${response.status}`, retryAfterOf(response));
      }
      if (response?.ok && response.body) {
        backoff = this.#o.reconnectMs;
        try {
          for await (const event of readSse(response.body)) {
            if (event.seq <= last) continue;
            last = event.seq;
            yield event;
          }
        } catch (error) {
          if (q.signal?.aborted) return;
          void error;
        }
      }
      if (q.signal?.aborted) return;
      await this.#o.sleep(backoff);
      backoff = Math.min(backoff * 2, 30_000);
    }
  }
}

/**
 * Parses a text/event-stream body into the events' JSON payloads. It reads with a reader rather
 * than `for await` over the body, which not every browser offers; a caller that stops iterating
 * cancels the body, which closes the connection.
 */
async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<PacerEvent> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
        if (data) yield JSON.parse(data) as PacerEvent;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
