// How the wolkvox reports write Pacer's figures (reference §1.1): every value a string, durations
// `HH:MM:SS` with unbounded hours, datetimes `YYYY-MM-DD HH:MM:SS` on the operation's clock,
// percentages `"34.64 %"` (thousands with a comma), an agent state as the reports name it, a call
// as a `type_interaction`. The engine computes; this file only writes.
import type { CallOrigin } from '../../../domain/call-state.ts';
import { formatReportTime } from '../../../domain/campaign.ts';
import { agentFigures, type AgentTime } from '../../../domain/reports.ts';
import { dataSchemas, type Answer } from './answers.ts';
import type { ReportRange } from '../../../engine/api.ts';
import { example, p, type JsonSchema } from './params.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** Milliseconds as `HH:MM:SS`, to the nearest second; hours past 24 as they come (`"41:06:00"`). */
export function hms(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** A share as `"34.64 %"`, `"15,233.33 %"`; none (nothing to divide by) is `"0.00 %"`. */
export function percent(share: number | null): string {
  const value = (share ?? 0) * 100;
  return `${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
}

/** A part of a whole as a percentage (`"0.00 %"` of nothing). */
export const percentOf = (part: number, whole: number) => percent(whole > 0 ? part / whole : null);

/** An instant as `YYYY-MM-DD HH:MM:SS` on the operation's clock; none is `"-"` (agent_1's login, logout). */
export const stamp = (ms: number | null, timeZone: string, none = '-') => (ms === null ? none : formatReportTime(ms, timeZone));

/** `YYYY-MM-DD` and `HH:MM` of an instant on the operation's clock (agent_8's date and hour). */
export function dayAndHour(ms: number, timeZone: string): { date: string; hour: string } {
  const text = formatReportTime(ms, timeZone);
  return { date: text.slice(0, 10), hour: text.slice(11, 16) };
}

/** How each report writes an agent state: agent_2 shouts, agent_14 and real_time capitalise. */
export type StateStyle = 'upper' | 'title';

/** An agent state (`ready`, `aux:3`…) as a report names it; an auxiliary state by its configured name. */
export function stateName(state: string, auxNames: ReadonlyMap<number, string>, style: StateStyle): string {
  if (state.startsWith('aux:')) {
    const id = Number(state.slice(4));
    return auxNames.get(id) ?? `Aux ${id}`;
  }
  const names: Record<string, [string, string]> = {
    ready: ['READY', 'Ready'], ringing: ['RING', 'Ring'], talking: ['TALK', 'Talk'], held: ['TALK', 'Talk'], acw: ['ACW', 'ACW'], logout: ['LOGOUT', 'Logout'],
  };
  const pair = names[state] ?? [state.toUpperCase(), state];
  return style === 'upper' ? pair[0] : pair[1];
}

/**
 * A call as wolkvox's `type_interaction`: the dialer's predictive attempts `out_pre`, a transferred
 * leg `transfer`, every call an agent placed (dial, aux_call, a callback, a preview record)
 * `outbound_ma`. Pacer has no inbound or internal calls.
 */
export function typeInteraction(origin: CallOrigin | null, campaignType: string | null): string {
  if (origin === 'transfer') return 'transfer';
  if (origin === 'campaign' && campaignType !== 'preview') return 'out_pre';
  return origin === null ? '' : 'outbound_ma';
}

/** A result as cdr_5 writes it: `No answer`, `Busy`, `Do not call` (capitalised, spaces). */
export function spokenResult(result: string | null): string {
  if (result === null) return '';
  const words = result.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The 18 fields of agent_8 (agent_1 adds more): counts, times by state, AHT and occupancy. Every
 * call Pacer places is outbound, so `inbound`, `internal` and their times are 0; time on a call
 * (held included) is `outbound_time`.
 */
export function stateFields(t: AgentTime) {
  const f = agentFigures(t);
  return {
    calls: String(t.calls), inbound: '0', outbound: String(t.calls), internal: '0',
    ready_time: hms(t.readyMs), inbound_time: hms(0), outbound_time: hms(f.onCallMs), acw_time: hms(t.acwMs), ring_time: hms(t.ringingMs),
    login_time: hms(f.loggedInMs), aht: hms(f.handleAvgMs ?? 0), occupancy: percent(f.occupancy), aux_time: hms(f.auxTotalMs),
  };
}

// Schemas for the documents: every value a string, with what it means.
const str = (description: string, example = '') => dataSchemas.text(description, example);

/** An array of rows whose fields are all strings: `fields` gives each its description and example. */
export function rowsSchema(fields: Record<string, readonly [string, string?]>): JsonSchema {
  return {
    type: 'array', items: {
      type: 'object', additionalProperties: false, required: Object.keys(fields),
      properties: Object.fromEntries(Object.entries(fields).map(([name, [description, example]]) => [name, str(description, example)])),
    },
  };
}

export const stateFieldSchemas = {
  calls: ['calls the agent talked on', '12'], inbound: ['inbound calls (Pacer places none: 0)', '0'], outbound: ['outbound calls: every call Pacer places', '12'],
  internal: ['internal calls (Pacer has none: 0)', '0'], ready_time: ['time ready, HH:MM:SS', '01:10:00'], inbound_time: ['00:00:00 (no inbound)', '00:00:00'],
  outbound_time: ['time on a call, held included', '02:02:47'], acw_time: ['time in after-call work', '00:15:00'], ring_time: ['time ringing (the agent\'s own calls)', '00:01:30'],
  login_time: ['time logged in (every state but logout)', '04:00:00'], aht: ['average handle time: (on a call + after-call work) / calls', '00:11:29'],
  occupancy: ['(inbound_time + outbound_time + acw_time) / (login_time − aux_time)', '34.64 %'], aux_time: ['time in auxiliary states', '00:30:00'],
} as const;

/** The list answer of a report: `code` a number 200 (or a string, where the collection shows one). */
export const listAnswer = (data: JsonSchema, code: 'number' | 'string' = 'number'): Answer => ({
  status: 200, code, msg: '{n} records were found', msgExamples: { n: '1' }, data,
});

/** `"N records were found"`, as wolkvox writes it (also for 1). */
export const found = (n: number) => `${n} records were found`;

/** The range every report takes: date_ini, date_end (YYYYmmddHHiiss, operation's clock; date_end included). */
export const range = { date_ini: example(p.stamp, '20260302000000'), date_end: example(p.stamp, '20260302235959') };
export const rangeOfQuery = (q: { date_ini: string; date_end: string }): ReportRange => ({
  from: { stamp: q.date_ini, param: 'date_ini' }, to: { stamp: q.date_end, param: 'date_end' },
});
