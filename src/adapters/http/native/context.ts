// What every native route needs: the caller (from the bearer token), as the engine's `Access`,
// and the mappers from domain objects to their wire shape.
import type { FastifyRequest } from 'fastify';
import { describeState } from '../../../domain/agent.ts';
import type { Call } from '../../../domain/call.ts';
import { callingScheduleToJson } from '../../../domain/calling-schedule.ts';
import type { Campaign, CampaignRecord } from '../../../domain/campaign.ts';
import type { Callback } from '../../../domain/callback.ts';
import { fail } from '../../../domain/errors.ts';
import { localIsoTime } from '../../../domain/local-time.ts';
import { notDiallingWords } from '../../../domain/not-dialling.ts';
import type { Access, AdminCaller, Caller, CampaignSeries, CampaignStats } from '../../../engine/api.ts';
import type { AgentView } from '../../../engine/api.ts';
import type { AgentT, CallbackT, CallT, CampaignRecordT, CampaignSeriesT, CampaignStatsT, CampaignT } from './schemas.ts';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
    admin: AdminCaller | null;
  }
  interface FastifyContextConfig {
    /** A route of the admin API (/v1/operations…): PACER_ADMIN_TOKEN, not an operation's token. */
    admin?: boolean;
    /** A route anyone may call (signing in, and the session's own routes, which read its cookie). */
    public?: boolean;
    /** The answer carries the secret of what it created (a token's value, a webhook's signing key): not stored for replays. */
    secretInAnswer?: 'token' | 'webhook';
  }
}

/**
 * Whether a request reached a native route, and which kind. Decided from the route the router
 * matched (its pattern and config), never from the raw URL: the router decodes the path, so
 * `/v1/%6Fperations` is `/v1/operations` to it and must be to authentication too.
 */
export function nativeRouteOf(request: FastifyRequest): 'admin' | 'operation' | 'public' | undefined {
  if (!request.routeOptions.url?.startsWith('/v1/')) return undefined;
  if (request.routeOptions.config.public) return 'public';
  return request.routeOptions.config.admin ? 'admin' : 'operation';
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error('native route reached without authentication');
  return request.caller;
}

/** The request's caller as a use case's access. */
export function accessOf(request: FastifyRequest): Access {
  return { kind: 'caller', caller: callerOf(request) };
}

export function adminOf(request: FastifyRequest): AdminCaller {
  if (!request.admin) throw new Error('admin route reached without authentication');
  return request.admin;
}

/** An ISO 8601 time of the request, as epoch ms; a 400 naming the parameter if it is not one. */
export function instantOf(raw: string, name: string): number {
  const at = Date.parse(raw);
  if (Number.isNaN(at)) throw fail.badValue(`${name} must be an ISO 8601 time`);
  return at;
}

export const optionalInstant = (raw: string | undefined, name: string): number | undefined => (raw === undefined ? undefined : instantOf(raw, name));

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function wireAgent(a: AgentView): AgentT {
  return {
    id: a.id, name: a.name, state: a.state, aux_id: a.auxId,
    next_state: a.nextState ? describeState({ state: a.nextState, auxId: a.nextAuxId }) : null,
    state_since: new Date(a.stateSince).toISOString(), call_id: a.callId, last_call_id: a.lastCallId, display: a.display,
    skills: a.skills, dni: a.dni, sso: a.sso, enabled: a.enabled,
  };
}

export function wireCall(c: Call): CallT {
  return {
    id: c.id, agent_id: c.agentId, campaign_id: c.campaignId, customer_id: c.customerId, customer_name: c.customerName,
    phone: c.phone, origin: c.origin, state: c.state, held: c.held, muted: c.muted, result: c.result,
    parent_call_id: c.parentCallId, placed_at: new Date(c.placedAt).toISOString(), answered_at: iso(c.answeredAt),
    connected_at: iso(c.connectedAt), ended_at: iso(c.endedAt), cod_act: c.codAct, cod_act_2: c.codAct2, comments: c.comments,
  };
}

export function wireCampaign(c: Campaign): CampaignT {
  return {
    id: c.id, name: c.name, description: c.description, type: c.type, dial_mode: c.dialMode, status: c.status, speed: c.speed,
    skill_id: c.skillId, start_time: c.startTime, end_time: c.endTime, enable_edition: c.enableEdition, opt_titles: c.optTitles,
    calling_schedule: callingScheduleToJson(c.callingSchedule), one_contact_per_day: c.oneContactPerDay,
  };
}

/** A campaign's live state; its times on the operation's clock, with their offset. */
export function wireCampaignStats(s: CampaignStats): CampaignStatsT {
  const local = (ms: number) => localIsoTime(ms, s.timeZone);
  const figures = (w: CampaignStats['today']) => ({
    since: local(w.since), answered: w.answered, abandoned: w.abandoned, abandon_rate: w.abandonRate,
    busy_s: w.busyMs / 1000, staffed_s: w.staffedMs / 1000, agent_utilisation: w.utilisation,
  });
  const p = s.pacing;
  return {
    campaign_id: s.campaignId, status: s.status, at: local(s.at), time_zone: s.timeZone,
    not_dialling: notDiallingWords(s.notDialling, s.timeZone),
    lines_in_flight: s.linesInFlight, waiting_for_agent: s.waitingForAgent, agents: s.agents,
    today: figures(s.today), last_30_min: figures(s.recent),
    records: { dialable_now: s.records.dialableNow, pending: s.records.pending, capped: s.records.capped },
    abandon_target: s.abandonTarget, abandon_ceiling: s.abandonCeiling,
    pacing: p && {
      strategy: p.strategy, decided_at: local(p.decidedAt), in_flight: p.inFlight, ready_agents: p.ready, wanted: p.wanted,
      lines_wanted: p.inFlight + p.wanted, dial_ratio: p.target.dialRatio ?? null, risk_limit: p.target.riskLimit ?? null,
    },
  };
}

/** A campaign's day so far in buckets; its times on the operation's clock, with their offset. */
export function wireCampaignSeries(s: CampaignSeries): CampaignSeriesT {
  const local = (ms: number) => localIsoTime(ms, s.timeZone);
  return {
    campaign_id: s.campaignId, at: local(s.at), time_zone: s.timeZone, bucket_minutes: s.bucketMinutes,
    buckets: s.buckets.map((b) => ({
      start: local(b.start), end: local(b.end), answered: b.answered, abandoned: b.abandoned, abandon_rate: b.abandonRate,
      busy_s: b.busyMs / 1000, staffed_s: b.staffedMs / 1000, agent_utilisation: b.utilisation, day_abandon_rate: b.dayAbandonRate,
    })),
    calls_by_result: s.results.map((r) => ({ result: r.result, calls: r.calls })),
    abandon_target: s.abandonTarget, abandon_ceiling: s.abandonCeiling,
  };
}

export function wireRecord(r: CampaignRecord): CampaignRecordT {
  return {
    campaign_id: r.campaignId, customer_id: r.customerId, data: r.data, phones: r.phones, status: r.status as CampaignRecordT['status'],
    attempts: r.attempts, last_result: r.lastResult, next_attempt_at: iso(r.nextAttemptAt), time_zone: r.timeZone, recall_date: iso(r.recallDate), recall_telephone: r.recallTelephone,
    cod_act: r.codAct, cod_act_2: r.codAct2, comment: r.comment,
  };
}

export function wireCallback(c: Callback): CallbackT {
  return {
    id: c.id, agent_id: c.agentId, campaign_id: c.campaignId, customer_id: c.customerId, phone: c.phone,
    due_at: new Date(c.dueAt).toISOString(), type: c.type, status: c.status, fired_at: iso(c.firedAt), call_id: c.callId,
    created_at: new Date(c.createdAt).toISOString(),
  };
}

/** Byte order, numeric where both keys are numbers: the order of the small lists below. */
const keyOrder = (a: string, b: string) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0);

/**
 * Pages a configuration list (aux states, activity codes, skills, webhooks: tens of items, read
 * whole) with the same `cursor`/`limit`/`next_cursor` contract as the database-paged lists.
 */
export function pageList<T, W>(items: readonly T[], key: (item: T) => string, wire: (item: T) => W, q: { cursor?: string; limit?: number }): { data: W[]; next_cursor: string | null } {
  const sorted = [...items].sort((a, b) => keyOrder(key(a), key(b)));
  const rest = q.cursor === undefined ? sorted : sorted.filter((item) => keyOrder(key(item), q.cursor as string) > 0);
  const limit = q.limit ?? 100;
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return { data: page.map(wire), next_cursor: rest.length > limit && last !== undefined ? key(last) : null };
}
