// WolkvoxClient: every agentbox and campaign call, typed, against wolkvox or Pacer. Requests of
// one token never exceed its concurrency limit; a "SIMULTANEOUS" refusal (another process using
// the token) is retried with backoff; dates are formatted in the operation's time zone; `code`
// comes back a number whatever its wire type; refusals throw typed errors.
import { errorOf, SimultaneousRequestsError, TransportError } from './errors.ts';
import { tokenQueue, type Semaphore } from './queue.ts';
import { formatStamp, type AgentButton, type AgentStatus, type CallResult, type CampaignType, type DisplayMode, type RecallType } from '@pacer/vocabulary';
import type { WolkvoxAnswer } from './wolkvox-answer.ts';

export interface WolkvoxClientOptions {
  /** `https://wv0001.wolkvox.com` or a Pacer such as `http://127.0.0.1:8080`. */
  baseUrl: string;
  token: string;
  /** The operation's server nomenclature, sent as the `wolkvox_server` header. */
  server?: string;
  /** Time zone of the operation, for dates given as `Date` (default America/Bogota). */
  timeZone?: string;
  /** Requests of this token in flight at once (wolkvox: 2). */
  concurrency?: number;
  /** Retries of a "SIMULTANEOUS" refusal before giving up (default 6). */
  retries?: number;
  /** First backoff, doubled on each retry (default 250 ms). */
  backoffMs?: number;
  /** Abort a request after this long (wolkvox stops at 60 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** How to wait between retries (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

type Query = Record<string, string | number | undefined>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type DateInput = Date | string;

export interface RecordInput {
  customer_id: string;
  customer_name?: string;
  customer_last_name?: string;
  [field: string]: string | undefined;
}

/** add_record's counts (every value a string, as wolkvox writes them). */
export interface AddRecordCounts {
  total_registers: string;
  total_sent: string;
  total_added: string;
  total_updated: string;
  total_rejected: string;
  rejected: { index: string; customer_id: string; reason: string }[];
}

export class WolkvoxClient {
  readonly #options: Required<Omit<WolkvoxClientOptions, 'server'>> & { server?: string };
  readonly #queue: Semaphore;

  constructor(options: WolkvoxClientOptions) {
    if (!options.token) throw new TypeError('WolkvoxClient needs a token');
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#options = {
      timeZone: 'America/Bogota', concurrency: 2, retries: 6, backoffMs: 250, timeoutMs: 60_000,
      fetch: globalThis.fetch.bind(globalThis), sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      ...options, baseUrl,
    };
    this.#queue = tokenQueue(baseUrl, options.token, this.#options.concurrency);
  }

  /** A `YYYYmmddHHiiss` stamp: strings pass through, dates are read in the operation's zone. */
  stamp(date: DateInput): string {
    return typeof date === 'string' ? date : formatStamp(date, this.#options.timeZone);
  }

  /** One request, queued per token and retried on a SIMULTANEOUS refusal. */
  async request<D = unknown>(file: 'agentbox' | 'campaign', api: string, method: Method, query: Query = {}, body?: unknown): Promise<WolkvoxAnswer<D>> {
    const { retries, backoffMs, sleep } = this.#options;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#queue.run(() => this.#send<D>(file, api, method, query, body));
      } catch (error) {
        if (!(error instanceof SimultaneousRequestsError) || attempt >= retries) throw error;
        await sleep(backoffMs * 2 ** attempt);
      }
    }
  }

  async #send<D>(file: string, api: string, method: Method, query: Query, body: unknown): Promise<WolkvoxAnswer<D>> {
    const params = new URLSearchParams({ api });
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    const headers: Record<string, string> = { 'wolkvox-token': this.#options.token };
    if (this.#options.server) headers.wolkvox_server = this.#options.server;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.#options.fetch(`${this.#options.baseUrl}/api/v2/${file}.php?${params.toString()}`, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
    } catch (error) {
      throw new TransportError(`${method} ${file}.php?api=${api} failed: ${error instanceof Error ? error.message : String(error)}`, 0);
    }
    const text = await response.text();
    let raw: { code?: unknown; error?: unknown; msg?: unknown; data?: unknown };
    try {
      raw = JSON.parse(text) as typeof raw;
    } catch {
      throw new TransportError(`${file}.php?api=${api} answered HTTP ${response.status} without the JSON envelope`, response.status);
    }
    const code = Number(raw.code ?? response.status);
    const answer: WolkvoxAnswer<D> = {
      code: Number.isFinite(code) ? code : response.status,
      error: typeof raw.error === 'string' ? raw.error : null,
      msg: typeof raw.msg === 'string' ? raw.msg : '',
      ...(raw.data === undefined ? {} : { data: raw.data as D }),
    };
    if (!response.ok || answer.error !== null) throw errorOf(response.ok ? answer.code : response.status, answer);
    return answer;
  }

  /** agentbox.php: an agent's session. Parameters travel in the query string. */
  readonly agentbox = {
    changeStatus: (agentId: string | number, status: AgentStatus) =>
      this.request('agentbox', 'change_status', 'POST', { agent_id: agentId, status }),
    dial: (p: { agentId: string | number; customerPhone: string; customerId?: string; customerName?: string }) =>
      this.request<{ conn_id: string }>('agentbox', 'dial', 'POST', {
        agent_id: p.agentId, customer_phone: p.customerPhone, customer_id: p.customerId, customer_name: p.customerName,
      }),
    hold: (agentId: string | number) => this.request('agentbox', 'hold', 'POST', { agent_id: agentId }),
    mute: (agentId: string | number) => this.request('agentbox', 'mute', 'POST', { agent_id: agentId }),
    hang: (agentId: string | number) => this.request('agentbox', 'hang', 'POST', { agent_id: agentId }),
    type: (p: { agentId: string | number; codAct: string; codAct2: string; comments?: string }) =>
      this.request<{ conn_id: string }>('agentbox', 'type', 'POST', { agent_id: p.agentId, cod_act: p.codAct, cod_act_2: p.codAct2, comments: p.comments }),
    hangTypeReady: (p: { agentId: string | number; codAct: string; codAct2?: string; comments?: string }) =>
      this.request('agentbox', 'hang_type_ready', 'POST', { agent_id: p.agentId, cod_act: p.codAct, cod_act_2: p.codAct2, comments: p.comments }),
    transfer: (agentId: string | number, target: string) =>
      this.request<{ conn_id: string }>('agentbox', 'transfer', 'POST', { agent_id: agentId, customer_phone: target }),
    auxCall: (agentId: string | number, customerPhone: string) =>
      this.request<{ conn_id: string }>('agentbox', 'aux_call', 'POST', { agent_id: agentId, customer_phone: customerPhone }),
    /** A callback owned by the agent; `campaignId` and `customerId` tie it to that record, `name` names the record if it has none. */
    recall: (p: { agentId: string | number; customerPhone: string; date: DateInput; type: RecallType; campaignId?: string | number; customerId?: string; name?: string }) =>
      this.request('agentbox', 'recall', 'POST', {
        agent_id: p.agentId, customer_phone: p.customerPhone, date: this.stamp(p.date), type_recall: p.type,
        id_camp: p.campaignId, id_customer: p.customerId, name_recall: p.name,
      }),
    /** Moves the record's open agent recall to `date` (and the phone and style given), for `agentId`. */
    editRecall: (p: { agentId: string | number; campaignId: string | number; customerId: string; date: DateInput; telephone?: string; type?: RecallType; name?: string }) =>
      this.request('agentbox', 'edit_recall', 'PUT', {
        agent_id: p.agentId, id_camp: p.campaignId, id_customer: p.customerId, recall: this.stamp(p.date), telephone: p.telephone,
        recall_style: p.type, name_recall: p.name,
      }),
    /** Cancels the agent's open recalls of the record (those to `telephone`, or of `type`, when given). */
    deleteRecall: (p: { agentId: string | number; campaignId: string | number; customerId: string; telephone?: string; type?: RecallType }) =>
      this.request('agentbox', 'delete_recall', 'DELETE', {
        agent_id: p.agentId, id_camp: p.campaignId, id_customer: p.customerId, telephone: p.telephone, recall_style: p.type,
      }),
    /** wolkvox answers msg "default" and a sentence in `data`. */
    dtmf: (agentId: string | number, tones: string) => this.request<string>('agentbox', 'dtmf', 'POST', { agent_id: agentId, tones }),
    agentDisplay: (agentId: string | number, display: DisplayMode, button: AgentButton) =>
      this.request<string>('agentbox', 'agent_display', 'POST', { agent_id: agentId, display, button }),
  };

  /** campaign.php: campaigns and their records. Mutations carry a JSON body. */
  readonly campaign = {
    create: (type: CampaignType, body: { campaign_name: string; campaign_description?: string; start_time?: string; end_time?: string; skill_id?: string | number; enable_edition?: 'yes' | 'no'; [opt: string]: unknown }) =>
      this.request<{ id_campaign: string; name_campaign: string }[]>('campaign', 'create_campaign', 'POST', { type_campaign: type }, body),
    addRecords: (p: { type: CampaignType; campaignId: string | number; records: RecordInput[] }) =>
      this.request<AddRecordCounts[]>('campaign', 'add_record', 'POST', { type_campaign: p.type, campaign_id: p.campaignId }, p.records),
    start: (type: CampaignType, campaignId: string | number) => this.request('campaign', 'start', 'PUT', { type_campaign: type, campaign_id: campaignId }),
    stop: (type: CampaignType, campaignId: string | number) => this.request('campaign', 'stop', 'PUT', { type_campaign: type, campaign_id: campaignId }),
    speed: (type: CampaignType, campaignId: string | number, speed: number) =>
      this.request('campaign', 'speed', 'PUT', { type_campaign: type, campaign_id: campaignId }, { speed: String(speed) }),
    recall: (p: { type?: CampaignType; campaignId: string | number; customerId: string; recallDate: DateInput; recallTelephone: string }) =>
      this.request('campaign', 'recall', 'PUT', { type_campaign: p.type ?? 'predictive', campaign_id: p.campaignId },
        { recall_date: this.stamp(p.recallDate), recall_telephone: p.recallTelephone, customer_id: p.customerId }),
    codify: (p: { type: CampaignType; campaignId: string | number; customerId: string; codAct: string; codAct2: string; comment?: string }) =>
      this.request('campaign', 'codify', 'PUT', { type_campaign: p.type, campaign_id: p.campaignId },
        { cod_act: p.codAct, cod_act_2: p.codAct2, comment: p.comment ?? '', customer_id: p.customerId }),
    /** One record, or several (sent separated by commas): all of them or none. */
    removeRecord: (type: CampaignType, campaignId: string | number, customerId: string | readonly string[]) =>
      this.request('campaign', 'remove_record', 'DELETE', { type_campaign: type, campaign_id: campaignId },
        { customer_id: typeof customerId === 'string' ? customerId : customerId.join(',') }),
    clear: (type: CampaignType, campaignId: string | number, result?: CallResult) =>
      this.request('campaign', 'clear_campaign', 'DELETE', { type_campaign: type, campaign_id: campaignId, result }),
    findRecord: (p: { campaignId?: string | number; customerId?: string; customerPhone?: string }) =>
      this.request('campaign', 'find_record', 'GET', { campaign_id: p.campaignId, customer_id: p.customerId, customer_phone: p.customerPhone }),
    /** `detail`: default, the records with a call in the range; all, those closed from outside too. */
    detail: (p: { type: CampaignType; campaignId: string | number; from: DateInput; to: DateInput; detail?: 'default' | 'all' }) =>
      this.request<Record<string, string>[]>('campaign', 'detail', 'GET', {
        type_campaign: p.type, campaign_id: p.campaignId, date_ini: this.stamp(p.from), date_end: this.stamp(p.to), detail: p.detail,
      }),
    delete: (type: CampaignType, campaignId: string | number) =>
      this.request('campaign', 'delete_campaign', 'DELETE', { type_campaign: type, campaign_id: campaignId }),
    /** Several campaigns, each deleted as alone: `msg` counts them; `data` lists the refused ones. */
    deleteMany: (campaignIds: readonly (string | number)[], type?: CampaignType) =>
      this.request<{ campaign_id: string; code: string; error: string; msg: string }[]>('campaign', 'delete_campaign', 'DELETE', { type_campaign: type },
        { campaign_ids: campaignIds.map(String) }),
  };
}
