// reports_manager.php: wolkvox's reports (reference §5) over date_ini…date_end (YYYYmmddHHiiss on
// the operation's clock, date_end included, at most 31 days, at most 60,000 rows), in the table
// shape of campaign.php. This file holds the agent reports; the call and campaign reports are in
// reports-calls.ts. The engine computes (src/engine/reports); this file writes.
import { agentFigures } from '../../../domain/reports.ts';
import type { CampaignApi } from './campaign.ts';
import { optional, p, type ParamList } from './params.ts';
import { callReportApis } from './reports-calls.ts';
import {
  dayAndHour, found, hms, listAnswer, range, rangeOfQuery, rowsSchema, stamp, stateFields, stateFieldSchemas, stateName, typeInteraction, type StateStyle,
} from './report-wire.ts';
import type { AgentStatesReport, AgentTimeReport } from '../../../engine/api.ts';

const api = <Q extends ParamList>(def: CampaignApi<Q>) => def as unknown as CampaignApi;

const agentFilter = { agent_id: optional(p.agentId) };
const agentNote = ['the agent extension', '1001'] as const;
/** The agent's identity document number as configuration.php create_agent or PATCH /v1/agents set it. */
const dniNote = ['its identity document number (create_agent, edit_agent); empty when none was given', '1020304050'] as const;

const agent1Schema = rowsSchema({
  agent_id: agentNote, agent_dni: dniNote, agent_name: ['its name', 'Ana Díaz'], ...stateFieldSchemas,
  hits: ['calls the agent talked on, placed in the range, disposed with an activity code flagged hit (cod_act or cod_act_2)', '1'],
  rpc: ['those disposed with a code flagged rpc', '1'],
  aht_outbund: ['(sic, the wire name) average handle time of outbound calls', '00:11:29'], aht_inbound: ['00:00:00 (no inbound)', '00:00:00'],
  login: ['its first login in the range, YYYY-MM-DD HH:MM:SS; "-" when none (logged in before it began)', '2026-03-02 08:02:08'],
  logout: ['its last logout in the range; "-" when none', '2026-03-02 17:01:00'],
});
const perPeriodSchema = (hour: string) => rowsSchema({
  agent_name: ['its name', 'Ana Díaz'], agent_dni: dniNote, agent_id: agentNote, date: ['YYYY-MM-DD (operation\'s clock)', '2026-03-02'],
  hour: [`${hour}, HH:MM (the period's start on the operation's clock)`, '13:00'], ...stateFieldSchemas,
});
const eventFields = (destinyName: 'destiny' | 'destinity'): Record<string, readonly [string, string]> => ({
  agent_id: agentNote, agent_status: ['READY, RING, TALK, ACW (agent_14: Ready, Ring, Talk, ACW) or the auxiliary state\'s name', 'TALK'],
  time: ['how long, HH:MM:SS', '00:02:00'], date_ini: ['its start, YYYY-MM-DD HH:MM:SS', '2026-03-02 10:01:05'], date_end: ['its end', '2026-03-02 10:03:05'],
  conn_id: ['its call (ringing, talking; the call it wraps up in ACW)', ''], type_interaction: ['out_pre, outbound_ma or transfer; empty without a call', 'out_pre'],
  [destinyName]: ['the number called', '3001000001'], telephone: ['the number called', '3001000001'], campaign_id: ['its campaign, if any', '1'],
});

function eventRows(r: AgentStatesReport, style: StateStyle, destinyName: 'destiny' | 'destinity') {
  return r.spans.map((s) => ({
    agent_id: s.agentId, agent_status: stateName(s.state, r.auxNames, style), time: hms(s.to - s.from),
    date_ini: stamp(s.from, r.timeZone), date_end: stamp(s.to, r.timeZone), conn_id: s.callId ?? '',
    type_interaction: typeInteraction(s.origin, s.campaignType), [destinyName]: s.phone ?? '', telephone: s.phone ?? '', campaign_id: s.campaignId ?? '',
  }));
}

const agentTimeApis: Record<string, CampaignApi> = {
  agent_1: api({
    method: 'GET', summary: 'Agent time by state over the range: one row per agent logged in or on a call in it (agent_id: one agent)',
    success: listAnswer(agent1Schema), query: { ...range, ...agentFilter },
    async run(engine, access, q) {
      const report = await engine.reports.agentTime(access, rangeOfQuery(q), { agentId: q.agent_id });
      const data = report.rows.map((r) => {
        const f = agentFigures(r.time);
        return {
          agent_id: r.agentId, agent_dni: r.agentDni, agent_name: r.agentName, ...stateFields(r.time), hits: String(r.time.hits), rpc: String(r.time.rpc),
          aht_outbund: hms(f.handleAvgMs ?? 0), aht_inbound: hms(0),
          login: stamp(r.firstLogin, report.timeZone), logout: stamp(r.lastLogout, report.timeZone),
        };
      });
      return { msg: found(data.length), data };
    },
  }),
  agent_3: api({
    method: 'GET', summary: 'Time in each auxiliary state per agent over the range',
    success: listAnswer(rowsSchema({ agent_id: agentNote, agent_dni: dniNote, agent_name: ['its name', 'Ana Díaz'], aux_state: ['the auxiliary state\'s name', 'Lunch'], time: ['HH:MM:SS', '01:00:00'] })),
    query: { ...range, ...agentFilter },
    async run(engine, access, q) {
      const report = await engine.reports.agentTime(access, rangeOfQuery(q), { agentId: q.agent_id });
      const data = report.rows.flatMap((r) => [...r.time.auxMs].sort(([a], [b]) => a - b).map(([id, ms]) => ({
        agent_id: r.agentId, agent_dni: r.agentDni, agent_name: r.agentName, aux_state: report.auxNames.get(id) ?? `Aux ${id}`, time: hms(ms),
      })));
      return { msg: found(data.length), data };
    },
  }),
  agent_8: api({
    method: 'GET', summary: 'Agent states hour by hour (operation\'s clock): one row per agent and hour with activity',
    success: listAnswer(perPeriodSchema('the hour')), query: { ...range, ...agentFilter },
    async run(engine, access, q) {
      return perPeriod(await engine.reports.agentTime(access, rangeOfQuery(q), { agentId: q.agent_id, bucket: 60 }));
    },
  }),
  agent_8_1: api({
    method: 'GET', summary: 'Agent states per 30 minutes (operation\'s clock): one row per agent and half hour with activity',
    success: listAnswer(perPeriodSchema('the half hour')), query: { ...range, ...agentFilter },
    async run(engine, access, q) {
      return perPeriod(await engine.reports.agentTime(access, rangeOfQuery(q), { agentId: q.agent_id, bucket: 30 }));
    },
  }),
};

function perPeriod(report: AgentTimeReport) {
  const data = report.rows.map((r) => ({ agent_name: r.agentName, agent_dni: r.agentDni, agent_id: r.agentId, ...dayAndHour(r.from, report.timeZone), ...stateFields(r.time) }));
  return { msg: found(data.length), data };
}

const agentEventApis: Record<string, CampaignApi> = {
  agent_2: api({
    method: 'GET', summary: 'One agent\'s states over the range, one row per stretch in a state',
    success: listAnswer(rowsSchema(eventFields('destiny'))), query: { ...range, agent_id: p.agentId },
    async run(engine, access, q) {
      const data = eventRows(await engine.reports.agentStates(access, rangeOfQuery(q), q.agent_id), 'upper', 'destiny');
      return { msg: found(data.length), data };
    },
  }),
  agent_14: api({
    method: 'GET', summary: 'Every agent\'s states over the range, one row per stretch in a state (destinity: sic, the wire name)',
    success: listAnswer(rowsSchema({ ...eventFields('destinity'), agent_dni: dniNote, agent_name: ['its name', 'Ana Díaz'] })), query: range,
    async run(engine, access, q) {
      const report = await engine.reports.agentStates(access, rangeOfQuery(q));
      const data = eventRows(report, 'title', 'destinity').map((row) => ({ ...row, agent_dni: report.dnis.get(row.agent_id) ?? '', agent_name: report.agents.get(row.agent_id) ?? '' }));
      return { msg: found(data.length), data };
    },
  }),
  agent_7: api({
    method: 'GET', summary: 'Login and logout: one row per session in the range (a session still open has logout "-" and runs to the range\'s end or now)',
    success: listAnswer(rowsSchema({
      agent_name: ['its name', 'Ana Díaz'], agent_id: agentNote, agent_dni: dniNote, date: ['the day of its login, YYYY-MM-DD', '2026-03-02'],
      login: ['YYYY-MM-DD HH:MM:SS; the range\'s start for a session open before it', '2026-03-02 08:02:08'], logout: ['YYYY-MM-DD HH:MM:SS; "-" while logged in', '2026-03-02 17:01:00'],
      login_time: ['how long, HH:MM:SS', '08:58:52'],
    })),
    query: { ...range, ...agentFilter },
    async run(engine, access, q) {
      const report = await engine.reports.sessions(access, rangeOfQuery(q), q.agent_id);
      const data = report.sessions.map((s) => ({
        agent_name: report.agents.get(s.agentId) ?? '', agent_id: s.agentId, agent_dni: report.dnis.get(s.agentId) ?? '', date: stamp(s.loginAt, report.timeZone).slice(0, 10),
        login: stamp(s.loginAt, report.timeZone), logout: stamp(s.logoutAt, report.timeZone), login_time: hms((s.logoutAt ?? report.until) - s.loginAt),
      }));
      return { msg: found(data.length), data };
    },
  }),
};

export const reportsApis: Record<string, CampaignApi> = { ...agentTimeApis, ...agentEventApis, ...callReportApis };
