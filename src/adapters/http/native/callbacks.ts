// /v1/callbacks: callbacks as resources. Listed by due time and read one by one; created as an
// agent's own callback or a campaign record's recall; rescheduled with PATCH (a new due_at);
// cancelled with POST /v1/callbacks/{id}/cancel. A cancelled callback stays readable, with its
// status, so cancelling is an action on it rather than a DELETE; cancelling it again answers it as is.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { fail } from '../../../domain/errors.ts';
import type { Engine } from '../../../engine/api.ts';
import type { NewCallback as NewCallbackRequest } from '../../../engine/api.ts';
import { accessOf, callerOf, instantOf, optionalInstant, wireCallback } from './context.ts';
import { AgentId, Callback, CampaignId, ErrorBody, NewCallback, Page, PageQuery } from './schemas.ts';

const Params = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$', description: 'the callback id' }) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** The request's callback: an agent's own, or a campaign record's recall (always auto). */
function newCallback(b: { agent_id?: string; campaign_id?: string; customer_id?: string; phone: string; due_at: string; type?: 'auto' | 'manual' }): NewCallbackRequest {
  const dueAt = instantOf(b.due_at, 'due_at');
  const oneOf = 'Give agent_id (an agent\'s own callback) or campaign_id and customer_id (a recall of a campaign record), one of the two';
  if (b.agent_id !== undefined) {
    if (b.campaign_id !== undefined) throw fail.badValue(oneOf);
    if (b.customer_id !== undefined) throw fail.badValue('customer_id goes with campaign_id: an agent\'s callback takes its customer from the agent\'s current or last call');
    return { agentId: b.agent_id, phone: b.phone, dueAt, type: b.type ?? 'auto' };
  }
  if (b.campaign_id === undefined) throw fail.badValue(oneOf);
  if (b.customer_id === undefined) throw fail.badValue('A campaign recall needs the customer_id of the record');
  if (b.type === 'manual') throw fail.badValue('A campaign recall is auto: it has no agent to remind');
  return { campaignId: b.campaign_id, customerId: b.customer_id, phone: b.phone, dueAt };
}

export function registerCallbackRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const read = async (request: FastifyRequest, id: string) => {
    const callback = await engine.callbacks.get(callerOf(request), id);
    if (!callback) throw fail.callbackNotFound(id);
    return wireCallback(callback);
  };

  app.get('/v1/callbacks', {
    schema: {
      tags: ['callbacks'], summary: 'List callbacks by due time, soonest first',
      querystring: Type.Object({
        ...PageQuery.properties,
        agent: Type.Optional(AgentId),
        campaign: Type.Optional(CampaignId),
        status: Type.Optional(Callback.properties.status),
        from: Type.Optional(Type.String({ format: 'date-time', description: 'due at or after' })),
        to: Type.Optional(Type.String({ format: 'date-time', description: 'due before' })),
      }),
      response: { 200: Page(Callback), ...errors },
    },
  }, async (request) => {
    const q = request.query;
    if (q.cursor !== undefined && !/^\d{1,15}_\d{1,18}$/.test(q.cursor)) throw fail.badValue('cursor must be a next_cursor of this list');
    const page = await engine.callbacks.list(callerOf(request), {
      agentId: q.agent, campaignId: q.campaign, status: q.status,
      from: optionalInstant(q.from, 'from'), to: optionalInstant(q.to, 'to'), cursor: q.cursor, limit: q.limit ?? 100,
    });
    return { data: page.items.map(wireCallback), next_cursor: page.nextCursor };
  });

  app.get('/v1/callbacks/:id', { schema: { tags: ['callbacks'], summary: 'Get a callback', params: Params, response: { 200: Callback, ...errors } } }, async (request) => {
    return read(request, request.params.id);
  });

  app.post('/v1/callbacks', {
    schema: { tags: ['callbacks'], summary: 'Schedule a callback: an agent\'s own (agent_id) or a campaign record\'s recall (campaign_id, customer_id)', body: NewCallback, response: { 201: Callback, ...errors } },
  }, async (request, reply) => {
    const req = newCallback(request.body);
    const { callbackId } = await engine.callbacks.create(accessOf(request), req);
    return reply.code(201).send(await read(request, callbackId));
  });

  app.patch('/v1/callbacks/:id', {
    schema: {
      tags: ['callbacks'], summary: 'Reschedule a pending or waiting callback: it fires at the new time, not the old one', params: Params,
      body: Type.Object({ due_at: Type.String({ format: 'date-time', description: 'the new time, in the future' }) }, { additionalProperties: false }), response: { 200: Callback, ...errors },
    },
  }, async (request) => {
    const dueAt = instantOf(request.body.due_at, 'due_at');
    await engine.callbacks.reschedule(accessOf(request), request.params.id, dueAt);
    return read(request, request.params.id);
  });

  app.post('/v1/callbacks/:id/cancel', {
    schema: { tags: ['callbacks'], summary: 'Cancel a pending or waiting callback (it never fires); a cancelled one is answered as is', params: Params, response: { 200: Callback, ...errors } },
  }, async (request) => {
    await engine.callbacks.cancel(accessOf(request), request.params.id);
    return read(request, request.params.id);
  });
}
