// Users of an operation: people who sign in to the console, each with a role as tokens have one.
// Only an admin manages them; an agent user is of an agent that exists; deleting a user, or
// changing its password or role, ends its sessions (and their event streams).
import { fail } from '../../domain/errors.ts';
import { atLeast, type Principal } from '../../domain/permission.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import type { User } from '../ports/users.ts';
import { checkLimit } from './limits.ts';

const usernamePattern = /^[\p{L}\p{N}._@-]{1,64}$/u;

export function checkUsername(username: string): void {
  if (!usernamePattern.test(username)) throw fail.badValue('username must be 1 to 64 letters, digits or . _ @ -');
}

export function checkPassword(password: string): void {
  if (password.length < 8 || password.length > 128) throw fail.badValue('password must be 8 to 128 characters');
}

async function checkPrincipal(tx: Tx, ctx: RequestContext, principal: Principal): Promise<void> {
  if (!atLeast(ctx.principal.role, principal.role)) {
    throw fail.roleForbidden(`A ${ctx.principal.role} cannot give the ${principal.role} role, which has more rights`);
  }
  if (principal.agentId !== null && !(await tx.agents.lock(ctx.operationId, principal.agentId))) throw fail.agentNotFound(principal.agentId);
}

export async function createUser(tx: Tx, ctx: RequestContext, username: string, passwordHash: string, principal: Principal): Promise<User> {
  checkUsername(username);
  await checkPrincipal(tx, ctx, principal);
  await checkLimit(tx, ctx, 'users');
  const user = await tx.users.create({ operationId: ctx.operationId, username, passwordHash, principal, now: ctx.now });
  if (!user) throw fail.userExists(username);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'user.created', data: { user_id: user.id, username, role: principal.role, agent_id: principal.agentId } });
  return user;
}

/** Changes a user's password or role; its sessions end. Returns the user and the sessions ended. */
export async function changeUser(tx: Tx, ctx: RequestContext, id: string, change: { passwordHash?: string; principal?: Principal }): Promise<{ user: User; ended: string[] }> {
  if (change.principal) await checkPrincipal(tx, ctx, change.principal);
  const user = await tx.users.change(ctx.operationId, id, change);
  if (!user) throw fail.userNotFound(id);
  const ended = await tx.sessions.endAllOf(id, ctx.now);
  await tx.events.append({
    operationId: ctx.operationId, at: ctx.now, type: 'user.changed',
    data: { user_id: id, password_changed: change.passwordHash !== undefined, role: user.principal.role, agent_id: user.principal.agentId, sessions_ended: ended.length },
  });
  return { user, ended };
}

export async function removeUser(tx: Tx, ctx: RequestContext, id: string): Promise<{ ended: string[] }> {
  if (!(await tx.users.remove(ctx.operationId, id, ctx.now))) throw fail.userNotFound(id);
  const ended = await tx.sessions.endAllOf(id, ctx.now);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'user.deleted', data: { user_id: id, sessions_ended: ended.length } });
  return { ended };
}
