// /v1/aux-states, /v1/activity-codes, /v1/dnc, /v1/outbound-policy: the operation's configuration.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { fail } from '../../../domain/errors.ts';
import type { Engine } from '../../../engine/api.ts';
import { accessOf, callerOf, pageList } from './context.ts';
import { outboundPolicyToJson } from '../../../domain/outbound-number.ts';
import { ActivityCode, ActivityCodeBody, AuxState, DncAdded, DncEntry, ErrorBody, knownFlags, Name, NewDncBody, OutboundPolicy, OutboundPolicyBody, Page, PageQuery, Phone } from './schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function registerConfigurationRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/v1/aux-states', { schema: { tags: ['configuration'], summary: 'Auxiliary states (ids used by change_status)', querystring: PageQuery, response: { 200: Page(AuxState), ...errors } } }, async (request) => {
    return pageList(await engine.configuration.auxStates(callerOf(request)), (a) => String(a.id), (a) => a, request.query);
  });
  app.put('/v1/aux-states/:id', {
    schema: { tags: ['configuration'], summary: 'Create or rename an auxiliary state', params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 999_999_999 }) }), body: Name, response: { 200: AuxState, ...errors } },
  }, async (request) => {
    await engine.configuration.putAuxState(accessOf(request), request.params.id, request.body.name);
    return { id: request.params.id, name: request.body.name };
  });

  app.delete('/v1/aux-states/:id', {
    schema: {
      tags: ['configuration'], summary: 'Remove an auxiliary state no agent is in (409 names the agents who are)',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 999_999_999 }) }), response: { 204: Type.Null(), ...errors, 409: ErrorBody },
    },
  }, async (request, reply) => {
    await engine.configuration.removeAuxState(accessOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  app.get('/v1/activity-codes', { schema: { tags: ['configuration'], summary: 'Activity codes (cod_act: group 1, cod_act_2: group 2)', querystring: PageQuery, response: { 200: Page(ActivityCode), ...errors } } }, async (request) => {
    return pageList(await engine.configuration.activityCodes(callerOf(request)), (c) => `${c.group}:${c.code}`, (c) => ({ ...c, flags: knownFlags(c.flags) }), request.query);
  });
  app.put('/v1/activity-codes/:group/:code', {
    schema: {
      tags: ['configuration'], summary: 'Create or rename an activity code; flags, when given, replace its flags',
      params: Type.Object({ group: Type.Union([Type.Literal(1), Type.Literal(2)]), code: Type.String({ pattern: '^[\\w.-]{1,64}$' }) }),
      body: ActivityCodeBody, response: { 200: ActivityCode, ...errors },
    },
  }, async (request) => {
    const { group, code } = request.params;
    const { name, flags } = request.body;
    await engine.configuration.putActivityCode(accessOf(request), group, code, name, flags === undefined ? undefined : knownFlags(flags));
    const saved = (await engine.configuration.activityCodes(callerOf(request))).find((c) => c.group === group && c.code === code);
    return { group, code, name, flags: knownFlags(saved?.flags ?? []) };
  });

  app.delete('/v1/activity-codes/:group/:code', {
    schema: {
      tags: ['configuration'], summary: 'Remove an activity code (calls already given it keep it)',
      params: Type.Object({ group: Type.Union([Type.Literal(1), Type.Literal(2)]), code: Type.String({ pattern: '^[\\w.-]{1,64}$' }) }),
      response: { 204: Type.Null(), ...errors },
    },
  }, async (request, reply) => {
    await engine.configuration.removeActivityCode(accessOf(request), request.params.group, request.params.code);
    return reply.code(204).send(null);
  });

  app.get('/v1/outbound-policy', {
    schema: { tags: ['dnc'], summary: 'Which numbers the operation may call (every customer leg: dial, aux_call, transfers, callbacks, the dialer)', response: { 200: OutboundPolicy, ...errors } },
  }, async (request) => outboundPolicyToJson(await engine.configuration.outboundPolicy(callerOf(request))));
  app.put('/v1/outbound-policy', {
    schema: { tags: ['dnc'], summary: 'Replace the outbound-number policy (a field left out takes its default)', body: OutboundPolicyBody, response: { 200: OutboundPolicy, ...errors } },
  }, async (request) => outboundPolicyToJson(await engine.configuration.setOutboundPolicy(accessOf(request), request.body)));

  app.get('/v1/dnc', { schema: { tags: ['dnc'], summary: 'Numbers on the do-not-call list', querystring: PageQuery, response: { 200: Page(DncEntry), ...errors } } }, async (request) => {
    if (request.query.cursor !== undefined && !/^\+?\d{3,20}$/.test(request.query.cursor)) throw fail.badValue('cursor must be a next_cursor of this list');
    const page = await engine.configuration.dnc(callerOf(request), request.query.cursor, request.query.limit ?? 100);
    return {
      data: page.items.map((e) => ({ phone: e.phone, reason: e.reason, created_at: new Date(e.createdAt).toISOString(), expires_at: e.expiresAt === null ? null : new Date(e.expiresAt).toISOString() })),
      next_cursor: page.nextCursor,
    };
  });
  app.post('/v1/dnc', {
    schema: {
      tags: ['dnc'], summary: 'Block numbers: the dialer never calls them',
      body: NewDncBody,
      response: { 201: DncAdded, ...errors },
    },
  }, async (request, reply) => {
    const r = await engine.configuration.addDnc(accessOf(request), request.body.phones, request.body.reason ?? '', request.body.days ?? null);
    return reply.code(201).send(r);
  });
  app.delete('/v1/dnc/:phone', { schema: { tags: ['dnc'], summary: 'Unblock a number', params: Type.Object({ phone: Phone }), response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    await engine.configuration.removeDnc(accessOf(request), request.params.phone);
    return reply.code(204).send(null);
  });
}
