// /v1/operations: the admin API. Authenticated with PACER_ADMIN_TOKEN (not an operation's token);
// off when that is unset. Creates operations with their first token and changes them.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { fail } from '../../../domain/errors.ts';
import type { Engine } from '../../../engine/api.ts';
import type { Operation as OperationModel } from '../../../engine/api.ts';
import { adminOf } from './context.ts';
import { ErrorBody, NewOperationBody, NewToken, Operation, OperationChangeBody, OperationId, Page, PageQuery } from './schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['admin'];

const wire = (o: OperationModel) => ({ id: o.id, name: o.name, time_zone: o.timeZone, licenses: o.licenses, acw_s: o.acwS });

export function registerOperationRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const security = [{ admin: [] }];

  app.get('/v1/operations', { config: { admin: true }, schema: { tags, security, summary: 'List operations', querystring: PageQuery, response: { 200: Page(Operation), ...errors } } }, async (request) => {
    const { cursor, limit } = request.query;
    if (cursor !== undefined && !/^[0-9]{4}$/.test(cursor)) throw fail.badValue('cursor must be a next_cursor of this list');
    const page = await engine.admin.list(adminOf(request), cursor, limit ?? 100);
    return { data: page.items.map(wire), next_cursor: page.nextCursor };
  });

  app.post('/v1/operations', {
    config: { admin: true },
    schema: {
      tags, security, summary: 'Create an operation and its first token (the value is shown only in this answer); an id in use is 409',
      body: NewOperationBody,
      response: { 201: Type.Object({ operation: Operation, token: NewToken }), ...errors },
    },
  }, async (request, reply) => {
    const b = request.body;
    const r = await engine.admin.create(adminOf(request), {
      id: b.id, name: b.name, timeZone: b.time_zone, licenses: b.licenses ?? 10, acwS: b.acw_s ?? 15,
    });
    return reply.code(201).send({ operation: wire(r.operation), token: { id: r.token.id, description: 'first token (admin API)', role: 'admin', agent_id: null, token: r.token.token } });
  });

  app.post('/v1/operations/:id/tokens', {
    config: { admin: true },
    schema: {
      tags, security, summary: 'Create a token of an operation (e.g. when the first one was lost); its value is in this answer only',
      params: Type.Object({ id: OperationId }), body: Type.Object({ description: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 201: NewToken, ...errors },
    },
  }, async (request, reply) => {
    const token = await engine.admin.createToken(adminOf(request), request.params.id, request.body.description);
    return reply.code(201).send({ id: token.id, description: request.body.description, role: 'admin', agent_id: null, token: token.token });
  });

  app.get('/v1/operations/:id', { config: { admin: true }, schema: { tags, security, summary: 'Get an operation', params: Type.Object({ id: OperationId }), response: { 200: Operation, ...errors } } }, async (request) => {
    const op = await engine.admin.get(adminOf(request), request.params.id);
    if (!op) throw fail.operationNotFound(request.params.id);
    return wire(op);
  });

  app.patch('/v1/operations/:id', {
    config: { admin: true },
    schema: {
      tags, security, summary: 'Change an operation\'s name, time zone, licenses or after-call work',
      params: Type.Object({ id: OperationId }),
      body: OperationChangeBody,
      response: { 200: Operation, ...errors },
    },
  }, async (request) => {
    const b = request.body;
    const op = await engine.admin.change(adminOf(request), request.params.id, {
      name: b.name, timeZone: b.time_zone, licenses: b.licenses, acwS: b.acw_s,
    });
    return wire(op);
  });
}
