// The JSON of campaign.php: reading request bodies (JSON even when sent as text/plain, as some
// wolkvox samples do) and the wire shapes of records, detail rows and the add_record report.
import { formatReportTime, recordFields, type CampaignRecord } from '../../../domain/campaign.ts';
import { fail } from '../../../domain/errors.ts';
import { formatStamp } from '../../../domain/local-time.ts';
import type { AddRecordsReport, ExportedRecord, LastCall, ManagedRecord } from '../../../engine/api.ts';
import { refuseBadInput } from '../input-guard.ts';
import { dataSchemas } from './answers.ts';
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

/**
 * add_record's data: the collection's `[{"total_registers"}]` (the records written, added or
 * updated), with Pacer's own counts and the rejected rows beside it; every value a string.
 */
export function reportToWire(r: AddRecordsReport) {
  return [{
    total_registers: String(r.added + r.updated), total_sent: String(r.sent), total_added: String(r.added),
    total_updated: String(r.updated), total_rejected: String(r.rejected.length),
    rejected: r.rejected.map((x) => ({ index: String(x.index), customer_id: x.customerId ?? '', reason: x.reason })),
  }];
}

const optFields = Array.from({ length: 12 }, (_, i) => `opt${i + 1}`);
const telFields = Array.from({ length: 10 }, (_, i) => `tel${i + 1}`);
/** The record fields find_record answers first, in the collection's order ('' when the record has none). */
const foundFields = ['customer_name', 'customer_last_name', 'customer_id', 'country', 'state', 'city', 'zone', 'address', ...optFields, ...telFields];
/** The record fields of a detail row, in the collection's order (its table's `age` included). */
const detailFields = ['customer_name', 'customer_last_name', 'id_type', 'customer_id', 'age', 'gender', 'country', 'state', 'city', 'zone', 'address', ...optFields, ...telFields, 'tel_extra'];

const fieldsOf = (names: readonly string[], values: Record<string, string>) => Object.fromEntries(names.map((n) => [n, values[n] ?? '']));
const restOf = (names: readonly string[], values: Record<string, string>) => Object.fromEntries(Object.entries(values).filter(([k]) => !names.includes(k)));

/**
 * A record as find_record answers it: the collection's fields (strings, '' for none; `date`,
 * `calls`, `conn_id`, `result` of its last call), the record's other fields, then Pacer's own.
 */
export function recordToWire(r: CampaignRecord, last: LastCall | null, timeZone: string) {
  const values = { ...r.data, customer_id: r.customerId };
  return {
    ...fieldsOf(foundFields, values),
    date: last === null ? '' : formatReportTime(last.placedAt, timeZone), calls: String(r.attempts), conn_id: last?.connId ?? '',
    result: r.lastResult ?? '', campaign_id: r.campaignId, ...restOf(foundFields, r.data),
    recall_date: r.recallDate === null ? null : formatStamp(r.recallDate, timeZone), recall_telephone: r.recallTelephone,
    status: r.status, attempts: r.attempts, last_result: r.lastResult, cod_act: r.codAct, cod_act_2: r.codAct2,
    comment: r.comment, time_zone: r.timeZone,
  };
}

/**
 * A row of detail: one record managed in the range, the collection's fields in its order, every
 * value a string. `date` is when it was last managed there (YYYY-mm-dd HH:ii:ss on the operation's
 * clock), the disposition of its last call there (else the record's, given by codify), `recall`
 * when its next open recall (an agent's or the campaign's) is due, as
 * YYYYmmddHHiiss; then Pacer's `campaign_id` and the
 * `phone` its last call dialled. A record removed since shows what its last call knew of it.
 */
export function managedToWire(m: ManagedRecord, campaignId: string, timeZone: string) {
  const r = m.record;
  const values = { ...(r?.data ?? { customer_name: m.customerName ?? '' }), customer_id: m.customerId };
  const call = m.lastCall;
  return {
    ...fieldsOf(detailFields, values),
    agent_id: call?.agentId ?? '', date: formatReportTime(m.managedAt, timeZone), calls: r === null ? '' : String(r.attempts),
    conn_id: call?.connId ?? '', recall: m.nextRecallAt === null ? '' : formatStamp(m.nextRecallAt, timeZone),
    result: call?.result ?? r?.lastResult ?? '', cod_act: call?.codAct ?? r?.codAct ?? '', cod_act_2: call?.codAct2 ?? r?.codAct2 ?? '',
    recall_count: String(m.recalls), comments: call?.comments ?? r?.comment ?? '', campaign_id: campaignId, phone: call?.phone ?? '',
  };
}

// The schemas of the shapes above, for the documents (the fuzz test holds the answers to them).
const str = (description: string, example = '') => dataSchemas.text(description, example);
const strings = (names: readonly string[], describe: (name: string) => string, examples: Record<string, string> = {}) =>
  Object.fromEntries(names.map((n) => [n, str(describe(n), examples[n] ?? '')]));
const field = (n: string) => (n.startsWith('opt') ? 'an extra field of the record' : n.startsWith('tel') ? 'a phone of the record' : `the record's ${n}`);
const demoRecord = { customer_name: 'Customer 100001', customer_last_name: 'Demo', customer_id: '100001', tel1: '3001000000' };

export const reportSchema = {
  type: 'array', minItems: 1, maxItems: 1, items: {
    type: 'object', additionalProperties: false,
    required: ['total_registers', 'total_sent', 'total_added', 'total_updated', 'total_rejected', 'rejected'],
    properties: {
      total_registers: str('records written (added or updated)', '2'), total_sent: str('rows sent', '2'), total_added: str('new records', '2'),
      total_updated: str('records that were there (customer_id), updated', '0'), total_rejected: str('rows rejected', '0'),
      rejected: {
        type: 'array', items: {
          type: 'object', additionalProperties: false, required: ['index', 'customer_id', 'reason'],
          properties: { index: str('the row\'s index in the request, from 0'), customer_id: str('its customer_id, if it had one'), reason: str('what is wrong with it') },
        },
      },
    },
  },
};

export const foundSchema = {
  type: 'array', items: {
    type: 'object', additionalProperties: true, required: [...foundFields, 'date', 'calls', 'conn_id', 'result', 'campaign_id'],
    description: 'The collection\'s fields (strings, empty for none), then the record\'s other fields, then Pacer\'s own',
    properties: {
      ...strings(foundFields, field, demoRecord),
      date: str('when its last call was placed (YYYY-mm-dd HH:ii:ss, operation\'s clock)'), calls: str('its attempts', '0'),
      conn_id: str('its last call'), result: str('the result of its last attempt'), campaign_id: str('its campaign', '1'),
      recall_date: { type: ['string', 'null'], description: 'its campaign recall, YYYYmmddHHiiss' },
      recall_telephone: { type: ['string', 'null'] }, status: { type: 'string', example: 'fresh' }, attempts: { type: 'integer' },
      last_result: { type: ['string', 'null'] }, cod_act: { type: ['string', 'null'] }, cod_act_2: { type: ['string', 'null'] },
      comment: { type: ['string', 'null'] }, time_zone: { type: 'string', example: 'America/Bogota' },
    },
  },
};

const detailOwn = ['agent_id', 'date', 'calls', 'conn_id', 'recall', 'result', 'cod_act', 'cod_act_2', 'recall_count', 'comments', 'campaign_id', 'phone'];
export const detailSchema = {
  type: 'array', items: {
    type: 'object', additionalProperties: false, required: [...detailFields, ...detailOwn],
    properties: {
      ...strings(detailFields, field, demoRecord),
      agent_id: str('the agent of its last call in the range', '1001'), date: str('when it was last managed in the range (YYYY-mm-dd HH:ii:ss)', '2026-03-02 10:00:00'),
      calls: str('its attempts', '1'), conn_id: str('its last call in the range'), recall: str('when its next open recall is due (YYYYmmddHHiiss)'),
      result: str('the result of that call', 'answer'), cod_act: str('the disposition, group 1', 'SALE'), cod_act_2: str('the disposition, group 2'),
      recall_count: str('callbacks ever scheduled for it', '0'), comments: str('the disposition\'s comments'), campaign_id: str('Pacer: the campaign', '1'),
      phone: str('Pacer: the number its last call dialled', '3001000000'),
    },
  },
};

export const deleteFailuresSchema = {
  type: 'array', description: 'Each campaign that was not deleted, and why', items: {
    type: 'object', additionalProperties: false, required: ['campaign_id', 'code', 'error', 'msg'],
    properties: { campaign_id: str('the campaign', '77'), code: str('the refusal\'s code', '404'), error: str('its reason', 'NOT FOUND'), msg: str('what it says', 'Campaign 77 does not exist') },
  },
};

/** add_record's body: a JSON array of records, each an object of the fields below (others are ignored). */
export const recordsBodySchema = {
  type: 'array', minItems: 1, maxItems: 10_000, items: {
    type: 'object', additionalProperties: true, required: ['customer_id'],
    description: 'customer_id and at least one of tel1…tel10; unknown fields are ignored; numbers are read as text',
    properties: Object.fromEntries(recordFields.map((n) => [n, { type: 'string', ...(n === 'time_zone' ? { description: 'Pacer: an IANA zone, the record\'s local time' } : n === 'recall_date' ? { description: 'YYYYmmddHHiiss, operation\'s clock: a campaign recall' } : {}) }])),
    example: { customer_id: '100101', customer_name: 'Ana', customer_last_name: 'Díaz', tel1: '3001234567', opt1: 'gold' },
  },
};

/** campaign_15's Spanish field names for the record's own fields, in the collection's order. */
const exportNames: readonly (readonly [string, string])[] = [
  ['nombre_cliente', 'customer_name'], ['apellido_cliente', 'customer_last_name'], ['tipo_doc', 'id_type'], ['id_cliente', 'customer_id'],
  ['edad', 'age'], ['sexo', 'gender'], ['pais', 'country'], ['departamento', 'state'], ['ciudad', 'city'], ['zona', 'zone'], ['direccion', 'address'],
  ...[...optFields, ...telFields, 'tel_extra'].map((n) => [n, n] as const),
];
const exportOwn = [
  'id_agent', 'resultado', 'fecha', 'llamadas', 'id_call', 'cod_rslt1', 'description_cod1', 'cod_rslt2', 'description_cod2', 'comentarios',
  'rellamada', 'rellamada_count', 'email', 'rellamada_tel', 'last_dial_tele', 'history_dial_tel', 'rellamada_info',
];
/** A result as wolkvox Manager writes it: NO ANSWER, ANSWER MACHINE, DO NOT CALL. */
const shouted = (result: string | null) => (result ?? '').toUpperCase().replaceAll('-', ' ');

/**
 * A record as campaign_15 answers it: its fields under the collection's Spanish names, then its
 * last call (agent, result, date, conn_id), codes with their names, comments, next open recall
 * (YYYYmmddHHiiss, its phone), recalls ever scheduled, and every call as
 * `YYYY-mm-dd HH:ii:ss RESULT phone`, separated by ` | `; every value a string.
 */
export function exportedToWire(x: ExportedRecord, timeZone: string) {
  const r = x.record;
  const values: Record<string, string> = { ...r.data, customer_id: r.customerId };
  const call = x.lastCall;
  return {
    ...Object.fromEntries(exportNames.map(([wire, field]) => [wire, values[field] ?? ''])),
    id_agent: call?.agentId ?? '', resultado: shouted(r.lastResult), fecha: call === null ? '' : formatReportTime(call.placedAt, timeZone),
    llamadas: String(r.attempts), id_call: call?.connId ?? '', cod_rslt1: call?.codAct ?? r.codAct ?? '', description_cod1: x.codeNames[0] ?? '',
    cod_rslt2: call?.codAct2 ?? r.codAct2 ?? '', description_cod2: x.codeNames[1] ?? '', comentarios: call?.comments ?? r.comment ?? '',
    rellamada: x.nextRecall === null ? '' : formatStamp(x.nextRecall.dueAt, timeZone), rellamada_count: String(x.recalls), email: values.email ?? '',
    rellamada_tel: x.nextRecall?.phone ?? '', last_dial_tele: call?.phone ?? '',
    history_dial_tel: x.history.map((h) => `${formatReportTime(h.placedAt, timeZone)} ${shouted(h.result)} ${h.phone}`).join(' | '), rellamada_info: '',
  };
}

export const exportSchema = {
  type: 'object', additionalProperties: false, required: ['code', 'total_records', 'campaign_id', 'records'],
  description: 'Not the envelope: the collection shows code, total_records, campaign_id and records, with no error or msg',
  properties: {
    code: { type: 'string', const: '200' }, total_records: str('how many records', '1'), campaign_id: str('the campaign', '1'),
    records: {
      type: 'array', items: {
        type: 'object', additionalProperties: false, required: [...exportNames.map(([wire]) => wire), ...exportOwn],
        properties: {
          ...Object.fromEntries(exportNames.map(([wire, field]) => [wire, str(field, (demoRecord as Record<string, string>)[field] ?? '')])),
          id_agent: str('the agent of its last call'), resultado: str('its last result, upper case (NO ANSWER, ANSWER MACHINE…); empty if never called'),
          fecha: str('when its last call was placed (YYYY-mm-dd HH:ii:ss)'), llamadas: str('its attempts', '0'), id_call: str('its last call'),
          cod_rslt1: str('disposition, group 1'), description_cod1: str('its name'), cod_rslt2: str('disposition, group 2'), description_cod2: str('its name'),
          comentarios: str('the disposition\'s comments'), rellamada: str('its next open recall (YYYYmmddHHiiss)'), rellamada_count: str('recalls ever scheduled', '0'),
          email: str('email'), rellamada_tel: str('the phone of its next recall'), last_dial_tele: str('the number its last call dialled'),
          history_dial_tel: str('every call: "YYYY-mm-dd HH:ii:ss RESULT phone", separated by " | "'), rellamada_info: str('Pacer: empty'),
        },
      },
    },
  },
};
