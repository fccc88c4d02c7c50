// real_time.php: the floor now, as wolkvox's real-time APIs answer it (reference §4), in the table
// shape of campaign.php. The figures are the engine's (src/engine/reports/real-time.ts: counted
// from the store at each read, "today" on the operation's clock); this file writes them. Pacer's
// choices where the documents are thin are in the README's compatibility table.
import { describeState } from '../../../domain/agent.ts';
import { agentFigures, standardServiceSeconds } from '../../../domain/reports.ts';
import type { CampaignApi } from './campaign.ts';
import { integer, oneOf, optional, pattern, type JsonSchema, type ParamList } from './params.ts';
import { found, listAnswer, percentOf, rowsSchema, spokenResult, stamp, stateName, typeInteraction } from './report-wire.ts';

const api = <Q extends ParamList>(def: CampaignApi<Q>) => def as unknown as CampaignApi;
const seconds = (ms: number) => String(Math.max(0, Math.round(ms / 1000)));

const agentsSchema = rowsSchema({
  agent_id: ['the agent extension', '1001'], agent_name: ['its name', 'Ana Díaz'],
  agent_status: ['Ready, Ring, Talk, ACW or the auxiliary state\'s name', 'Ready'],
  calls: ['calls talked on today', '12'], inbound: ['0: Pacer places no inbound calls', '0'], outbound: ['calls talked on today (all outbound)', '12'],
  internal: ['0: Pacer has no internal calls', '0'], time_state_now: ['seconds in the current state', '35'],
  ready_time: ['seconds ready today', '4200'], inbound_time: ['0', '0'], outbound_time: ['seconds on a call today, held included', '7367'],
  acw_time: ['seconds in after-call work today', '900'], ring_time: ['seconds ringing today', '90'],
  aht_time: ['average handle time today, seconds: (on a call + after-call work) / calls', '689'], aux_time: ['seconds in auxiliary states today', '1800'],
  login_time: ['when its session began, YYYY-MM-DD HH:MM:SS (operation\'s clock); "-" when older than the history', '2026-03-02 08:02:08'],
  ocupation: ['occupancy today (sic, the wire name): (outbound + acw) / (logged in − aux)', '34.64 %'],
});

/** skill_id: a skill id or `all`. */
const skillOrAll = pattern(/^(\d{1,9}|all)$/, 'a skill id, or all', 'all');
/** services_time: a further service level, in seconds (10, 20 and 30 are always there). */
const serviceTime = integer(1, 3600, '45');

const skillRow = rowsSchema({
  skill_id: ['the skill', '1'], skill_name: ['its name', 'Sales'], calls_in_queue_now: ['answered calls of its campaigns waiting for an agent now', '0'],
  stat_inbound: ['calls of its campaigns a person answered today (machines excluded)', '40'], stat_answer: ['of those, taken by an agent', '39'],
  stat_abandon: ['of those, abandoned', '1'], service_level_10seg: ['answered calls an agent took within 10 s of the answer', '97.50 %'],
  service_level_20seg: ['within 20 s', '97.50 %'], service_level_30seg: ['within 30 s', '97.50 %'], by_abandon: ['stat_abandon / stat_inbound', '2.50 %'],
  service_level_0seg: ['without services_time: "0.00 %"; with services_time=N this field is service_level_<N>seg, the share within N s', '0.00 %'],
}) as { items: JsonSchema };
/** The field of services_time has its name from the request: service_level_<N>seg replaces service_level_0seg. */
const skillsSchema: JsonSchema = {
  type: 'array', items: {
    ...skillRow.items, required: ((skillRow.items.required ?? []) as string[]).filter((n) => n !== 'service_level_0seg'),
    patternProperties: { '^service_level_\\d+seg$': { type: 'string' } },
  },
};

const campaignsSchema = rowsSchema({
  campaign: ['"<id> - <name> - <pct>%": the campaign and the share of its records tried', '1 - Renewals - 35.00%'], speed: ['0–100', '50'],
  status: ['started or stopped', 'started'], skill_id: ['its skill, empty when none', ''], records: ['its records', '100'], clean: ['records never tried', '65'],
  dial: ['attempts today', '120'], answer: ['attempts today a person answered and an agent took', '18'], no_answer: ['attempts today nobody answered', '60'],
  'busy/congestion/failed': ['attempts today that were busy, congested or failed', '20'], answer_machine: ['attempts today a machine answered', '22'],
  penetration_day: ['records tried today / records', '20.00 %'], penetration_now: ['records ever tried / records', '35.00 %'],
  hits: ['calls of the campaign placed today disposed with an activity code flagged hit (cod_act or cod_act_2)', '3'], calls_x_min: ['attempts placed in the last minute', '4'], recycled: ['0: Pacer keeps no recycling count', '0'],
});

const callsSchema = rowsSchema({
  type_interaction: ['out_pre (the dialer), outbound_ma (an agent\'s call), transfer', 'out_pre'],
  result: ['answer, no answer, busy, congestion, failed, answer machine, abandon, do not call, chanunavail, unknown; empty while the call is up', 'answer'],
  date: ['when it was placed, YYYY-MM-DD HH:MM:SS', '2026-03-02 10:01:05'], telephone: ['the number called', '3001000001'],
  customer_id: ['its record, if any', '100001'], conn_id: ['the call', ''],
});

const recallSchema = rowsSchema({
  type_recall: ['auto or manual', 'manual'], date_recall: ['when it is due, YYYY-MM-DD HH:MM:SS', '2026-03-03 09:00:00'], phone_number: ['the number to call', '3001000001'],
  id_campaing: ['its campaign (sic, the wire name), empty when none', '1'], id_agent: ['its agent, empty for a campaign recall', '1001'],
});

const latencySchema = {
  type: 'array', minItems: 1, maxItems: 1, items: {
    type: 'object', additionalProperties: false, required: ['by_agent', 'by_ip', 'by_pbx'],
    properties: {
      by_agent: rowsSchema({
        agent_id: ['the agent extension (plain, not "<ext>-<name>")', '1001'], latency_ms: ['empty: Pacer measures no network latency', ''], ip: ['where its SIP phone registered from; empty without one', '203.0.113.7'],
        version: ['its phone\'s user agent', 'Zoiper 5'], agent_status: ['connected (a registered phone) or disconnected', 'connected'], tx_jitter: ['empty (not measured)', ''],
        rx_jitter: ['empty', ''], tx_ploss: ['empty', ''], rx_ploss: ['empty', ''], network_rejection: ['empty', ''], connection_type: ['empty', ''],
        platform: ['web (the console) or app (a SIP phone)', 'app'], last_date: ['when its phone last registered, YYYY-MM-DD HH:MM:SS', '2026-03-02 08:00:00'],
      }),
      by_ip: rowsSchema({
        ip: ['an address agents\' phones registered from', '203.0.113.7'], total_agents: ['agents there', '3'], average_latency: ['empty (not measured)', ''],
        maximum: ['empty', ''], minimum: ['empty', ''], network_rejection: ['empty', ''],
      }),
      by_pbx: { type: 'array', maxItems: 0, description: 'always empty: Pacer is the PBX' },
    },
  },
};

export const realTimeApis: Record<string, CampaignApi> = {
  agents: api({
    method: 'GET', summary: 'The logged-in agents: state now and its seconds, and the day so far (calls, seconds by state, AHT, occupancy)',
    success: listAnswer(agentsSchema), query: {},
    async run(engine, access) {
      const live = await engine.realTime.agents(access);
      const data = live.agents.map((a) => {
        const f = agentFigures(a.today);
        return {
          agent_id: a.agentId, agent_name: a.agentName, agent_status: stateName(describeState(a), live.auxNames, 'title'),
          calls: String(a.today.calls), inbound: '0', outbound: String(a.today.calls), internal: '0', time_state_now: seconds(live.at - a.stateSince),
          ready_time: seconds(a.today.readyMs), inbound_time: '0', outbound_time: seconds(f.onCallMs), acw_time: seconds(a.today.acwMs),
          ring_time: seconds(a.today.ringingMs), aht_time: seconds(f.handleAvgMs ?? 0), aux_time: seconds(f.auxTotalMs),
          login_time: stamp(a.loginAt, live.timeZone), ocupation: percentOf(f.onCallMs + a.today.acwMs, f.loggedInMs - f.auxTotalMs),
        };
      });
      return { msg: found(data.length), data };
    },
  }),
  skills: api({
    method: 'GET', summary: 'Each skill (or one) today: the answered calls of its campaigns, those waiting now, service levels and abandons',
    success: listAnswer(skillsSchema), query: { skill_id: skillOrAll, services_time: optional(serviceTime) },
    async run(engine, access, q) {
      const extra = q.services_time;
      const asked = [...standardServiceSeconds, ...(extra === undefined ? [] : [extra])];
      const skills = await engine.realTime.skills(access, q.skill_id === 'all' ? null : Number(q.skill_id), asked);
      const data = skills.map((s) => {
        const level = (i: number) => percentOf(s.within[i] ?? 0, s.answered);
        return {
          skill_id: String(s.id), skill_name: s.name, calls_in_queue_now: String(s.waiting), stat_inbound: String(s.answered),
          stat_answer: String(s.connected), stat_abandon: String(s.abandoned),
          service_level_10seg: level(0), service_level_20seg: level(1), service_level_30seg: level(2),
          [`service_level_${extra ?? 0}seg`]: extra === undefined ? percentOf(0, 0) : level(3),
          by_abandon: percentOf(s.abandoned, s.answered),
        };
      });
      return { msg: found(data.length), data };
    },
  }),
  campaigns: api({
    method: 'GET', summary: 'Each campaign today: its records, attempts by result, penetration and pace (in the envelope, where the collection\'s example has none)',
    success: listAnswer(campaignsSchema), query: {},
    async run(engine, access) {
      const { campaigns } = await engine.realTime.campaigns(access);
      const data = campaigns.map((c) => {
        const count = (...results: string[]) => c.attempts.filter((a) => a.key !== null && results.includes(a.key)).reduce((n, a) => n + a.count, 0);
        const everTried = c.records - c.untried;
        const share = c.records > 0 ? (100 * everTried) / c.records : 0;
        return {
          campaign: `${c.id} - ${c.name} - ${share.toFixed(2)}%`, speed: String(c.speed), status: c.status, skill_id: c.skillId === null ? '' : String(c.skillId),
          records: String(c.records), clean: String(c.untried), dial: String(c.attempts.reduce((n, a) => n + a.count, 0)), answer: String(count('answer')),
          no_answer: String(count('no-answer')), 'busy/congestion/failed': String(count('busy', 'congestion', 'failed')), answer_machine: String(count('answer-machine')),
          penetration_day: percentOf(c.recordsTried, c.records), penetration_now: percentOf(everTried, c.records), hits: String(c.hits),
          calls_x_min: String(c.lastMinute), recycled: '0',
        };
      });
      return { msg: found(data.length), data };
    },
  }),
  calls_last_10: api({
    method: 'GET', summary: 'The calls placed in the last 10 minutes, oldest first',
    success: listAnswer(callsSchema), query: {},
    async run(engine, access) {
      const { calls, timeZone } = await engine.realTime.recentCalls(access, 10);
      const data = calls.map((c) => ({
        type_interaction: typeInteraction(c.origin, c.campaignType), result: spokenResult(c.result).toLowerCase(), date: stamp(c.placedAt, timeZone),
        telephone: c.phone, customer_id: c.customerId ?? '', conn_id: c.id,
      }));
      return { msg: found(data.length), data };
    },
  }),
  recall: api({
    method: 'GET', summary: 'The recalls not yet fired (agents\' and campaigns\'), by due time; type=manual or auto for one kind',
    success: listAnswer(recallSchema, 'string'), query: { type: optional(oneOf(['all', 'manual', 'auto'] as const)) },
    async run(engine, access, q) {
      const type = q.type === 'manual' || q.type === 'auto' ? q.type : undefined;
      const { recalls, timeZone } = await engine.realTime.recalls(access, type);
      const data = recalls.map((r) => ({
        type_recall: r.type, date_recall: stamp(r.dueAt, timeZone), phone_number: r.phone, id_campaing: r.campaignId ?? '', id_agent: r.agentId ?? '',
      }));
      return { msg: found(data.length), data };
    },
  }),
  latency: api({
    method: 'GET', summary: 'The logged-in agents\' phones (where each registered from), in wolkvox\'s latency shape; Pacer measures no latency, jitter or loss (empty)',
    success: { ...listAnswer(latencySchema), msg: '{n} records were found' }, query: {},
    async run(engine, access) {
      const { lines, timeZone } = await engine.realTime.lines(access);
      const byAgent = lines.map((l) => ({
        agent_id: l.agentId, latency_ms: '', ip: l.address ?? '', version: l.userAgent ?? '', agent_status: l.address === null ? 'disconnected' : 'connected',
        tx_jitter: '', rx_jitter: '', tx_ploss: '', rx_ploss: '', network_rejection: '', connection_type: '', platform: l.address === null ? 'web' : 'app',
        last_date: stamp(l.registeredAt, timeZone, ''),
      }));
      const ips = new Map<string, number>();
      for (const l of lines) if (l.address !== null) ips.set(l.address, (ips.get(l.address) ?? 0) + 1);
      const byIp = [...ips].map(([ip, n]) => ({ ip, total_agents: String(n), average_latency: '', maximum: '', minimum: '', network_rejection: '' }));
      return { msg: found(byAgent.length), data: [{ by_agent: byAgent, by_ip: byIp, by_pbx: [] }] };
    },
  }),
};
