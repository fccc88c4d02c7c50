// campaign.php: the thirteen Campaign APIs. Each entry names its method, the status it answers,
// its query parameters (campaign_id, type_campaign…), how its JSON body is read, the use case it
// calls and the message it answers; documented messages are verbatim.
import type { Access, Engine } from '../../../engine/api.ts';
import { attemptToWire, objectBody, recordsBody, recordToWire, reportToWire } from './campaign-wire.ts';
import { optional, p, type ParamList, type Parsed } from './params.ts';

export type CampaignMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface CampaignApi<Q extends ParamList = ParamList, B = unknown> {
  method: CampaignMethod;
  /** The code of a success: 201 creations, 202 other changes, 200 reads. */
  status: 200 | 201 | 202;
  query: Q;
  /** Reads the JSON body; absent when the api takes none (a body sent anyway is ignored). */
  body?: (raw: unknown) => B;
  run(engine: Engine, access: Access, query: Parsed<Q>, body: B): Promise<{ msg: string; data?: unknown }>;
}

const api = <Q extends ParamList, B>(def: CampaignApi<Q, B>) => def as unknown as CampaignApi;

/** The query of every api that acts on one campaign. */
const campaign = { campaign_id: p.campaignId, type_campaign: optional(p.campaignType) };

const optTitleNames = Array.from({ length: 12 }, (_, i) => `opt${i + 1}`);
const optTitles = Object.fromEntries(optTitleNames.map((name) => [name, optional(p.name)]));

const createBody = objectBody({
  campaign_name: p.name, campaign_description: optional(p.description), start_time: optional(p.dayTime),
  end_time: optional(p.dayTime), skill_id: optional(p.skillId), enable_edition: optional(p.yesNo), ...optTitles,
});

// Bodies are declared apart so that each api's body type is inferred from its reader.
const speedBody = objectBody({ speed: p.speed });
const recallBody = objectBody({ recall_date: p.stamp, recall_telephone: p.phone, customer_id: p.customerId });
const codifyBody = objectBody({ cod_act: p.code, cod_act_2: optional(p.code), comment: optional(p.comments), customer_id: p.customerId });
const removeBody = objectBody({ customer_id: p.customerId });

export const campaignApis: Record<string, CampaignApi> = {
  create_campaign: api({
    method: 'POST', status: 201,
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
      return { msg: 'Campaign has been created', data: { id_campaing: r.campaignId, name_campaing: name } };
    },
  }),
  add_record: api({
    method: 'POST', status: 201,
    // campaign_status is sent by integrators ("start", "stopped", "1"); it describes, it does not change.
    query: { ...campaign, campaign_status: optional(p.name) },
    body: recordsBody,
    async run(engine, access, q, rows) {
      const r = await engine.campaign.addRecords(access, q.campaign_id, rows, q.type_campaign);
      return {
        msg: `${r.added} records were added, ${r.updated} updated and ${r.rejected.length} rejected`,
        data: reportToWire(r),
      };
    },
  }),
  start: api({
    method: 'PUT', status: 202, query: campaign,
    async run(engine, access, q) {
      await engine.campaign.start(access, q.campaign_id, q.type_campaign);
      return { msg: `The ${q.campaign_id} campaign_id has been started successfully` };
    },
  }),
  stop: api({
    method: 'PUT', status: 202, query: campaign,
    async run(engine, access, q) {
      await engine.campaign.stop(access, q.campaign_id, q.type_campaign);
      return { msg: `The ${q.campaign_id} campaign_id has been stopped successfully` };
    },
  }),
  speed: api({
    method: 'PUT', status: 202, query: campaign,
    body: speedBody,
    async run(engine, access, q, b) {
      await engine.campaign.speed(access, q.campaign_id, b.speed, q.type_campaign);
      return { msg: `The speed of campaign_id ${q.campaign_id} has been set to ${b.speed}` };
    },
  }),
  recall: api({
    method: 'PUT', status: 202, query: campaign,
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
    method: 'PUT', status: 202, query: campaign,
    body: codifyBody,
    async run(engine, access, q, b) {
      await engine.campaign.codify(access, {
        campaignId: q.campaign_id, customerId: b.customer_id, codAct: b.cod_act, codAct2: b.cod_act_2, comment: b.comment, type: q.type_campaign,
      });
      return { msg: `customer_id ${b.customer_id} has been codified successfully` };
    },
  }),
  remove_record: api({
    method: 'DELETE', status: 202, query: campaign,
    body: removeBody,
    async run(engine, access, q, b) {
      await engine.campaign.removeRecord(access, q.campaign_id, b.customer_id, q.type_campaign);
      return { msg: `customer_id ${b.customer_id} has been deleted of campaign_id ${q.campaign_id} successfully` };
    },
  }),
  clear_campaign: api({
    method: 'DELETE', status: 202, query: { ...campaign, result: optional(p.result) },
    async run(engine, access, q) {
      await engine.campaign.clear(access, q.campaign_id, q.result, q.type_campaign);
      return { msg: `All records has been deleted of campaign_id ${q.campaign_id} successfully` };
    },
  }),
  find_record: api({
    method: 'GET', status: 200,
    query: { campaign_id: optional(p.campaignId), customer_id: optional(p.customerId), customer_phone: optional(p.phone) },
    async run(engine, access, q) {
      const found = await engine.campaign.findRecords(access, { campaignId: q.campaign_id, customerId: q.customer_id, phone: q.customer_phone });
      return { msg: `${found.records.length} records were found`, data: found.records.map((r) => recordToWire(r, found.timeZone)) };
    },
  }),
  detail: api({
    method: 'GET', status: 200, query: { ...campaign, date_ini: p.stamp, date_end: p.stamp },
    async run(engine, access, q) {
      const from = { stamp: q.date_ini, param: 'date_ini' };
      const to = { stamp: q.date_end, param: 'date_end' };
      const { attempts, timeZone } = await engine.campaign.detail(access, q.campaign_id, from, to, q.type_campaign);
      return { msg: `${attempts.length} records were found`, data: attempts.map((a) => attemptToWire(a, q.campaign_id, timeZone)) };
    },
  }),
  delete_campaign: api({
    method: 'DELETE', status: 202, query: campaign,
    async run(engine, access, q) {
      await engine.campaign.delete(access, q.campaign_id, q.type_campaign);
      return { msg: `The ${q.campaign_id} campaign_id has been deleted successfully` };
    },
  }),
};
