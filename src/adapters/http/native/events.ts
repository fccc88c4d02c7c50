// /v1/events: the operation's event log, as pages (cursor = the last `seq` seen) and as a
// server-sent-event stream that resumes after Last-Event-ID without losing an event.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../../../domain/errors.ts';
import type { Engine, EventFilter } from '../../../engine/api.ts';
import { wireEvent } from '../../../engine/api.ts';
import type { StreamSink } from '../../../engine/api.ts';
import { callerOf } from './context.ts';
import { ErrorBody, Event, Page } from './schemas.ts';
import { Type } from 'typebox';

const Filters = Type.Object({
  agent: Type.Optional(Type.String({ description: 'agent id' })),
  campaign: Type.Optional(Type.String({ description: 'campaign id' })),
  type: Type.Optional(Type.String({ description: 'event types or prefixes ending in a dot (call.), comma-separated' })),
  after: Type.Optional(Type.String({ description: 'the seq after which to read (the cursor)' })),
  limit: Type.Optional(Type.String({ description: 'page size, 1 to 500 (default 100)' })),
});

const pageLimit = 500;

interface EventFilters {
  agent?: string;
  campaign?: string;
  type?: string;
  after?: string;
  limit?: string;
}

function cursorOf(raw: string | undefined, name: string): number {
  if (raw === undefined || raw === '') return 0;
  if (!/^\d{1,15}$/.test(raw)) throw fail.badValue(`${name} must be the seq of an event (a non-negative integer)`);
  return Number(raw);
}

function queryOf(q: EventFilters, afterSeq: number, limit: number): EventFilter {
  if (q.agent !== undefined && !/^\d{1,12}$/.test(q.agent)) throw fail.badValue('agent must be an agent id (digits)');
  if (q.campaign !== undefined && !/^\d{1,12}$/.test(q.campaign)) throw fail.badValue('campaign must be a campaign id (digits)');
  const types = q.type?.split(',').map((t) => t.trim()).filter(Boolean);
  if (types?.some((t) => !/^[a-z_.]{1,64}$/.test(t))) throw fail.badValue('type must be event types or prefixes (call., agent.state), comma-separated');
  return { afterSeq, limit, agentId: q.agent, campaignId: q.campaign, types };
}


export function registerEventRoutes(app: FastifyInstance, engine: Engine): void {
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };
  app.get('/v1/events', {
    schema: { tags: ['events'], summary: 'Read the event log after a cursor', querystring: Filters, response: { 200: Page(Event), ...errors } },
  }, async (request: FastifyRequest<{ Querystring: EventFilters }>) => {
    const caller = callerOf(request);
    const limitRaw = request.query.limit;
    const limit = limitRaw === undefined ? 100 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > pageLimit) throw fail.badValue(`limit must be an integer from 1 to ${pageLimit}`);
    const events = await engine.events.read(caller, queryOf(request.query, cursorOf(request.query.after, 'after'), limit));
    const last = events[events.length - 1];
    return { data: events.map(wireEvent), next_cursor: last ? String(last.seq) : request.query.after ?? null };
  });

  app.get('/v1/events/latest', {
    schema: {
      tags: ['events'], summary: 'The seq of the operation\'s last event: open a stream after it to see only what happens from now',
      response: { 200: Type.Object({ seq: Type.Integer({ minimum: 0, description: '0 when the log is empty' }) }), ...errors },
    },
  }, async (request) => ({ seq: await engine.events.latest(callerOf(request)) }));

  app.get('/v1/events/stream', {
    schema: {
      tags: ['events'], summary: 'Server-sent events; resumes after Last-Event-ID',
      description: 'Each event is sent as `id: <seq>`, `event: <type>`, `data: <Event JSON>`. Reconnect with the Last-Event-ID header (or `after`) to resume without a gap.',
      querystring: Filters, response: { 200: { description: 'text/event-stream of Event', type: 'string' }, ...errors },
    },
  }, async (request: FastifyRequest<{ Querystring: EventFilters }>, reply) => {
    const caller = callerOf(request);
    const lastEventId = request.headers['last-event-id'];
    const cursor = cursorOf(typeof lastEventId === 'string' ? lastEventId : request.query.after, 'Last-Event-ID');
    const { limit: _limit, ...filter } = queryOf(request.query, cursor, pageLimit);

    const res = reply.raw;
    // Opened once the engine admitted the stream: a refusal before it is an ordinary error answer.
    const sink: StreamSink = {
      open() {
        reply.hijack();
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
        res.write(': pacer event stream\n\n');
      },
      write: (chunk) => res.write(chunk),
      end: () => res.end(),
      drop: () => res.destroy(),
      onDrain: (listener) => res.on('drain', listener),
      onClose: (listener) => request.raw.on('close', listener),
    };
    const end = await engine.events.stream(caller, filter, sink);
    if (end.reason === 'failed') request.log.error({ err: end.error }, 'event stream failed');
  });
}
