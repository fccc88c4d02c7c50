// The operation-wide bounds of domain/operation-limits.ts, checked by the use cases that add to them.
import { fail } from '../../domain/errors.ts';
import { describeLimit, operationLimits, type LimitedThing } from '../../domain/operation-limits.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';

const advice: Record<LimitedThing, string> = {
  tokens: 'revoke one first', users: 'delete one first', auxStates: 'rename one instead', skills: 'rename one instead', dncNumbers: 'remove some first',
  trunks: 'delete one first, or change one instead',
};

/** Refuses adding `adding` more of `thing` when the operation would then hold more than its limit. */
export async function checkLimit(tx: Tx, ctx: RequestContext, thing: LimitedThing, adding = 1): Promise<void> {
  const held = (await tx.operations.sizes(ctx.operationId))[thing];
  if (held + adding > operationLimits[thing]) throw fail.limitReached(ctx.operationId, describeLimit(thing), advice[thing]);
}
