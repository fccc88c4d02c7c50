// reports_manager.php's call and campaign reports (reference §5.2, §5.3): cdr_1 (calls an agent
// talked on), cdr_5 (the others), cdr_6 (those by result), campaign_1…campaign_5. Read from the
// calls and records by the engine (src/engine/reports/calls.ts); written here.
import type { ReportCall, Tally } from '../../../engine/api.ts';
import type { CampaignApi } from './campaign.ts';
import { pattern, type ParamList } from './params.ts';
import { found, hms, listAnswer, percentOf, range, rangeOfQuery, rowsSchema, spokenResult, stamp, typeInteraction } from './report-wire.ts';

const api = <Q extends ParamList>(def: CampaignApi<Q>) => def as unknown as CampaignApi;

/** campaign_id of the campaign reports: one campaign, or all. */
const campaignOrAll = { campaign_id: pattern(/^(\d{1,12}|all)$/, 'a campaign id, or all', '1') };
const campaignOf = (q: { campaign_id: string }) => (q.campaign_id === 'all' ? null : q.campaign_id);

/** Seconds an agent talked on a call (answer to end; 0 while it is up). */
const talkSeconds = (c: ReportCall) => (c.connectedAt === null || c.endedAt === null ? 0 : Math.round((c.endedAt - c.connectedAt) / 1000));

const cdr1Schema = rowsSchema({
  agent_name: ['the agent who talked on it', 'Ana Díaz'], date: ['when it was placed, YYYY-MM-DD HH:MM:SS', '2026-03-02 10:01:05'],
  destiny: ['the number called', '3001000001'], telephone: ['the number called', '3001000001'], cost: ['0: Pacer keeps no call cost', '0'],
  time_seg: ['seconds from the agent\'s answer to the end', '75'], time_min: ['billed minutes: time_seg rounded up to a whole minute', '2'],
  cod_act: ['its disposition, group 1', 'SALE'], description_cod_act: ['its name', 'Sale'], cod_act_2: ['group 2', ''], description_cod_act_2: ['its name', ''],
  type_interaction: ['out_pre (the dialer), outbound_ma (an agent\'s call), transfer', 'out_pre'], customer_id: ['its record', '100001'],
  hang_up: ['who ended it: agent, customer (or the carrier), system (Pacer)', 'customer'], campaign_id: ['its campaign', '1'], conn_id: ['the call', ''],
  skill_id: ['its campaign\'s skill', ''], skill_name: ['its name', ''], agent_id: ['the agent extension', '1001'], comment: ['the disposition\'s comments', ''],
});

const cdr5Schema = rowsSchema({
  agent_name: ['the agent who placed it, if one did', ''], date: ['when it was placed', '2026-03-02 10:01:05'], destiny: ['the number called', '3001000001'],
  telephone: ['the number called', '3001000001'], ring_time: ['seconds from placing to the end', '22'],
  result: ['No answer, Busy, Congestion, Failed, Answer machine, Abandon, Do not call, Chanunavail, Unknown', 'No answer'],
  type_interaction: ['out_pre, outbound_ma or transfer', 'out_pre'], customer_id: ['its record', '100001'], campaign_id: ['its campaign', '1'],
  agent_id: ['the agent extension, if any', ''], conn_id: ['the call', ''],
});

const tallySchema = (key: string, description: string, example: string) => rowsSchema({
  [key]: [description, example], records: ['how many', '12'], percent: ['of the total, "NN.NN %"', '34.64 %'],
});

function tallyRows(tallies: readonly Tally[], key: string, write: (k: string | null) => string) {
  const total = tallies.reduce((n, t) => n + t.count, 0);
  return tallies.map((t) => ({ [key]: write(t.key), records: String(t.count), percent: percentOf(t.count, total) }));
}

const optNames = Array.from({ length: 12 }, (_, i) => `opt${i + 1}`);

export const callReportApis: Record<string, CampaignApi> = {
  cdr_1: api({
    method: 'GET', summary: 'Call detail: every call an agent talked on, placed in the range',
    success: listAnswer(cdr1Schema), query: range,
    async run(engine, access, q) {
      const { calls, timeZone } = await engine.reports.calls(access, rangeOfQuery(q), { connected: true });
      const data = calls.map((c) => {
        const seconds = talkSeconds(c);
        return {
          agent_name: c.agentName ?? '', date: stamp(c.placedAt, timeZone), destiny: c.phone, telephone: c.phone, cost: '0',
          time_seg: String(seconds), time_min: String(Math.ceil(seconds / 60)), cod_act: c.codAct ?? '', description_cod_act: c.codActName ?? '',
          cod_act_2: c.codAct2 ?? '', description_cod_act_2: c.codAct2Name ?? '', type_interaction: typeInteraction(c.origin, c.campaignType),
          customer_id: c.customerId ?? '', hang_up: c.endedBy ?? '', campaign_id: c.campaignId ?? '', conn_id: c.id,
          skill_id: c.skillId === null ? '' : String(c.skillId), skill_name: c.skillName ?? '', agent_id: c.agentId ?? '', comment: c.comments ?? '',
        };
      });
      return { msg: found(data.length), data };
    },
  }),
  cdr_5: api({
    method: 'GET', summary: 'Calls no agent talked on (unanswered, busy, machines, abandons…), placed in the range',
    success: listAnswer(cdr5Schema), query: range,
    async run(engine, access, q) {
      const { calls, timeZone } = await engine.reports.calls(access, rangeOfQuery(q), { connected: false });
      const data = calls.map((c) => ({
        agent_name: c.agentName ?? '', date: stamp(c.placedAt, timeZone), destiny: c.phone, telephone: c.phone,
        ring_time: String(c.endedAt === null ? 0 : Math.round((c.endedAt - c.placedAt) / 1000)), result: spokenResult(c.result),
        type_interaction: typeInteraction(c.origin, c.campaignType), customer_id: c.customerId ?? '', campaign_id: c.campaignId ?? '',
        agent_id: c.agentId ?? '', conn_id: c.id,
      }));
      return { msg: found(data.length), data };
    },
  }),
  cdr_6: api({
    method: 'GET', summary: 'Calls no agent talked on, counted by result',
    success: listAnswer(rowsSchema({ result: ['as cdr_5 writes it', 'No answer'], count: ['how many', '40'] })), query: range,
    async run(engine, access, q) {
      const tallies = await engine.reports.tally(access, rangeOfQuery(q), 'unconnected-results', null);
      const data = tallies.map((t) => ({ result: t.key === null ? 'In progress' : spokenResult(t.key), count: String(t.count) }));
      return { msg: found(data.length), data };
    },
  }),
  campaign_1: api({
    method: 'GET', summary: 'The records the dialer tried in the range, by the result of their last attempt there',
    success: listAnswer(tallySchema('result', 'answer, no-answer, busy, congestion, failed, answer-machine, abandon, do-not-call, chanunavail, unknown', 'no-answer')),
    query: { ...range, ...campaignOrAll },
    async run(engine, access, q) {
      const data = tallyRows(await engine.reports.tally(access, rangeOfQuery(q), 'record-results', campaignOf(q)), 'result', (k) => k ?? 'in-progress');
      return { msg: found(data.length), data };
    },
  }),
  campaign_2: api({
    method: 'GET', summary: 'The records the dialer tried in the range, by the disposition (cod_act) of their last attempt there (empty: none)',
    success: listAnswer(tallySchema('cod_act', 'the activity code; empty for attempts with none', 'SALE')), query: { ...range, ...campaignOrAll },
    async run(engine, access, q) {
      const data = tallyRows(await engine.reports.tally(access, rangeOfQuery(q), 'record-dispositions', campaignOf(q)), 'cod_act', (k) => k ?? '');
      return { msg: found(data.length), data };
    },
  }),
  campaign_3: api({
    method: 'GET', summary: 'Phone by phone: one row per attempt of the dialer placed in the range, with its record',
    success: listAnswer(rowsSchema({
      campaign_id: ['the campaign', '1'], customer_name: ['the record\'s', 'Customer 100001'], customer_last_name: ['the record\'s', 'Demo'], id_type: ['the record\'s', ''],
      customer_id: ['the record', '100001'], date: ['when it was placed, YYYY-MM-DD HH:MM:SS (operation\'s clock)', '2026-03-02 10:01:05'], telephone: ['the number called', '3001000001'],
      result: ['upper case, as integrators see it: ANSWER, NO-ANSWER, BUSY, ANSWER-MACHINE, ABANDON, CONGESTION, FAILED…', 'NO-ANSWER'],
      ...Object.fromEntries(optNames.map((n) => [n, ['an extra field of the record', '']])), conn_id: ['the call', ''],
    })),
    query: { ...range, ...campaignOrAll },
    async run(engine, access, q) {
      const campaignId = campaignOf(q);
      const { calls, timeZone } = await engine.reports.calls(access, rangeOfQuery(q), { attemptsOnly: true, ...(campaignId === null ? {} : { campaignId }) });
      const data = calls.map((c) => {
        const r = c.record ?? {};
        return {
          campaign_id: c.campaignId ?? '', customer_name: r.customer_name ?? c.customerName ?? '', customer_last_name: r.customer_last_name ?? '', id_type: r.id_type ?? '',
          customer_id: c.customerId ?? '', date: stamp(c.placedAt, timeZone), telephone: c.phone, result: (c.result ?? '').toUpperCase(),
          ...Object.fromEntries(optNames.map((n) => [n, r[n] ?? ''])), conn_id: c.id,
        };
      });
      return { msg: found(data.length), data };
    },
  }),
  campaign_4: api({
    method: 'GET', summary: 'The dialer\'s attempts placed in the range, by result',
    success: listAnswer(tallySchema('result', 'as campaign_1; in-progress for an attempt not ended', 'no-answer')), query: { ...range, ...campaignOrAll },
    async run(engine, access, q) {
      const data = tallyRows(await engine.reports.tally(access, rangeOfQuery(q), 'attempt-results', campaignOf(q)), 'result', (k) => k ?? 'in-progress');
      return { msg: found(data.length), data };
    },
  }),
  campaign_5: api({
    method: 'GET', summary: 'Preview detail: each record shown to an agent (type_of_row preview) and each call of a preview record (call), in time order',
    success: listAnswer(rowsSchema({
      type_of_row: ['preview (shown to the agent) or call', 'call'], campaign_id: ['the campaign', '2'], customer_name: ['the record\'s', ''], customer_last_name: ['the record\'s', ''],
      result: ['the record\'s last result', 'answer'], last_code_act: ['the record\'s disposition', 'SALE'], comments_customer_reg: ['the record\'s comment', ''],
      customer_id: ['the record', '200001'], agent_id: ['the agent', '1001'], conn_id: ['the call (call rows)', ''], telephone: ['the number called (call rows)', ''],
      hang_up: ['who ended it (call rows)', 'agent'], type_interaction: ['outbound_ma (call rows)', 'outbound_ma'], call_result: ['the call\'s result (call rows)', 'answer'],
      date: ['YYYY-MM-DD HH:MM:SS', '2026-03-02 10:01:05'], time: ['talk time of the call, HH:MM:SS (call rows)', '00:01:15'], cod_act: ['the call\'s disposition', 'SALE'],
      comments: ['the call\'s comments', ''],
    })),
    query: { ...range, ...campaignOrAll },
    async run(engine, access, q) {
      const { previews, calls, timeZone } = await engine.reports.preview(access, rangeOfQuery(q), campaignOf(q));
      const record = (r: Record<string, string> | null) => ({ customer_name: r?.customer_name ?? '', customer_last_name: r?.customer_last_name ?? '' });
      const rows = [
        ...previews.map((v) => ({
          at: v.at, row: {
            type_of_row: 'preview', campaign_id: v.campaignId, ...record(v.record), result: '', last_code_act: '', comments_customer_reg: '', customer_id: v.customerId,
            agent_id: v.agentId ?? '', conn_id: '', telephone: '', hang_up: '', type_interaction: '', call_result: '', date: stamp(v.at, timeZone), time: '', cod_act: '', comments: '',
          },
        })),
        ...calls.map((c) => ({
          at: c.placedAt, row: {
            type_of_row: 'call', campaign_id: c.campaignId ?? '', ...record(c.record), result: c.result ?? '', last_code_act: c.codAct ?? '', comments_customer_reg: c.comments ?? '',
            customer_id: c.customerId ?? '', agent_id: c.agentId ?? '', conn_id: c.id, telephone: c.phone, hang_up: c.endedBy ?? '', type_interaction: typeInteraction(c.origin, c.campaignType),
            call_result: c.result ?? '', date: stamp(c.placedAt, timeZone), time: hms(talkSeconds(c) * 1000), cod_act: c.codAct ?? '', comments: c.comments ?? '',
          },
        })),
      ].sort((a, b) => a.at - b.at);
      const data = rows.map((r) => r.row);
      return { msg: found(data.length), data };
    },
  }),
};
