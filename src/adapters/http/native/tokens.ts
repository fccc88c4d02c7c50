// /v1/tokens and /v1/operation: the operation's own configuration.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { fail } from '../../../domain/errors.ts';
import type { Engine, Principal } from '../../../engine/api.ts';
import { accessOf, callerOf } from './context.ts';
import { ErrorBody, NewToken, NewTokenBody, Operation, Page, PageQuery, Token } from './schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** An agent token names its agent; the other roles name none. */
function principalOf(role: Principal['role'], agentId: string | undefined): Principal {
  if (role === 'agent' && agentId === undefined) throw fail.badValue('body.agent_id is required with role agent: the agent this token is');
  if (role !== 'agent' && agentId !== undefined) throw fail.badValue(`body.agent_id is only for role agent, not ${role}`);
  return { role, agentId: agentId ?? null };
}

export function registerTokenRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/v1/operation', { schema: { tags: ['operation'], summary: 'The caller\'s operation', response: { 200: Operation, ...errors } } }, async (request) => {
    const op = await engine.operation.get(callerOf(request));
    return { id: op.id, name: op.name, time_zone: op.timeZone, licenses: op.licenses, acw_s: op.acwS };
  });

  app.get('/v1/tokens', { schema: { tags: ['tokens'], summary: 'List the operation\'s tokens (never their values)', querystring: PageQuery, response: { 200: Page(Token), ...errors } } }, async (request) => {
    if (request.query.cursor !== undefined && !/^\d{1,18}$/.test(request.query.cursor)) throw fail.badValue('cursor must be a next_cursor of this list');
    const page = await engine.tokens.list(callerOf(request), request.query.cursor, request.query.limit ?? 100);
    return {
      data: page.items.map((t) => ({
        id: t.id, description: t.description, role: t.principal.role, agent_id: t.principal.agentId,
        created_at: new Date(t.createdAt).toISOString(), revoked_at: t.revokedAt === null ? null : new Date(t.revokedAt).toISOString(),
      })),
      next_cursor: page.nextCursor,
    };
  });

  app.post('/v1/tokens', {
    config: { secretInAnswer: 'token' },
    schema: { tags: ['tokens'], summary: 'Create a token with a role; its value is in this answer only', body: NewTokenBody, response: { 201: NewToken, ...errors } },
  }, async (request, reply) => {
    const principal = principalOf(request.body.role ?? 'admin', request.body.agent_id);
    const r = await engine.tokens.create(accessOf(request), request.body.description, principal);
    return reply.code(201).send({ id: r.id, description: request.body.description, role: principal.role, agent_id: principal.agentId, token: r.token });
  });

  app.delete('/v1/tokens/:id', {
    schema: { tags: ['tokens'], summary: 'Revoke a token', params: Type.Object({ id: Type.String({ maxLength: 20 }) }), response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await engine.tokens.revoke(accessOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
