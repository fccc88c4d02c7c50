// /v1/reports and /v1/real-time: the figures of reports_manager.php and real_time.php as typed
// JSON, from the same use cases (src/engine/reports). A supervisor's reads.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { localIsoTime } from '../../../domain/local-time.ts';
import { agentFigures, type AgentTime, type ReportBucket } from '../../../domain/reports.ts';
import type { Engine } from '../../../engine/api.ts';
import { accessOf, instantOf } from './context.ts';
import { AgentTimeQuery, AgentTimeReport, CallsQuery, CallsReport, LiveAgents } from './report-schemas.ts';
import { ErrorBody } from './schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['reports'];
const seconds = (ms: number) => ms / 1000;

/** An agent's period as typed figures. */
function period(t: AgentTime, auxNames: ReadonlyMap<number, string>) {
  const f = agentFigures(t);
  return {
    calls: t.calls, calls_by_origin: Object.fromEntries(t.callsByOrigin), ready_s: seconds(t.readyMs), ringing_s: seconds(t.ringingMs),
    talking_s: seconds(t.talkingMs), held_s: seconds(t.heldMs), acw_s: seconds(t.acwMs), aux_s: seconds(f.auxTotalMs),
    aux: [...t.auxMs].sort(([a], [b]) => a - b).map(([id, ms]) => ({ aux_id: id, name: auxNames.get(id) ?? '', s: seconds(ms) })),
    logged_in_s: seconds(f.loggedInMs), handle_avg_s: f.handleAvgMs === null ? null : seconds(f.handleAvgMs), occupancy: f.occupancy,
  };
}

export function registerReportRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const rangeOf = (q: { from: string; to: string }) => ({ from: instantOf(q.from, 'from'), to: instantOf(q.to, 'to') });

  app.get('/v1/reports/agent-time', {
    schema: {
      tags, summary: 'Agent time by state over a range of at most 31 days, whole or per 30 or 60 minutes: calls, seconds per state, average handle time, occupancy',
      description: 'Read from the agents\' state changes and calls at each request (reports_manager.php agent_1, agent_8 and agent_8_1 are the same figures as strings). '
        + 'A state still held counts up to now. Occupancy = (talking + held + after-call work) / (logged in − auxiliary). At most 60,000 rows. A supervisor\'s read.',
      querystring: AgentTimeQuery, response: { 200: AgentTimeReport, ...errors },
    },
  }, async (request) => {
    const q = request.query;
    const bucket = q.bucket as ReportBucket | undefined;
    const r = await engine.reports.agentTime(accessOf(request), rangeOf(q), { ...(q.agent_id === undefined ? {} : { agentId: q.agent_id }), ...(bucket === undefined ? {} : { bucket }) });
    const local = (ms: number) => localIsoTime(ms, r.timeZone);
    return {
      from: local(r.from), to: local(r.to), time_zone: r.timeZone, bucket_minutes: bucket ?? null,
      rows: r.rows.map((row) => ({
        agent_id: row.agentId, agent_name: row.agentName, from: local(row.from), to: local(row.to), ...period(row.time, r.auxNames),
        hits: row.time.hits, rpc: row.time.rpc, first_login: row.firstLogin === null ? null : local(row.firstLogin), last_logout: row.lastLogout === null ? null : local(row.lastLogout),
      })),
    };
  });

  app.get('/v1/reports/calls', {
    schema: {
      tags, summary: 'The calls placed in a range of at most 31 days: who talked, how long, the result, the disposition and who ended it',
      description: 'reports_manager.php cdr_1 (connected=true) and cdr_5 (connected=false) are the same rows as strings. At most 60,000 calls: ask for a shorter range. A supervisor\'s read.',
      querystring: CallsQuery, response: { 200: CallsReport, ...errors },
    },
  }, async (request) => {
    const q = request.query;
    const range = rangeOf(q);
    const r = await engine.reports.calls(accessOf(request), range, {
      ...(q.connected === undefined ? {} : { connected: q.connected }), ...(q.agent_id === undefined ? {} : { agentId: q.agent_id }),
      ...(q.campaign_id === undefined ? {} : { campaignId: q.campaign_id }),
    });
    const local = (ms: number) => localIsoTime(ms, r.timeZone);
    const maybe = (ms: number | null) => (ms === null ? null : local(ms));
    return {
      from: local(range.from), to: local(range.to), time_zone: r.timeZone,
      calls: r.calls.map((c) => ({
        id: c.id, agent_id: c.agentId, agent_name: c.agentName, campaign_id: c.campaignId, customer_id: c.customerId, phone: c.phone, origin: c.origin,
        result: c.result, placed_at: local(c.placedAt), answered_at: maybe(c.answeredAt), connected_at: maybe(c.connectedAt), ended_at: maybe(c.endedAt),
        talk_s: c.connectedAt === null || c.endedAt === null ? null : seconds(c.endedAt - c.connectedAt),
        cod_act: c.codAct, cod_act_2: c.codAct2, comments: c.comments, ended_by: c.endedBy,
      })),
    };
  });

  app.get('/v1/real-time/agents', {
    schema: {
      tags, summary: 'The logged-in agents now: state, time in it, login, and the day so far (calls, seconds per state, handle time, occupancy)',
      description: 'real_time.php agents as typed JSON; "today" is the calendar day of the operation\'s clock. A supervisor\'s read.',
      response: { 200: LiveAgents, ...errors },
    },
  }, async (request) => {
    const live = await engine.realTime.agents(accessOf(request));
    const local = (ms: number) => localIsoTime(ms, live.timeZone);
    return {
      at: local(live.at), time_zone: live.timeZone,
      agents: live.agents.map((a) => {
        const auxId = a.state === 'aux' ? a.auxId : null;
        return {
          agent_id: a.agentId, agent_name: a.agentName, state: a.state, aux_id: auxId,
          aux_name: auxId === null ? null : (live.auxNames.get(auxId) ?? null), state_since: local(a.stateSince), in_state_s: seconds(live.at - a.stateSince),
          login_at: a.loginAt === null ? null : local(a.loginAt), today: period(a.today, live.auxNames),
        };
      }),
    };
  });
}
