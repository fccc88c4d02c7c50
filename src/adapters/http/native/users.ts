// /v1/users (an operation's people, admin only) and /v1/session (signing in to the console). The
// session is an HttpOnly, SameSite=Strict cookie (Secure over https); its CSRF token is in the
// answer, for the console to send as X-CSRF-Token with every change.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { fail } from '../../../domain/errors.ts';
import type { Engine, Principal, User } from '../../../engine/api.ts';
import { accessOf, callerOf } from './context.ts';
import { ErrorBody, NewUserBody, Page, PageQuery, SessionAnswer, SignInBody, UserChangeBody, User as UserSchema } from './schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const Params = Type.Object({ id: Type.String({ maxLength: 20 }) });
const cookieName = 'pacer_session';

const wire = (u: User) => ({
  id: u.id, username: u.username, role: u.principal.role, agent_id: u.principal.agentId, created_at: new Date(u.createdAt).toISOString(),
});

/** The session cookie's value, if the request carries one. */
export function sessionCookieOf(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookieName && value.length > 0) return value.join('=');
  }
  return undefined;
}

function setCookie(request: FastifyRequest, reply: FastifyReply, value: string, maxAgeS?: number): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const age = maxAgeS === undefined ? '' : `; Max-Age=${maxAgeS}`;
  reply.header('set-cookie', `${cookieName}=${value}; Path=/; HttpOnly; SameSite=Strict${secure}${age}`);
}

/** An agent user names its agent; the other roles name none. */
function principalOf(role: Principal['role'], agentId: string | undefined | null): Principal {
  if (role === 'agent' && !agentId) throw fail.badValue('body.agent_id is required with role agent: the agent this user is');
  if (role !== 'agent' && agentId) throw fail.badValue(`body.agent_id is only for role agent, not ${role}`);
  return { role, agentId: agentId ?? null };
}

export function registerUserRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/v1/session', {
    config: { public: true },
    schema: { tags: ['session'], summary: 'Sign in to the console: sets the session cookie', security: [], body: SignInBody, response: { 200: SessionAnswer, ...errors } },
  }, async (request, reply) => {
    const { username, password, operation } = request.body;
    const signedIn = await engine.sessions.signIn({ username, password, operationId: operation, address: request.ip });
    setCookie(request, reply, signedIn.value);
    return { user: { ...wire(signedIn.user), operation_id: signedIn.user.operationId }, csrf_token: signedIn.csrf };
  });

  app.get('/v1/session', {
    config: { public: true },
    schema: { tags: ['session'], summary: 'Who is signed in (by the session cookie), with the CSRF token', security: [], response: { 200: SessionAnswer, ...errors } },
  }, async (request) => {
    const value = sessionCookieOf(request);
    const current = value === undefined ? undefined : await engine.sessions.current(value);
    if (!current) throw fail.sessionInvalid();
    return { user: { ...wire(current), operation_id: current.operationId }, csrf_token: current.csrf };
  });

  app.delete('/v1/session', {
    schema: { tags: ['session'], summary: 'Sign out: the session ends and its cookie is cleared', response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    const caller = callerOf(request);
    const value = sessionCookieOf(request);
    if (caller.session === undefined || value === undefined) throw fail.badValue('Only a session signs out: a token is revoked with DELETE /v1/tokens/{id}');
    await engine.sessions.signOut(value);
    setCookie(request, reply, '', 0);
    return reply.code(204).send(null);
  });

  app.post('/v1/users', {
    schema: { tags: ['users'], summary: 'Create a user who signs in to the console (admin)', body: NewUserBody, response: { 201: UserSchema, ...errors } },
  }, async (request, reply) => {
    const b = request.body;
    const user = await engine.users.create(accessOf(request), b.username, b.password, principalOf(b.role, b.agent_id));
    return reply.code(201).send(wire(user));
  });

  app.get('/v1/users', { schema: { tags: ['users'], summary: 'List the operation\'s users (admin)', querystring: PageQuery, response: { 200: Page(UserSchema), ...errors } } }, async (request) => {
    if (request.query.cursor !== undefined && !/^\d{1,18}$/.test(request.query.cursor)) throw fail.badValue('cursor must be a next_cursor of this list');
    const page = await engine.users.list(callerOf(request), request.query.cursor, request.query.limit ?? 100);
    return { data: page.items.map(wire), next_cursor: page.nextCursor };
  });

  app.get('/v1/users/:id', { schema: { tags: ['users'], summary: 'Get a user (admin)', params: Params, response: { 200: UserSchema, ...errors } } }, async (request) => {
    const user = await engine.users.get(callerOf(request), request.params.id);
    if (!user) throw fail.userNotFound(request.params.id);
    return wire(user);
  });

  app.patch('/v1/users/:id', {
    schema: { tags: ['users'], summary: 'Change a user\'s password or role (admin); its sessions end', params: Params, body: UserChangeBody, response: { 200: UserSchema, ...errors } },
  }, async (request) => {
    const b = request.body;
    const principal = b.role === undefined ? undefined : principalOf(b.role, b.agent_id);
    if (b.role === undefined && b.agent_id !== undefined) throw fail.badValue('body.agent_id is changed with body.role');
    return wire(await engine.users.change(accessOf(request), request.params.id, { password: b.password, principal }));
  });

  app.delete('/v1/users/:id', { schema: { tags: ['users'], summary: 'Delete a user (admin); its sessions end', params: Params, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    await engine.users.remove(accessOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
