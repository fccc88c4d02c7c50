// The outbound-number check of the customer legs that a person, a callback or a transfer places
// (the dialer checks its batches itself, in place-attempts.ts): the operation's policy first, then
// its do-not-call list in every written form of the number. A refusal is an event, committed, and a
// 422 to whoever asked: the use case answers `NumberRefused` and the engine throws it after the
// commit (a thrown error would roll the event back).
import { fail, type PacerError } from '../../domain/errors.ts';
import { doNotCallRefusal, policyRefusal, writtenForms, type OutboundRefusal } from '../../domain/outbound-number.ts';
import type { CallOrigin } from '../../domain/call-state.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';

export class NumberRefused {
  readonly refusal: OutboundRefusal;
  readonly error: PacerError;
  constructor(refusal: OutboundRefusal) {
    this.refusal = refusal;
    this.error = fail.numberRefused(refusal.message);
  }
}

/** Why the operation may not dial `phone` at `now`, if it may not. */
export async function outboundRefusal(tx: Tx, operationId: string, phone: string, now: number): Promise<OutboundRefusal | undefined> {
  const op = await tx.operations.get(operationId);
  if (!op) throw fail.operationNotFound(operationId);
  const byPolicy = policyRefusal(phone, op.outboundPolicy);
  if (byPolicy) return byPolicy;
  const blocked = await tx.dnc.blocked(operationId, writtenForms(phone, op.outboundPolicy.countryCode), now);
  return blocked.size > 0 ? doNotCallRefusal(phone) : undefined;
}

/** Records that a leg to `phone` was not placed, and why. */
export async function refuseNumber(tx: Tx, ctx: Pick<RequestContext, 'operationId' | 'now'>, phone: string, refusal: OutboundRefusal, origin: CallOrigin, agentId: string | null): Promise<NumberRefused> {
  await tx.events.append({
    operationId: ctx.operationId, at: ctx.now, type: 'call.refused', agentId,
    data: { phone, origin, rule: refusal.rule, reason: refusal.message },
  });
  return new NumberRefused(refusal);
}

/** The use case's answer, or its refusal thrown once the refusal's event has committed. */
export async function unlessRefused<T>(answer: Promise<T | NumberRefused>): Promise<T> {
  const result = await answer;
  if (result instanceof NumberRefused) throw result.error;
  return result;
}
