// campaign.php: the Campaign APIs. Each entry names its method, the success it answers (status and
// the JSON type of its code), its query parameters (campaign_id, type_campaign…), how its JSON body
// is read, the use case it calls and the message it answers. Documented messages (the pages, and
// the official Postman collection, newer, where they differ) are verbatim.
import { fail } from '../../../domain/errors.ts';
import type { CallResult } from '../../../domain/call-state.ts';
import { campaignTypes, type CampaignType } from '../../../domain/campaign.ts';
import type { RecordMatch } from '../../../engine/api.ts';
import type { Answer } from './answers.ts';
import { wolkvoxApi, type WolkvoxApi } from './file-api.ts';
import {
  deleteFailuresSchema, detailSchema, exportedToWire, exportSchema, foundSchema, managedToWire, objectBody, recordsBody, recordToWire, reportSchema, reportToWire,
} from './campaign-wire.ts';
import { aliased, example, listOf, oneOf, optional, p, readBy, text, type ParamList, type ParamSpec } from './params.ts';

/** A campaign.php api: the shape of every file's (file-api.ts). */
export type CampaignApi<Q extends ParamList = ParamList, B = unknown> = WolkvoxApi<Q, B>;

const changed = (msg: string): Answer => ({ status: 202, code: 'number', msg });
/** delete_campaign's newer form answers a string code, as the collection shows. */
const deletedMany: Answer = {
  status: 200, code: 'string', msg: '{deleted} campaigns deleted successfully. {failed} operations failed.', msgExamples: { deleted: '2', failed: '0' },
  data: deleteFailuresSchema, dataOptional: true,
};

const api = wolkvoxApi;

/** The query of every api that acts on one campaign. */
const campaign = { campaign_id: p.campaignId, type_campaign: optional(p.campaignType) };

const optTitleNames = Array.from({ length: 12 }, (_, i) => `opt${i + 1}`);
const optTitles = Object.fromEntries(optTitleNames.map((name) => [name, optional(example(p.name, name === 'opt1' ? 'Plan' : undefined))]));

const createBody = objectBody({
  campaign_name: example(p.name, 'Renewals'), campaign_description: optional(p.description), start_time: optional(p.dayTime),
  end_time: optional(example(p.dayTime, '180000')), skill_id: optional(p.skillId), enable_edition: optional(p.yesNo), ...optTitles,
});

// Bodies are declared apart so that each api's body type is inferred from its reader.
const speedBody = objectBody({ speed: p.speed });
const recallBody = objectBody({ recall_date: p.stamp, recall_telephone: p.phone, customer_id: p.customerId });
const codifyBody = objectBody({ cod_act: p.code, cod_act_2: optional(p.code), comment: optional(p.comments), customer_id: p.customerId });
/** remove_record: one customer_id, or several separated by commas (the collection). */
const removeBody = objectBody({ customer_id: listOf(p.customerId, 10_000, 'commas') });
/** delete_campaign's newer form: {"campaign_ids": ["23910", "23911"]}; without it, campaign_id in the URL. */
const deleteBody = objectBody({ campaign_ids: optional(listOf(p.campaignId, 1000, 'array')) });

/** edit_campaign's `type_camp`, as the collection writes it (Predictive, Preview) or in lower case. */
const typeCamp: ParamSpec<CampaignType> = {
  ...readBy((t) => campaignTypes.find((c) => c === t.toLowerCase()), 'Predictive or Preview', 'Predictive'),
  schema: { type: 'string', enum: ['Predictive', 'Preview', 'predictive', 'preview'], description: 'Predictive or Preview: a campaign keeps its type' },
};
/** Settings of wolkvox that Pacer has no use for: read (their documented values), kept nowhere. */
const amdConf = readBy((t) => (/^(default|none|[a-z]{3})$/i.test(t) ? t : undefined), 'default, none or a country code (ARG, CHL, COL…)', 'default');
const optionalLabels: ParamSpec<Record<string, string>> = {
  optional: false, example: { opt1: 'Plan' },
  schema: {
    type: 'object', propertyNames: { pattern: '^opt([0-9]|1[0-2])$' }, additionalProperties: { type: 'string', maxLength: 1000 },
    description: 'titles of the extra fields, opt0…opt12; an empty title removes one',
  },
  parse: (raw) => {
    const expected = 'an object of opt0…opt12 titles (text of at most 1000 characters)';
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, expected };
    const entries = Object.entries(raw);
    const ok = entries.every(([k, v]) => /^opt([0-9]|1[0-2])$/.test(k) && typeof v === 'string' && v.length <= 1000 && !/\p{Cc}/u.test(v));
    return ok ? { ok: true, value: Object.fromEntries(entries) } : { ok: false, expected };
  },
};
const editBody = objectBody({
  campaign_name: optional(example(p.name, 'Renewals')), campaign_description: optional(p.description), type_camp: optional(typeCamp),
  enable_edition: optional(p.yesNo), start_time: optional(example(p.dayTime, '08:00:00')), end_time: optional(example(p.dayTime, '18:00:00')),
  skill_id: optional(p.skillId), amd_conf: optional(amdConf), turbo_dial: optional(p.yesNo), routing_recall: optional(p.yesNo),
  camp_dial_order: optional(oneOf(['linear', 'zigzag', 'random'] as const)), optional_labels: optional(optionalLabels),
});
const capitalized = (type: CampaignType) => `${type.charAt(0).toUpperCase()}${type.slice(1)}`;

/**
 * recall_records' `value` with field=Cod_Machine: wolkvox's machine results, as the collection
 * lists them, and the Pacer result each is (null: a preview outcome Pacer never records).
 */
const machineResults: Readonly<Record<string, CallResult | null>> = {
  'NO-ANSWER': 'no-answer', 'ANSWER-MACHINE': 'answer-machine', ABANDON: 'abandon', BUSY: 'busy', CONGESTION: 'congestion',
  UNKNOWN: 'unknown', FAILED: 'failed', 'DO-NOT-CALL': 'do-not-call', 'NOT-AVAILABLE': 'chanunavail', CHANUNAVAIL: 'chanunavail',
  ANSWER: 'answer', RPC: null, 'WRONG PERSON CONTACT (RPC)': null, MAILBOX: null, FAX: null, 'WRONG NUMBER': null, NA: null,
};
const recallFields = { cod_machine: 'Cod_Machine', cod_rslt1: 'cod_rslt1', cod_rslt2: 'cod_rslt2' } as const;
const recallField: ParamSpec<(typeof recallFields)[keyof typeof recallFields]> = {
  ...readBy((t) => (Object.hasOwn(recallFields, t.toLowerCase()) ? recallFields[t.toLowerCase() as keyof typeof recallFields] : undefined), 'Cod_Machine, cod_rslt1 or cod_rslt2', 'Cod_Machine'),
  schema: { type: 'string', enum: Object.values(recallFields), description: 'Cod_Machine (the last result), cod_rslt1 or cod_rslt2 (the disposition, group 1 or 2)' },
};
const recallRecordsBody = objectBody({ field: recallField, value: example(text(100), 'FAILED') });

/** What a recall_records request selects, and the value Pacer looks for; a value wolkvox does not know is a 400. */
function recallMatch(field: string, value: string): { match: RecordMatch; normalized: string } {
  if (field !== 'Cod_Machine') {
    const code = value.trim();
    if (!p.code.parse(code).ok) throw fail.parameterRequired('value', 'expected an activity code');
    return { match: { codAct: code, group: field === 'cod_rslt1' ? 1 : 2 }, normalized: code };
  }
  const upper = value.trim().replace(/\s+/g, ' ').toUpperCase();
  if (!Object.hasOwn(machineResults, upper)) throw fail.parameterRequired('value', `expected one of ${Object.keys(machineResults).join(', ')}`);
  const result = machineResults[upper] ?? upper;
  return { match: { result }, normalized: result };
}

export const campaignApis: Record<string, CampaignApi> = {
  create_campaign: api({
    method: 'POST', summary: 'Create a campaign (stopped), predictive or preview',
    success: {
      status: 201, code: 'number', msg: 'The {campaign_id} campaign_id has been created successfully', msgExamples: { campaign_id: '3' },
      data: {
        type: 'array', minItems: 1, maxItems: 1, items: {
          type: 'object', additionalProperties: false, required: ['id_campaign', 'name_campaign'],
          properties: { id_campaign: { type: 'string', example: '3' }, name_campaign: { type: 'string', example: 'Renewals' } },
        },
      },
    },
    query: { type_campaign: p.campaignType },
    body: createBody,
    async run(engine, access, q, b) {
      const titles = Object.fromEntries(optTitleNames.flatMap((name) => {
        const title = (b as Record<string, unknown>)[name];
        return typeof title === 'string' ? [[name, title]] : [];
      }));
      const name = b.campaign_name;
      const r = await engine.campaign.create(access, {
        type: q.type_campaign, name, description: b.campaign_description ?? '', startTime: b.start_time ?? null,
        endTime: b.end_time ?? null, skillId: b.skill_id ?? null, optTitles: titles, enableEdition: b.enable_edition ?? false,
      });
      return { msg: `The ${r.campaignId} campaign_id has been created successfully`, data: [{ id_campaign: r.campaignId, name_campaign: name }] };
    },
  }),
  add_record: api({
    method: 'POST', summary: 'Load up to 10,000 records (a JSON array); a known customer_id is updated, a bad row rejected alone',
    success: {
      status: 201, code: 'string', data: reportSchema, msgExamples: { added: '1', updated: '0', rejected: '1' },
      msg: ['All records has been added successfully', '{added} records were added, {updated} updated and {rejected} rejected'],
    },
    // campaign_status is sent by integrators ("start", "stopped", "1"); it describes, it does not change.
    query: { ...campaign, campaign_status: optional(p.name) },
    body: recordsBody,
    async run(engine, access, q, rows) {
      const r = await engine.campaign.addRecords(access, q.campaign_id, rows, q.type_campaign);
      // The collection's message when every row went in; Pacer's own when some were rejected.
      return {
        msg: r.rejected.length === 0 ? 'All records has been added successfully' : `${r.added} records were added, ${r.updated} updated and ${r.rejected.length} rejected`,
        data: reportToWire(r),
      };
    },
  }),
  start: api({
    method: 'PUT', summary: 'Start a campaign: the dialer calls its records', success: changed('The {campaign_id} campaign_id has been started successfully'), query: campaign,
    async run(engine, access, q) {
      await engine.campaign.start(access, q.campaign_id, q.type_campaign);
      return { msg: `The ${q.campaign_id} campaign_id has been started successfully` };
    },
  }),
  stop: api({
    method: 'PUT', summary: 'Stop a campaign', success: changed('The {campaign_id} campaign_id has been stopped successfully'), query: campaign,
    async run(engine, access, q) {
      await engine.campaign.stop(access, q.campaign_id, q.type_campaign);
      return { msg: `The ${q.campaign_id} campaign_id has been stopped successfully` };
    },
  }),
  speed: api({
    method: 'PUT', summary: 'Set the speed of a campaign (0–100)', success: changed('The speed of {campaign_id} campaign_id has been updated successfully'), query: campaign,
    body: speedBody,
    async run(engine, access, q, b) {
      await engine.campaign.speed(access, q.campaign_id, b.speed, q.type_campaign);
      return { msg: `The speed of ${q.campaign_id} campaign_id has been updated successfully` };
    },
  }),
  recall: api({
    method: 'PUT', summary: 'Call a record of a predictive campaign back at a time of the operation\'s clock (any agent of the campaign takes it)',
    success: changed('customer_id {customer_id} has been updated and will be call back on {recall_date} to phone {recall_telephone}'), query: campaign,
    body: recallBody,
    async run(engine, access, q, b) {
      await engine.campaign.recall(access, {
        campaignId: q.campaign_id, customerId: b.customer_id, phone: b.recall_telephone,
        dueAt: { stamp: b.recall_date, param: 'recall_date' }, type: q.type_campaign,
      });
      return { msg: `customer_id ${b.customer_id} has been updated and will be call back on ${b.recall_date} to phone ${b.recall_telephone}` };
    },
  }),
  codify: api({
    method: 'PUT', summary: 'Disposition of a record from outside: it is not dialled again', success: changed('customer_id {customer_id} has been coded'), query: campaign,
    body: codifyBody,
    async run(engine, access, q, b) {
      await engine.campaign.codify(access, {
        campaignId: q.campaign_id, customerId: b.customer_id, codAct: b.cod_act, codAct2: b.cod_act_2, comment: b.comment, type: q.type_campaign,
      });
      return { msg: `customer_id ${b.customer_id} has been coded` };
    },
  }),
  // The collection's "16. Remarcar registros": records whose last result or disposition is `value` are dialled again.
  recall_records: api({
    method: 'PUT', summary: 'Make the records whose last result (Cod_Machine) or disposition (cod_rslt1, cod_rslt2) is `value` new again, to be dialled again',
    success: {
      status: 200, code: 'string', msg: '{n} record(s) have been marked for recall successfully', msgExamples: { n: '1' },
      data: {
        type: 'array', minItems: 1, maxItems: 1, items: {
          type: 'object', additionalProperties: false, required: ['campaign_id', 'field', 'value', 'normalized_value', 'affected_records'],
          properties: {
            campaign_id: { type: 'string', example: '1' }, field: { type: 'string', example: 'Cod_Machine' }, value: { type: 'string', example: 'FAILED' },
            normalized_value: { type: 'string', description: 'what Pacer looked for: its result (failed) or the code', example: 'failed' },
            affected_records: { type: 'string', example: '1' },
          },
        },
      },
    },
    query: campaign, body: recallRecordsBody,
    async run(engine, access, q, b) {
      const { match, normalized } = recallMatch(b.field, b.value);
      const { reopened } = await engine.campaign.recallRecords(access, q.campaign_id, match, q.type_campaign);
      return {
        msg: `${reopened} record(s) have been marked for recall successfully`,
        data: [{ campaign_id: q.campaign_id, field: b.field, value: b.value, normalized_value: normalized, affected_records: String(reopened) }],
      };
    },
  }),
  remove_record: api({
    method: 'DELETE', summary: 'Delete records for good (several customer_ids separated by commas: all or none), with their unanswered calls',
    success: changed('customer_id {customer_id} has been deleted successfully'), query: campaign,
    body: removeBody,
    async run(engine, access, q, b) {
      const ids = [...new Set(b.customer_id)];
      await engine.campaign.removeRecords(access, q.campaign_id, ids, q.type_campaign);
      return { msg: `customer_id ${ids.join(',')} has been deleted successfully` };
    },
  }),
  clear_campaign: api({
    method: 'DELETE', summary: 'Delete all the records of a stopped campaign, or those whose last result is `result`',
    success: changed('All records has been deleted of campaign_id {campaign_id} successfully'), query: { ...campaign, result: optional(p.result) },
    async run(engine, access, q) {
      await engine.campaign.clear(access, q.campaign_id, q.result, q.type_campaign);
      return { msg: `All records has been deleted of campaign_id ${q.campaign_id} successfully` };
    },
  }),
  find_record: api({
    method: 'GET', summary: 'Find a customer\'s records by customer_id or phone, in one campaign or in all',
    success: { status: 200, code: 'string', msg: '{n} records were found', msgExamples: { n: '1' }, data: foundSchema },
    query: { campaign_id: optional(p.campaignId), customer_id: optional(p.customerId), customer_phone: optional(p.phone) },
    async run(engine, access, q) {
      const found = await engine.campaign.findRecords(access, { campaignId: q.campaign_id, customerId: q.customer_id, phone: q.customer_phone });
      return { msg: `${found.records.length} records were found`, data: found.records.map((r, i) => recordToWire(r, found.lastCalls[i] ?? null, found.timeZone)) };
    },
  }),
  // `detail`: default, the records with a call in the range; all, those closed from outside too.
  detail: api({
    method: 'GET', summary: 'The records of a campaign managed in a date range (at most 31 days), each with its last call there',
    success: { status: 200, code: 'string', msg: '{n} records were found', msgExamples: { n: '1' }, data: detailSchema },
    query: { ...campaign, date_ini: example(p.stamp, '20260301000000'), date_end: example(p.stamp, '20260331235959'), detail: optional(oneOf(['default', 'all'] as const)) },
    async run(engine, access, q) {
      const from = { stamp: q.date_ini, param: 'date_ini' };
      const to = { stamp: q.date_end, param: 'date_end' };
      const { records, timeZone } = await engine.campaign.detail(access, q.campaign_id, from, to, q.detail === 'all', q.type_campaign);
      return { msg: `${records.length} records were found`, data: records.map((m) => managedToWire(m, q.campaign_id, timeZone)) };
    },
  }),
  // The collection's "17. Editar campaña". Its URL writes "& campaign_id" (a space before the name): read too.
  edit_campaign: api({
    method: 'PUT', summary: 'Change a campaign\'s name, description, calling window, skill, editing by agents or extra-field titles (each optional)',
    success: {
      status: 200, code: 'string', msg: 'Campaign has been updated successfully',
      data: {
        type: 'array', minItems: 1, maxItems: 1, items: {
          type: 'object', additionalProperties: false,
          required: ['campaign_id', 'campaign_name', 'campaign_description', 'type_camp', 'enable_edition', 'start_time', 'end_time', 'skill_id', 'amd_conf', 'turbo_dial', 'routing_recall', 'optional_labels'],
          properties: {
            campaign_id: { type: 'string', example: '1' }, campaign_name: { type: 'string', example: 'Renewals' }, campaign_description: { type: 'string' },
            type_camp: { type: 'string', enum: ['Predictive', 'Preview'] }, enable_edition: { type: 'string', enum: ['yes', 'no'] },
            start_time: { type: 'string', description: 'HH:MM:SS, empty when none', example: '08:00:00' }, end_time: { type: 'string', example: '18:00:00' },
            skill_id: { type: 'string', description: 'empty when none' },
            amd_conf: { type: 'string', const: '', description: 'Pacer keeps no such setting' }, turbo_dial: { type: 'string', const: '' },
            routing_recall: { type: 'string', const: '' }, optional_labels: { type: 'object', additionalProperties: { type: 'string' }, example: { opt1: 'Plan' } },
          },
        },
      },
    },
    query: { campaign_id: aliased(p.campaignId, ' campaign_id') }, body: editBody,
    async run(engine, access, q, b) {
      const c = await engine.campaign.edit(access, q.campaign_id, {
        name: b.campaign_name, description: b.campaign_description, type: b.type_camp, enableEdition: b.enable_edition,
        startTime: b.start_time, endTime: b.end_time, skillId: b.skill_id, optTitles: b.optional_labels,
      });
      return {
        msg: 'Campaign has been updated successfully',
        data: [{
          campaign_id: c.id, campaign_name: c.name, campaign_description: c.description, type_camp: capitalized(c.type),
          enable_edition: c.enableEdition ? 'yes' : 'no', start_time: c.startTime ?? '', end_time: c.endTime ?? '',
          skill_id: c.skillId === null ? '' : String(c.skillId), amd_conf: '', turbo_dial: '', routing_recall: '', optional_labels: c.optTitles,
        }],
      };
    },
  }),
  // The collection's "15. Exportar datos de campaña": not the envelope, as the collection shows it.
  campaign_15: api({
    method: 'GET', summary: 'Export every record of a campaign (managed or not), as wolkvox Manager exports it: at most 60,000',
    success: { status: 200, code: 'string', msg: '', bare: exportSchema },
    query: { campaign_id: p.campaignId },
    async run(engine, access, q) {
      const { records, timeZone } = await engine.campaign.export(access, q.campaign_id);
      return { msg: '', bare: { code: '200', total_records: String(records.length), campaign_id: q.campaign_id, records: records.map((r) => exportedToWire(r, timeZone)) } };
    },
  }),
  // The old form (campaign_id in the URL) answers 202 as before; the collection's newer one (a
  // body of campaign_ids) answers "200" and counts: the URL's campaign_id is then ignored.
  delete_campaign: api({
    method: 'DELETE', summary: 'Delete a stopped campaign and its records (campaign_id), or several ({"campaign_ids": [...]})',
    success: changed('The {campaign_id} campaign_id has been deleted successfully'), alsoAnswers: deletedMany, query: { ...campaign, campaign_id: optional(p.campaignId) },
    body: deleteBody,
    async run(engine, access, q, b) {
      if (b.campaign_ids !== undefined) {
        const r = await engine.campaign.deleteMany(access, b.campaign_ids, q.type_campaign);
        return {
          msg: `${r.deleted.length} campaigns deleted successfully. ${r.failed.length} operations failed.`, as: deletedMany,
          ...(r.failed.length === 0 ? {} : { data: r.failed.map((f) => ({ campaign_id: f.campaignId, code: String(f.refusal.status), error: f.refusal.reason, msg: f.refusal.message })) }),
        };
      }
      if (q.campaign_id === undefined) throw fail.parameterRequired('campaign_id', 'or campaign_ids in the body');
      await engine.campaign.delete(access, q.campaign_id, q.type_campaign);
      return { msg: `The ${q.campaign_id} campaign_id has been deleted successfully` };
    },
  }),
};
