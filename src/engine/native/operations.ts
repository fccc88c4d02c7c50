// Operations (tenants) through the admin API: created with their first token (its value is shown
// once), and changed. Each change is the first or next event of that operation's own log.
import { adminPrincipal } from '../../domain/permission.ts';
import { fail } from '../../domain/errors.ts';
import { canonicalTimeZone } from '../../domain/local-time.ts';
import { defaultOutboundPolicy } from '../../domain/outbound-number.ts';
import type { Operation } from '../ports/operations.ts';
import type { Tx } from '../ports/store.ts';
import { createToken } from './tokens.ts';
import { adminActor } from '../access.ts';

export type OperationChange = Partial<Pick<Operation, 'name' | 'timeZone' | 'licenses' | 'acwS'>>;

/** The zone in its canonical IANA spelling, as records keep theirs; a zone that is not one is a 400. */
function zoneOf(timeZone: string): string {
  const canonical = canonicalTimeZone(timeZone);
  if (canonical === undefined) throw fail.badValue(`time_zone ${timeZone} is not an IANA time zone (e.g. America/Bogota)`);
  return canonical;
}

/** Creates the operation and its first token, whose value is `token`. */
export async function createOperation(tx: Tx, now: number, created: Omit<Operation, 'outboundPolicy'>, token: string): Promise<{ operation: Operation; token: { id: string; token: string } }> {
  const op: Operation = { ...created, timeZone: zoneOf(created.timeZone), outboundPolicy: defaultOutboundPolicy };
  if (!(await tx.operations.create(op, now))) throw fail.operationExists(op.id);
  await tx.events.append({ operationId: op.id, at: now, type: 'operation.created', data: { name: op.name, time_zone: op.timeZone, licenses: op.licenses, acw_s: op.acwS } });
  const first = await createToken(tx, { operationId: op.id, timeZone: op.timeZone, now, principal: adminPrincipal, actor: adminActor }, token, 'first token (admin API)');
  return { operation: op, token: first };
}

export async function changeOperation(tx: Tx, now: number, id: string, change: OperationChange): Promise<Operation> {
  if (change.timeZone !== undefined) change = { ...change, timeZone: zoneOf(change.timeZone) };
  const before = await tx.operations.lock(id);
  if (!before) throw fail.operationNotFound(id);
  const after = { ...before, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
  await tx.operations.update(after);
  await tx.events.append({ operationId: id, at: now, type: 'operation.updated', data: { name: after.name, time_zone: after.timeZone, licenses: after.licenses, acw_s: after.acwS } });
  return after;
}
