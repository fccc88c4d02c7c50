// /v1/campaigns and /v1/records: campaigns (create, list, get, change speed and run state,
// delete) and their customer records (bulk load, search, get, remove) — the campaign use cases of
// campaign.php, a different face.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { parseDayTime } from '../../../domain/campaign.ts';
import { seriesBucketMinutes, type SeriesBucketMinutes } from '../../../domain/campaign-stats.ts';
import { fail } from '../../../domain/errors.ts';
import type { Engine } from '../../../engine/api.ts';
import { accessOf, callerOf, wireCampaign, wireCampaignSeries, wireCampaignStats, wireRecord } from './context.ts';
import {
  Campaign, CampaignChangeBody, CampaignId, CampaignRecord, CampaignSeries, CampaignStats, CustomerId, ErrorBody, NewCampaignBody, Page, PageQuery, RecordQuery, RecordsBody, RecordsLoaded,
  SeriesQuery,
} from './schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody };
const Params = Type.Object({ id: CampaignId });
const RecordParams = Type.Object({ id: CampaignId, customer_id: CustomerId });
const tags = ['campaigns'];

/** A next_cursor of /v1/records: `<campaign id>_<customer_id>`. */
const recordCursor = /^\d{1,12}_[\w.@+-]{1,64}$/;

export function registerCampaignRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const current = async (request: FastifyRequest, id: string) => {
    const campaign = await engine.campaigns.get(callerOf(request), id);
    if (!campaign) throw fail.campaignNotFound(id);
    return wireCampaign(campaign);
  };

  app.get('/v1/campaigns', {
    schema: {
      tags, summary: 'List campaigns',
      querystring: Type.Object({ ...PageQuery.properties, status: Type.Optional(Campaign.properties.status), type: Type.Optional(Campaign.properties.type) }),
      response: { 200: Page(Campaign), ...errors },
    },
  }, async (request) => {
    const q = request.query;
    if (q.cursor !== undefined && !/^\d{1,12}$/.test(q.cursor)) throw fail.badValue('cursor must be a next_cursor of this list');
    const page = await engine.campaigns.list(callerOf(request), { status: q.status, type: q.type, cursor: q.cursor, limit: q.limit ?? 100 });
    return { data: page.items.map(wireCampaign), next_cursor: page.nextCursor };
  });

  app.post('/v1/campaigns', {
    schema: { tags, summary: 'Create a campaign (stopped)', body: NewCampaignBody, response: { 201: Campaign, ...errors } },
  }, async (request, reply) => {
    const b = request.body;
    const { campaignId } = await engine.campaign.create(accessOf(request), {
      type: b.type, name: b.name, description: b.description ?? '',
      startTime: b.start_time === undefined ? null : (parseDayTime(b.start_time.padEnd(8, ':00')) ?? null),
      endTime: b.end_time === undefined ? null : (parseDayTime(b.end_time.padEnd(8, ':00')) ?? null),
      callingSchedule: b.calling_schedule, oneContactPerDay: b.one_contact_per_day,
      skillId: b.skill_id ?? null, optTitles: Object.fromEntries(Object.entries(b.opt_titles ?? {}).filter((e): e is [string, string] => e[1] !== undefined)), enableEdition: b.enable_edition ?? false,
    });
    return reply.code(201).send(await current(request, campaignId));
  });

  app.get('/v1/campaigns/:id', { schema: { tags, summary: 'Get a campaign', params: Params, response: { 200: Campaign, ...errors } } }, async (request) => {
    return current(request, request.params.id);
  });

  app.get('/v1/campaigns/:id/stats', {
    schema: {
      tags, summary: 'The campaign\'s live state: calls in flight, answers, abandons and agent utilisation today and over the last 30 minutes, records left, the pacing strategy\'s target, why it is not dialling',
      description: 'Counted from the campaign\'s calls, its agents\' state changes and its records at each read; cheap enough to poll every few seconds. '
        + 'Agent utilisation = time the campaign\'s agents (those with its skill, or every agent of the operation when it has none) spent talking (held included) '
        + 'or in after-call work, over the time they spent logged in and out of auxiliary states (ready, ringing, talking, held, after-call work), '
        + 'whatever call they were on. The abandon rate = abandoned / answered: dialer calls of the campaign a person answered (answering machines excluded), '
        + 'by answer time, and of those the ones no agent took within the connect deadline. "Today" is the calendar day of the operation\'s time zone. '
        + 'A supervisor\'s read; an agent token is refused.',
      params: Params, response: { 200: CampaignStats, ...errors },
    },
  }, async (request) => wireCampaignStats(await engine.campaigns.stats(callerOf(request), request.params.id)));

  app.get('/v1/campaigns/:id/stats/series', {
    schema: {
      tags, summary: 'The campaign\'s day so far in buckets: answers, abandons, the abandon rate and agent utilisation per bucket, and the day\'s calls by result',
      description: 'For charts. Today on the operation\'s clock cut in buckets of `bucket` minutes from the start of the day, up to the bucket now falls in; '
        + 'each bucket\'s figures mean what the live figures of GET /v1/campaigns/{id}/stats mean, counted over the bucket, plus the abandon rate of the day up to its end. '
        + 'Counted from the campaign\'s calls and its agents\' state changes at each read, each read once whatever the number of buckets (a read costs about what a stats read does). '
        + 'A supervisor\'s read; an agent token is refused.',
      params: Params, querystring: SeriesQuery, response: { 200: CampaignSeries, ...errors },
    },
  }, async (request) => {
    const bucket = request.query.bucket ?? 15;
    if (!(seriesBucketMinutes as readonly number[]).includes(bucket)) throw fail.badValue(`bucket must be one of ${seriesBucketMinutes.join(', ')} (minutes)`);
    return wireCampaignSeries(await engine.campaigns.series(callerOf(request), request.params.id, bucket as SeriesBucketMinutes));
  });

  app.patch('/v1/campaigns/:id', {
    schema: {
      tags, summary: 'Change speed, run state (`started` makes the dialer work it; the state it already has is no change), calling schedule or one contact per day',
      params: Params, body: CampaignChangeBody, response: { 200: Campaign, ...errors },
    },
  }, async (request) => {
    const b = request.body;
    await engine.campaign.change(accessOf(request), request.params.id, {
      status: b.status, speed: b.speed, callingSchedule: b.calling_schedule, oneContactPerDay: b.one_contact_per_day,
    });
    return current(request, request.params.id);
  });

  app.delete('/v1/campaigns/:id', {
    schema: { tags, summary: 'Delete a stopped campaign and its records (its calls stay in the history)', params: Params, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await engine.campaign.delete(accessOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  app.post('/v1/campaigns/:id/records', {
    schema: {
      tags: ['records'], summary: 'Load up to 10,000 records: new customer_ids are added, known ones updated; bad rows are rejected one by one',
      params: Params, body: RecordsBody, response: { 200: RecordsLoaded, ...errors },
    },
    bodyLimit: 32 * 1024 * 1024,
  }, async (request) => {
    const r = await engine.campaign.addRecords(accessOf(request), request.params.id, request.body.records);
    return { added: r.added, updated: r.updated, rejected: r.rejected.map((x) => ({ index: x.index, customer_id: x.customerId, reason: x.reason })) };
  });

  app.get('/v1/records', {
    schema: { tags: ['records'], summary: 'Search records by campaign, customer_id, phone (any of tel1…tel10), customer name (contains, any case) or status', querystring: RecordQuery, response: { 200: Page(CampaignRecord), ...errors } },
  }, async (request) => {
    const q = request.query;
    if (q.cursor !== undefined && !recordCursor.test(q.cursor)) throw fail.badValue('cursor must be a next_cursor of this list');
    const page = await engine.records.list(callerOf(request), {
      campaignId: q.campaign, customerId: q.customer_id, phone: q.phone, name: q.name, status: q.status,
      cursor: q.cursor, limit: q.limit ?? 100,
    });
    return { data: page.items.map(wireRecord), next_cursor: page.nextCursor };
  });

  app.get('/v1/campaigns/:id/records/:customer_id', {
    schema: { tags: ['records'], summary: 'Get a record', params: RecordParams, response: { 200: CampaignRecord, ...errors } },
  }, async (request) => {
    const { id, customer_id: customerId } = request.params;
    const page = await engine.records.list(callerOf(request), { campaignId: id, customerId, limit: 1 });
    const record = page.items[0];
    if (!record) throw fail.recordNotFound(id, customerId);
    return wireRecord(record);
  });

  app.delete('/v1/campaigns/:id/records/:customer_id', {
    schema: { tags: ['records'], summary: 'Remove a record (its open campaign callbacks are cancelled; not while it is on a call)', params: RecordParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await engine.campaign.removeRecord(accessOf(request), request.params.id, request.params.customer_id);
    return reply.code(204).send(null);
  });
}
