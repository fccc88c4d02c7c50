// /v1/trunks: the operation's SIP trunks. A password is taken and never answered (has_password).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { fail } from '../../../domain/errors.ts';
import type { Engine, TrunkChange, TrunkView } from '../../../engine/api.ts';
import { accessOf, callerOf, pageList } from './context.ts';
import { ErrorBody, NewTrunkBody, Page, PageQuery, Trunk, TrunkChangeBody } from './schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Params = Type.Object({ id: Type.String({ maxLength: 20 }) });

const wire = (t: TrunkView): Static<typeof Trunk> => ({
  id: t.id, uri: t.uri, username: t.username, has_password: t.hasPassword, caller_id: t.callerId, max_calls: t.maxCalls,
  prefix: t.prefix, strip: t.strip, ring_timeout_s: t.ringTimeoutS, default: t.isDefault,
  created_at: new Date(t.createdAt).toISOString(), updated_at: new Date(t.updatedAt).toISOString(),
});

const changeOf = (b: Static<typeof TrunkChangeBody>): TrunkChange => ({
  uri: b.uri, username: b.username, password: b.password, callerId: b.caller_id, maxCalls: b.max_calls, prefix: b.prefix, strip: b.strip, ringTimeoutS: b.ring_timeout_s,
});

export function registerTrunkRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['trunks'];

  app.post('/v1/trunks', {
    schema: { tags, summary: 'Add a SIP trunk (the operation\'s first is its default)', body: NewTrunkBody, response: { 201: Trunk, ...errors } },
  }, async (request, reply) => reply.code(201).send(wire(await engine.trunks.create(accessOf(request), changeOf(request.body)))));

  app.get('/v1/trunks', { schema: { tags, summary: 'List trunks, by id', querystring: PageQuery, response: { 200: Page(Trunk), ...errors } } }, async (request) => {
    return pageList(await engine.trunks.list(callerOf(request)), (t) => t.id, wire, request.query);
  });

  app.get('/v1/trunks/:id', { schema: { tags, summary: 'Get a trunk', params: Params, response: { 200: Trunk, ...errors } } }, async (request) => {
    const trunk = await engine.trunks.get(callerOf(request), request.params.id);
    if (!trunk) throw fail.trunkNotFound(request.params.id);
    return wire(trunk);
  });

  app.patch('/v1/trunks/:id', {
    schema: { tags, summary: 'Change a trunk\'s fields (null clears an optional one)', params: Params, body: TrunkChangeBody, response: { 200: Trunk, ...errors } },
  }, async (request) => wire(await engine.trunks.change(accessOf(request), request.params.id, changeOf(request.body))));

  app.delete('/v1/trunks/:id', {
    schema: { tags, summary: 'Delete a trunk (its credentials are forgotten; the next becomes the default)', params: Params, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await engine.trunks.remove(accessOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
