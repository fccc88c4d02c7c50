// Tokens of an operation: created with a random value shown once (stored as its hash), listed,
// revoked. A revoked token is refused at once by every process.
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import { hashToken } from '../gate.ts';
import { checkLimit } from './limits.ts';
import type { Tx } from '../ports/store.ts';

/** A token of the operation whose value is `token` (a fresh random one: the engine's Randomness). */
export async function createToken(tx: Tx, ctx: RequestContext, token: string, description: string): Promise<{ id: string; token: string }> {
  await checkLimit(tx, ctx, 'tokens');
  const id = await tx.tokens.create(ctx.operationId, hashToken(token), description, ctx.now);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'token.created', data: { token_id: id, description } });
  return { id, token };
}

export async function revokeToken(tx: Tx, ctx: RequestContext, tokenId: string): Promise<void> {
  if (!(await tx.tokens.revoke(ctx.operationId, tokenId, ctx.now))) throw fail.tokenNotFound(tokenId);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'token.revoked', data: { token_id: tokenId } });
}
