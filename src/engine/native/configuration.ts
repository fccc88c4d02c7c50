// An operation's configuration through the native API: auxiliary states, activity codes, the
// do-not-call list and the outbound-number policy. Each change is an event.
import { fail } from '../../domain/errors.ts';
import { outboundPolicyToJson, parseOutboundPolicy, type OutboundPolicy } from '../../domain/outbound-number.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { checkLimit } from './limits.ts';

export async function putAuxState(tx: Tx, ctx: RequestContext, id: number, name: string): Promise<void> {
  // Renaming is always allowed; a new state counts.
  if ((await tx.operations.auxStateName(ctx.operationId, id)) === undefined) await checkLimit(tx, ctx, 'auxStates');
  await tx.operations.putAuxState(ctx.operationId, id, name);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'config.aux_state', data: { id, name } });
}

/** Removes an auxiliary state no agent is in (nor set to take): a 409 names those who are. */
export async function removeAuxState(tx: Tx, ctx: RequestContext, id: number): Promise<void> {
  const name = await tx.operations.auxStateName(ctx.operationId, id);
  if (name === undefined) throw fail.auxStateNotFound(String(id));
  const inIt = await tx.operations.agentsInAuxState(ctx.operationId, id);
  if (inIt.length > 0) {
    const shown = inIt.slice(0, 10).join(', ') + (inIt.length > 10 ? ` and ${inIt.length - 10} more` : '');
    throw fail.agentState(`Auxiliary state ${id} (${name}) is in use by agent${inIt.length > 1 ? 's' : ''} ${shown}: move ${inIt.length > 1 ? 'them' : 'it'} to another state first`);
  }
  await tx.operations.removeAuxState(ctx.operationId, id);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'config.aux_state_removed', data: { id, name } });
}

/** Removes an activity code; calls already given it keep it in their history. */
export async function removeActivityCode(tx: Tx, ctx: RequestContext, group: 1 | 2, code: string): Promise<void> {
  if (!(await tx.operations.removeActivityCode(ctx.operationId, group, code))) throw fail.activityCodeNotFound(group, code);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'config.activity_code_removed', data: { group, code } });
}

/** Creates or renames the code; `flags` (wolkvox's hit, rpc, chat, studio, voice, interactions), when given, replace its flags. */
export async function putActivityCode(tx: Tx, ctx: RequestContext, group: 1 | 2, code: string, name: string, flags?: readonly string[]): Promise<void> {
  await tx.operations.putActivityCode(ctx.operationId, group, code, name, flags);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'config.activity_code', data: { group, code, name } });
}

/** A new activity code (configuration.php create_cod_act): one that exists is a 409. */
export async function createActivityCode(tx: Tx, ctx: RequestContext, group: 1 | 2, code: string, name: string, flags: readonly string[]): Promise<void> {
  if (await tx.operations.activityCodeExists(ctx.operationId, group, code)) {
    throw fail.activityCodeExists(group, code);
  }
  await putActivityCode(tx, ctx, group, code, name, flags);
}

/** Changes an existing code's name and the flags given (true: set, false: cleared); 404 when there is no such code. */
export async function editActivityCode(tx: Tx, ctx: RequestContext, group: 1 | 2, code: string, change: { name?: string; flags: Readonly<Record<string, boolean>> }): Promise<void> {
  const found = (await tx.directory.activityCodes(ctx.operationId, code)).find((c) => c.group === group);
  if (!found) throw fail.activityCodeNotFound(group, code);
  const flags = new Set(found.flags);
  for (const [flag, on] of Object.entries(change.flags)) {
    if (on) flags.add(flag);
    else flags.delete(flag);
  }
  await putActivityCode(tx, ctx, group, code, change.name ?? found.name, [...flags].sort());
}

/** Removes several codes of a group, all or none (one unknown is a 404 naming it). */
export async function removeActivityCodes(tx: Tx, ctx: RequestContext, group: 1 | 2, codes: readonly string[]): Promise<void> {
  for (const code of [...new Set(codes)]) await removeActivityCode(tx, ctx, group, code);
}

export async function addDnc(tx: Tx, ctx: RequestContext, phones: string[], reason: string, days: number | null): Promise<{ added: number; renewed: number }> {
  const unique = [...new Set(phones)];
  // Counted as if all were new (a renewal adds none): a list this close to its bound is cleaned first.
  await checkLimit(tx, ctx, 'dncNumbers', unique.length);
  const expiresAt = days === null ? null : ctx.now + days * 86_400_000;
  const added = await tx.dnc.add(ctx.operationId, unique.map((phone) => ({ phone, reason, expiresAt })), ctx.now);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'dnc.added', data: { count: unique.length, added, days } });
  return { added, renewed: unique.length - added };
}

/** Unblocks the numbers given (those not on the list are skipped), or every number; how many. */
export async function removeDncNumbers(tx: Tx, ctx: RequestContext, phones: readonly string[] | 'all'): Promise<number> {
  const removed = phones === 'all' ? await tx.dnc.removeAll(ctx.operationId) : await tx.dnc.removeMany(ctx.operationId, [...new Set(phones)]);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'dnc.removed', data: { count: removed, all: phones === 'all' } });
  return removed;
}

export async function removeDnc(tx: Tx, ctx: RequestContext, phone: string): Promise<void> {
  if (!(await tx.dnc.remove(ctx.operationId, phone))) throw fail.dncNotFound(phone);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'dnc.removed', data: { phone } });
}

/** Replaces the operation's outbound-number policy (JSON as the native API takes it); a bad one is a 400. */
export async function setOutboundPolicy(tx: Tx, ctx: RequestContext, json: unknown): Promise<OutboundPolicy> {
  const read = parseOutboundPolicy(json);
  if (!read.ok) throw fail.badValue(`outbound policy: ${read.reason}`);
  await tx.operations.setOutboundPolicy(ctx.operationId, read.policy);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'config.outbound_policy', data: outboundPolicyToJson(read.policy) });
  return read.policy;
}
