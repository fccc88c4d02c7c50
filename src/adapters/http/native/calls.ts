// /v1/calls: the operation's calls, newest first, filtered by agent, campaign, state (or live) and
// time; and the customer record a call was placed for (what an agent's desktop shows on the call).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { fail } from '../../../domain/errors.ts';
import type { Engine } from '../../../engine/api.ts';
import { callerOf, optionalInstant, wireCall, wireRecord } from './context.ts';
import { AgentId, Call, CampaignRecord, ErrorBody, Page, PageQuery } from './schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function registerCallRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/v1/calls', {
    schema: {
      tags: ['calls'], summary: 'List calls, newest first',
      querystring: Type.Object({
        ...PageQuery.properties,
        agent: Type.Optional(AgentId),
        campaign: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
        state: Type.Optional(Call.properties.state),
        live: Type.Optional(Type.Boolean({ description: 'true: only calls not ended (the floor\'s calls now)' })),
        from: Type.Optional(Type.String({ format: 'date-time', description: 'placed at or after' })),
        to: Type.Optional(Type.String({ format: 'date-time', description: 'placed before' })),
      }),
      response: { 200: Page(Call), ...errors },
    },
  }, async (request) => {
    const q = request.query;
    if (q.cursor !== undefined && !/^\d{1,15}_[0-9a-f]{1,64}$/.test(q.cursor)) throw fail.badValue('cursor must be a next_cursor of this list');
    const page = await engine.calls.list(callerOf(request), {
      agentId: q.agent, campaignId: q.campaign, state: q.state, live: q.live,
      from: optionalInstant(q.from, 'from'), to: optionalInstant(q.to, 'to'), cursor: q.cursor, limit: q.limit ?? 100,
    });
    return { data: page.items.map(wireCall), next_cursor: page.nextCursor };
  });

  app.get('/v1/calls/:id', {
    schema: { tags: ['calls'], summary: 'Get a call by conn_id', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: Call, ...errors } },
  }, async (request) => {
    const call = await engine.calls.get(callerOf(request), request.params.id);
    if (!call) throw fail.callNotFound(`Call ${request.params.id} does not exist`);
    return wireCall(call);
  });

  app.get('/v1/calls/:id/record', {
    schema: {
      tags: ['calls'], summary: 'The campaign record a call was placed for (an agent reads the records of its own calls)',
      params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: CampaignRecord, ...errors },
    },
  }, async (request) => wireRecord(await engine.calls.record(callerOf(request), request.params.id)));
}
