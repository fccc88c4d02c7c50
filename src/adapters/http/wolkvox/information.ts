// information.php: the Information APIs (all GET), read from the operation's own state. Field
// names are the official collection's; every value is a string; times are `YYYY-MM-DD HH:MM:SS` on
// the operation's clock. The JSON type of `code` is the collection's for each api (README: where
// its example shows a placeholder, "" or "0", Pacer answers the string "200").
import { activityCodeFlags } from '../../../../packages/vocabulary/src/call.ts';
import { formatReportTime } from '../../../domain/campaign.ts';
import { fail } from '../../../domain/errors.ts';
import type { AgentEntry, AuditEntry, CampaignEntry, CodeEntry } from '../../../engine/api.ts';
import { dataSchemas, foundMsg, type Answer } from './answers.ts';
import { wolkvoxApi, type WolkvoxApi } from './file-api.ts';
import { example, oneOf, optional, p } from './params.ts';

/** wolkvox answers at most this many rows. */
const maxRows = 60_000;

const listed = (code: Answer['code'], data: Answer['data']): Answer => ({ status: 200, code, msg: '{n} records were found', msgExamples: { n: '1' }, data });
const yesNo = (flag: boolean) => (flag ? 'yes' : 'no');
const time = (at: number | null, timeZone: string) => (at === null ? '' : formatReportTime(at, timeZone));

/** The state as wolkvox names it (README: Pacer's choice, undocumented by wolkvox). */
export function agentStatus(a: Pick<AgentEntry, 'state' | 'auxName'>): string {
  switch (a.state) {
    case 'logout': return 'Logout';
    case 'ready': return 'Ready';
    case 'ringing': return 'Ring';
    case 'talking': case 'held': return 'Talk';
    case 'acw': return 'ACW';
    case 'aux': return a.auxName ?? 'Aux';
  }
}

/** The flags of create_cod_act, in the collection's order. */
export const codeFlags = activityCodeFlags;

const agentRow = (a: AgentEntry, timeZone: string) => ({
  agent_id: a.id, agent_name: a.name, agent_dni: a.dni, agent_status: agentStatus(a), last_use: time(a.lastUse, timeZone), agent_sso: a.sso, enabled: yesNo(a.enabled),
});

function campaignRow(e: CampaignEntry, timeZone: string) {
  const c = e.campaign;
  return {
    campaign_id: c.id, campaign_name: c.name, campaign_description: c.description, type_campaign: c.type, status: c.status === 'started' ? 'Started' : 'Stopped',
    records: String(e.records), speed: String(c.speed), dial_mode: c.dialMode, last_use: time(e.lastCall, timeZone), recycled: String(e.reopenings),
    turbo_dial: '', skill_id: c.skillId === null ? '' : String(c.skillId),
  };
}

const codeRow = (c: CodeEntry) => ({
  cod_act: c.code, description_cod_act: c.name, ...Object.fromEntries(codeFlags.map((f) => [f, yesNo(c.flags.includes(f))])) as Record<(typeof codeFlags)[number], string>,
  type_code: `cod_act${c.group}`,
});

const via = { wolkvox: 'wolkvox API', native: 'native API', console: 'console', admin: 'admin API' } as const;
const auditRow = (e: AuditEntry, timeZone: string) => ({
  date: formatReportTime(e.at, timeZone), ip: e.address ?? '', user: e.who, action: `ADMIN: ${e.action} ${e.target}`.trim(), workstation: via[e.via],
});

export const informationApis: Record<string, WolkvoxApi> = {
  agents: wolkvoxApi({
    method: 'GET', summary: 'The operation\'s agents: profile, state now, enabled (one with `agent`)',
    success: listed('string', dataSchemas.rows({
      agent_id: ['the extension', '1001'], agent_name: ['name', 'Agent 1001'], agent_dni: ['identity document', '1020304050'],
      agent_status: ['Logout, Ready, Ring, Talk, ACW or the auxiliary state\'s name', 'Ready'], last_use: ['last state change, YYYY-MM-DD HH:MM:SS', '2026-03-02 10:00:00'],
      agent_sso: ['single sign-on id', ''], enabled: ['yes or no', 'yes'],
    })),
    query: { agent: optional(p.agentId) },
    async run(engine, access, q) {
      const { items, timeZone } = await engine.information.agents(access, q.agent);
      return { msg: foundMsg(items.length), data: items.map((a) => agentRow(a, timeZone)) };
    },
  }),
  skills: wolkvoxApi({
    method: 'GET', summary: 'The operation\'s skills (one with `skill`)',
    success: listed('number', dataSchemas.rows({
      skill_id: ['id', '7'], skill_name: ['name', 'Sales'], skill_description: ['description', ''],
      last_use: ['when a campaign of the skill last placed a call, YYYY-MM-DD HH:MM:SS; empty when none did', ''],
    })),
    query: { skill: optional(p.skillId) },
    async run(engine, access, q) {
      const { items, timeZone } = await engine.information.skills(access, q.skill);
      return { msg: foundMsg(items.length), data: items.map((s) => ({ skill_id: String(s.id), skill_name: s.name, skill_description: s.description, last_use: time(s.lastCall, timeZone) })) };
    },
  }),
  campaigns: wolkvoxApi({
    method: 'GET', summary: 'The operation\'s campaigns with their record counts (one with `campaign`)',
    success: listed('string', dataSchemas.rows({
      campaign_id: ['id', '1'], campaign_name: ['name', 'Demo predictive'], campaign_description: ['description', ''], type_campaign: ['predictive or preview', 'predictive'],
      status: ['Started or Stopped', 'Stopped'], records: ['records in the campaign', '100'], speed: ['0–100', '100'],
      dial_mode: ['Pacer\'s dial mode: predictive, progressive, power or preview', 'predictive'], last_use: ['last call placed, YYYY-MM-DD HH:MM:SS; empty when none', ''],
      recycled: ['times its records were made new again (recall_records)', '0'], turbo_dial: ['Pacer keeps no such setting: empty', ''], skill_id: ['its skill; empty when none', ''],
    })),
    query: { campaign: optional(p.campaignId) },
    async run(engine, access, q) {
      const { items, timeZone } = await engine.information.campaigns(access, q.campaign);
      return { msg: foundMsg(items.length), data: items.map((c) => campaignRow(c, timeZone)) };
    },
  }),
  activity_codes: wolkvoxApi({
    method: 'GET', summary: 'Activity codes of both groups (cod_act1, cod_act2) with their flags (those named `cod_act`)',
    success: listed('string', dataSchemas.rows({
      cod_act: ['the code', 'SALE'], description_cod_act: ['its description', 'Sale'], hit: ['yes or no', 'no'], rpc: ['yes or no', 'no'], chat: ['yes or no', 'no'],
      studio: ['yes or no', 'no'], voice: ['yes or no', 'no'], interactions: ['yes or no', 'no'], type_code: ['cod_act1 or cod_act2', 'cod_act1'],
    })),
    query: { cod_act: optional(p.code) },
    async run(engine, access, q) {
      const { items } = await engine.information.activityCodes(access, q.cod_act);
      return { msg: foundMsg(items.length), data: items.map(codeRow) };
    },
  }),
  agents_in_skill: wolkvoxApi({
    method: 'GET', summary: 'The agents who have a skill, with their expertise',
    success: listed('string', dataSchemas.rows({
      agent_id: ['the extension', '1001'], agent_name: ['name', 'Agent 1001'], last_use: ['last state change, YYYY-MM-DD HH:MM:SS', '2026-03-02 10:00:00'], expertise: ['1–10', '5'],
    })),
    query: { skill_id: p.skillId },
    async run(engine, access, q) {
      const { items, timeZone } = await engine.information.agentsInSkill(access, q.skill_id);
      return { msg: foundMsg(items.length), data: items.map((m) => ({ agent_id: m.agentId, agent_name: m.name, last_use: time(m.lastUse, timeZone), expertise: String(m.expertise) })) };
    },
  }),
  token_info: wolkvoxApi({
    method: 'GET', summary: 'The calling token\'s daily limit and use today (this call counts as one use)',
    // The collection's message, its leading space included.
    success: {
      status: 200, code: 'string', msg: ' 1 records were found',
      data: dataSchemas.rows({
        description: ['the token\'s description', 'Demo token'], token_limit: ['uses a day', '1000'], token_use_today: ['uses today, this one included', '1'],
        all_token_today: ['uses today of all the operation\'s tokens', '1'], available_consumption_options: ['token_limit − token_use_today', '999'],
      }, { minItems: 1, maxItems: 1 }),
    },
    query: {},
    async run(engine, access) {
      const u = await engine.information.tokenUse(access);
      return {
        msg: ' 1 records were found',
        data: [{
          description: u.description, token_limit: String(u.dailyLimit), token_use_today: String(u.usedToday), all_token_today: String(u.operationUsedToday),
          available_consumption_options: String(Math.max(0, u.dailyLimit - u.usedToday)),
        }],
      };
    },
  }),
  get_dnc: wolkvoxApi({
    method: 'GET', summary: 'The do-not-call list (Pacer\'s is the outbound one: type=inbound lists none)',
    success: listed('string', dataSchemas.rows({
      phone_number: ['the number', '3009990005'], type: ['outbound', 'outbound'], date_delete: ['when it was added (wolkvox\'s name), YYYY-MM-DD HH:MM:SS', '2026-03-02 10:00:00'],
    })),
    query: { type: oneOf(['inbound', 'outbound', 'all'] as const) },
    async run(engine, access, q) {
      // Pacer places no inbound calls, so it keeps no inbound list (the call still counts).
      const { items, timeZone } = await engine.information.dnc(access, q.type === 'inbound' ? 0 : maxRows + 1);
      if (items.length > maxRows) throw fail.badValue(`The do-not-call list has more than ${maxRows} numbers: read it page by page with GET /v1/dnc`);
      return { msg: foundMsg(items.length), data: items.map((e) => ({ phone_number: e.phone, type: 'outbound', date_delete: formatReportTime(e.createdAt, timeZone) })) };
    },
  }),
  audit_log: wolkvoxApi({
    method: 'GET', summary: 'Administrative changes between two dates (at most 31 days), newest first: who, from which IP, what',
    success: listed('number', dataSchemas.rows({
      date: ['YYYY-MM-DD HH:MM:SS', '2026-03-02 10:00:00'], ip: ['the request\'s address', '127.0.0.1'], user: ['the token (its description) or the console user', 'token 1 (Demo token)'],
      action: ['ADMIN: <action> <target>', 'ADMIN: agent.create agent 1011'], workstation: ['the face: wolkvox API, native API, console or admin API', 'wolkvox API'],
    })),
    query: { date_ini: example(p.stamp, '20260301000000'), date_end: example(p.stamp, '20260331235959') },
    async run(engine, access, q) {
      const { items, timeZone } = await engine.information.auditLog(access, { stamp: q.date_ini, param: 'date_ini' }, { stamp: q.date_end, param: 'date_end' });
      return { msg: foundMsg(items.length), data: items.map((e) => auditRow(e, timeZone)) };
    },
  }),
  get_ip: wolkvoxApi({
    method: 'GET', summary: 'The addresses the operation\'s tokens may be used from (none: any)',
    success: listed('string', dataSchemas.rows({
      operation: ['the operation', '0001'], ip: ['the address', '203.0.113.7'], last_use: ['last request from it, YYYY-MM-DD HH:MM:SS; empty when none', ''],
      type_ip: ['permanente or temporal (24 h)', 'permanente'], description: ['description', 'CRM server'],
    })),
    query: {},
    async run(engine, access) {
      const { items, operationId: operation, timeZone } = await engine.allowList.list(access);
      return {
        msg: foundMsg(items.length),
        data: items.map((a) => ({ operation, ip: a.address, last_use: time(a.lastUsedAt, timeZone), type_ip: a.expiresAt === null ? 'permanente' : 'temporal', description: a.description })),
      };
    },
  }),
};
