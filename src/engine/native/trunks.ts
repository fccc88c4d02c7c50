// An operation's SIP trunks through the native API: created, changed and deleted, each checked by
// the domain's rules (src/domain/trunk.ts) and told as an event. The password goes to the store and
// nowhere else: answers and events carry `has_password`.
import { fail } from '../../domain/errors.ts';
import { applyTrunkChange, trunkFieldNames, type TrunkChange, type TrunkSettings } from '../../domain/trunk.ts';
import type { RequestContext } from '../deps.ts';
import type { TrunkView } from '../ports/read-model.ts';
import type { Tx } from '../ports/store.ts';
import type { Trunk } from '../ports/trunks.ts';
import { checkLimit } from './limits.ts';

const settingsOf = (t: Trunk): TrunkSettings => ({
  uri: t.uri, username: t.username, password: t.password, callerId: t.callerId, maxCalls: t.maxCalls, prefix: t.prefix, strip: t.strip, ringTimeoutS: t.ringTimeoutS,
});

/** The trunk as the faces see it: its password only as whether it has one. */
export function trunkView(t: Trunk, isDefault: boolean): TrunkView {
  const { password, ...rest } = t;
  return { ...rest, hasPassword: password !== null, isDefault };
}

/** What an event says of a trunk: its settings as the API shows them, never the password. */
function eventData(t: TrunkView): Record<string, unknown> {
  return {
    trunk_id: t.id, uri: t.uri, username: t.username, has_password: t.hasPassword, caller_id: t.callerId, max_calls: t.maxCalls,
    prefix: t.prefix, strip: t.strip, ring_timeout_s: t.ringTimeoutS, default: t.isDefault,
  };
}

async function viewOf(tx: Tx, t: Trunk): Promise<TrunkView> {
  return trunkView(t, (await tx.trunks.defaultId(t.operationId)) === t.id);
}

/** A new trunk of the operation; `allowPrivate` is PACER_SIP_ALLOW_PRIVATE. */
export async function createTrunk(tx: Tx, ctx: RequestContext, change: TrunkChange, allowPrivate: boolean): Promise<TrunkView> {
  const read = applyTrunkChange(undefined, change, allowPrivate);
  if (!read.ok) throw fail.badValue(read.message);
  // Creates of one operation run one at a time, so the count below cannot be outrun.
  await tx.operations.lock(ctx.operationId);
  await checkLimit(tx, ctx, 'trunks');
  const view = await viewOf(tx, await tx.trunks.create(ctx.operationId, read.settings, ctx.now));
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'trunk.created', data: eventData(view) });
  return view;
}

/** Changes the fields `change` names; a change to what the trunk already has is none (no event). */
export async function changeTrunk(tx: Tx, ctx: RequestContext, trunkId: string, change: TrunkChange, allowPrivate: boolean): Promise<TrunkView> {
  const trunk = await tx.trunks.lock(ctx.operationId, trunkId);
  if (!trunk) throw fail.trunkNotFound(trunkId);
  const before = settingsOf(trunk);
  const read = applyTrunkChange(before, change, allowPrivate);
  if (!read.ok) throw fail.badValue(read.message);
  const changed = (Object.keys(trunkFieldNames) as (keyof TrunkSettings)[]).filter((f) => read.settings[f] !== before[f]);
  if (changed.length === 0) return viewOf(tx, trunk);
  const next: Trunk = { ...trunk, ...read.settings, updatedAt: ctx.now };
  await tx.trunks.update(next);
  const view = await viewOf(tx, next);
  await tx.events.append({
    operationId: ctx.operationId, at: ctx.now, type: 'trunk.changed', data: { ...eventData(view), changed: changed.map((f) => trunkFieldNames[f]) },
  });
  return view;
}

/** Deletes the trunk (its credentials are forgotten); the next one, if any, becomes the default. */
export async function deleteTrunk(tx: Tx, ctx: RequestContext, trunkId: string): Promise<void> {
  const trunk = await tx.trunks.lock(ctx.operationId, trunkId);
  if (!trunk || !(await tx.trunks.remove(ctx.operationId, trunkId, ctx.now))) throw fail.trunkNotFound(trunkId);
  await tx.events.append({
    operationId: ctx.operationId, at: ctx.now, type: 'trunk.deleted',
    data: { trunk_id: trunk.id, uri: trunk.uri, default_trunk_id: (await tx.trunks.defaultId(ctx.operationId)) ?? null },
  });
}
