// Tokens of an operation: created with a random value shown once (stored as its hash), listed,
// revoked. A revoked token is refused at once by every process.
import { fail } from '../../domain/errors.ts';
import { adminPrincipal, atLeast, type Principal } from '../../domain/permission.ts';
import type { RequestContext } from '../deps.ts';
import { hashToken } from '../gate.ts';
import { checkLimit } from './limits.ts';
import type { Tx } from '../ports/store.ts';

/**
 * A token of the operation whose value is `token` (a fresh random one: the engine's Randomness),
 * with the rights of `principal`: never more than its creator's, and an agent token is of an
 * agent that exists.
 */
export async function createToken(tx: Tx, ctx: RequestContext, token: string, description: string, principal: Principal = adminPrincipal): Promise<{ id: string; token: string }> {
  if (!atLeast(ctx.principal.role, principal.role)) {
    throw fail.roleForbidden(`A ${ctx.principal.role} cannot create a token with the ${principal.role} role, which has more rights`);
  }
  if (principal.agentId !== null && !(await tx.agents.lock(ctx.operationId, principal.agentId))) throw fail.agentNotFound(principal.agentId);
  await checkLimit(tx, ctx, 'tokens');
  const id = await tx.tokens.create({ operationId: ctx.operationId, hash: hashToken(token), description, principal, now: ctx.now });
  await tx.events.append({
    operationId: ctx.operationId, at: ctx.now, type: 'token.created',
    data: { token_id: id, description, role: principal.role, agent_id: principal.agentId },
  });
  return { id, token };
}

export async function revokeToken(tx: Tx, ctx: RequestContext, tokenId: string): Promise<void> {
  if (!(await tx.tokens.revoke(ctx.operationId, tokenId, ctx.now))) throw fail.tokenNotFound(tokenId);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'token.revoked', data: { token_id: tokenId } });
}
