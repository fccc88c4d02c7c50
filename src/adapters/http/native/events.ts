// /v1/events: the operation's event log, as pages (cursor = the last `seq` seen) and as a
// server-sent-event stream that resumes after Last-Event-ID without losing an event.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../../../domain/errors.ts';
import type { Engine } from '../../../engine/api.ts';
import type { EventFilter } from '../../../engine/api.ts';
import { wireEvent } from '../../../engine/events/wire-event.ts';
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
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
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

  app.get('/v1/events/stream', {
    schema: {
      tags: ['events'], summary: 'Server-sent events; resumes after Last-Event-ID',
      description: 'Each event is sent as `id: <seq>`, `event: <type>`, `data: <Event JSON>`. Reconnect with the Last-Event-ID header (or `after`) to resume without a gap.',
      querystring: Filters, response: { 200: { description: 'text/event-stream of Event', type: 'string' }, ...errors },
    },
  }, async (request: FastifyRequest<{ Querystring: EventFilters }>, reply) => {
    const caller = callerOf(request);
    const lastEventId = request.headers['last-event-id'];
    let cursor = cursorOf(typeof lastEventId === 'string' ? lastEventId : request.query.after, 'Last-Event-ID');
    const base = queryOf(request.query, cursor, pageLimit);

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': pacer event stream\n\n');

    let open = true;
    let wake: (() => void) | undefined;
    // A commit heard during a read may not be in it: the next read does not wait for another.
    let committedSinceRead = false;
    const unsubscribe = engine.events.subscribe(() => {
      committedSinceRead = true;
      wake?.();
    });
    request.raw.on('close', () => {
      open = false;
      wake?.();
    });
    // Events committed by other processes are seen at the next poll. Under load a commit wakes the
    // stream at once after every read: reads are at least `gapMs` apart, so each carries the events
    // of that time instead of one read per commit.
    const pollMs = 500;
    const gapMs = 50;
    // A stream with nothing to send writes a comment every 15 s, so that proxies keep it open.
    const keepAliveMs = 15_000;
    let wroteAt = performance.now();
    let readAt = 0;
    try {
      while (open) {
        const gap = readAt + gapMs - performance.now();
        if (gap > 0) await new Promise((resolve) => setTimeout(resolve, gap));
        if (!open) break;
        readAt = performance.now();
        committedSinceRead = false;
        const events = await engine.events.read(caller, { ...base, afterSeq: cursor });
        // One write for what one read found (a socket write costs more than the text it sends).
        if (events.length > 0) {
          res.write(events.map((e) => `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(wireEvent(e))}\n\n`).join(''));
          cursor = events[events.length - 1]!.seq;
          wroteAt = performance.now();
        } else if (performance.now() - wroteAt >= keepAliveMs) {
          res.write(': keep-alive\n\n');
          wroteAt = performance.now();
        }
        if (events.length === pageLimit || committedSinceRead) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    } catch (error) {
      request.log.error({ err: error }, 'event stream failed');
    } finally {
      unsubscribe();
      res.end();
    }
  });
}
