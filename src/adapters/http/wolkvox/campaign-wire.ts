// The JSON of campaign.php: reading request bodies (JSON even when sent as text/plain, as some
// wolkvox samples do) and the wire shapes of records, attempts and the add_record report.
import { formatReportTime, type CampaignRecord } from '../../../domain/campaign.ts';
import { fail } from '../../../domain/errors.ts';
import { formatStamp } from '../../../domain/local-time.ts';
import type { AddRecordsReport, CampaignAttempt } from '../../../engine/api.ts';
import { refuseBadInput } from '../input-guard.ts';
import { parseParams, type ParamList, type Parsed } from './params.ts';

/**
 * The body as JSON: parsed by the server for JSON content types, else parsed here from text. What
 * is parsed here passes the input guard as the server's parsed bodies do (JSON text can write
 * "\u0000" where the raw text has no control character).
 */
export function jsonBody(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  if (raw.trim() === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(raw) as unknown;
  } catch {
    throw fail.badValue('The request body is not valid JSON');
  }
  refuseBadInput(body, 'body');
  return body;
}

/**
 * A body that is one JSON object of parameters. The reader carries its parameter list, so the
 * route table says what each api's body takes (the fuzz test builds its requests from it).
 */
export function objectBody<L extends ParamList>(list: L): ((raw: unknown) => Parsed<L>) & { params: L } {
  const read = (raw: unknown): Parsed<L> => {
    const body = jsonBody(raw) ?? {};
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw fail.parameterRequired('body', `expected a JSON object with ${Object.keys(list).join(', ')}`);
    }
    return parseParams(list, body as Record<string, unknown>);
  };
  return Object.assign(read, { params: list });
}

/** add_record's body: a JSON array of record objects (each row is checked by the use case). */
export function recordsBody(raw: unknown): unknown[] {
  const body = jsonBody(raw);
  if (!Array.isArray(body)) throw fail.parameterRequired('records', 'expected a JSON array of record objects');
  return body;
}

export function reportToWire(r: AddRecordsReport) {
  return {
    total_sent: r.sent, total_added: r.added, total_updated: r.updated, total_rejected: r.rejected.length,
    rejected: r.rejected.map((x) => ({ index: x.index, customer_id: x.customerId, reason: x.reason })),
  };
}

/** A record as find_record answers it: the documented leading fields, then the rest. */
export function recordToWire(r: CampaignRecord, timeZone: string) {
  const { customer_name = '', customer_last_name = '', ...rest } = r.data;
  return {
    customer_name, customer_last_name, customer_id: r.customerId, campaign_id: r.campaignId, ...rest,
    recall_date: r.recallDate === null ? null : formatStamp(r.recallDate, timeZone), recall_telephone: r.recallTelephone,
    status: r.status, attempts: r.attempts, last_result: r.lastResult, cod_act: r.codAct, cod_act_2: r.codAct2,
    comment: r.comment, time_zone: r.timeZone,
  };
}

export function attemptToWire(a: CampaignAttempt, campaignId: string, timeZone: string) {
  const time = (ms: number | null) => (ms === null ? null : formatReportTime(ms, timeZone));
  return {
    conn_id: a.connId, campaign_id: campaignId, customer_id: a.customerId, customer_name: a.customerName, phone: a.phone,
    result: a.result, agent_id: a.agentId, date_placed: time(a.placedAt), date_answered: time(a.answeredAt),
    date_ended: time(a.endedAt), cod_act: a.codAct, cod_act_2: a.codAct2, comments: a.comments,
  };
}
