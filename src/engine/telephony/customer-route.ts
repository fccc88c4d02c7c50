// On a real carrier every customer leg goes out through the operation's default trunk (its first):
// the number rewritten for it, its caller id and credentials, its ring timeout, and no more calls
// at once than its max_calls. The simulated carrier needs none of it. Every process counts the
// channels of the operation's live calls in the store, so the limit holds across processes.
import { fail } from '../../domain/errors.ts';
import { trunkDial } from '../../domain/trunk.ts';
import type { EngineDeps } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import type { CustomerRoute } from '../ports/telephony.ts';
import type { Trunk } from '../ports/trunks.ts';

/** Why the operation cannot place customer calls now (null: it can, with `lines` more at most). */
export type TrunkRoom =
  | { ok: true; trunk: Trunk | null; lines: number }
  | { ok: false; reason: 'no_trunk' | 'trunk_at_limit'; trunk: Trunk | null };

/** How many more customer legs the operation's trunk takes now; unlimited on the simulated carrier. */
export async function trunkRoom(tx: Tx, deps: Pick<EngineDeps, 'telephony'>, operationId: string): Promise<TrunkRoom> {
  if (deps.telephony.mode === 'sim') return { ok: true, trunk: null, lines: Infinity };
  const trunk = await tx.trunks.defaultTrunk(operationId);
  if (!trunk) return { ok: false, reason: 'no_trunk', trunk: null };
  if (trunk.maxCalls === null) return { ok: true, trunk, lines: Infinity };
  const lines = trunk.maxCalls - await tx.calls.trunkChannels(operationId);
  return lines > 0 ? { ok: true, trunk, lines } : { ok: false, reason: 'trunk_at_limit', trunk };
}

/** The trunk part of a campaign's dialling snapshot (not-dialling.ts): none on the simulated carrier. */
export function trunkState(room: TrunkRoom): { configured: boolean; atLimit: boolean } | undefined {
  if (room.ok && room.trunk === null) return undefined;
  return { configured: room.ok || room.reason !== 'no_trunk', atLimit: !room.ok && room.reason === 'trunk_at_limit' };
}

/** How a customer leg goes out: its trunk route (none on the simulated carrier) and ring timeout. */
export interface CustomerLeg {
  route?: CustomerRoute;
  ringTimeoutS: number;
}

/** A customer leg's route and ring timeout; a clear refusal when the operation cannot call `phone` now. */
export async function customerRoute(tx: Tx, deps: Pick<EngineDeps, 'telephony' | 'settings'>, operationId: string, phone: string): Promise<CustomerLeg> {
  const room = await trunkRoom(tx, deps, operationId);
  if (!room.ok) {
    if (room.reason === 'no_trunk' || !room.trunk) throw fail.noTrunk(operationId);
    throw fail.trunkBusy(room.trunk.id, room.trunk.maxCalls ?? 0);
  }
  return legThrough(room, deps, phone);
}

/**
 * The leg to `phone` through a trunk found to have room: a pacing decision looks at its trunk once
 * and places its batch within the room it found.
 */
export function legThrough(room: TrunkRoom & { ok: true }, deps: Pick<EngineDeps, 'settings'>, phone: string): CustomerLeg {
  if (!room.trunk) return { ringTimeoutS: deps.settings.ringTimeoutS };
  return { route: routeOf(room.trunk, phone, deps.settings.sipAllowPrivate), ringTimeoutS: room.trunk.ringTimeoutS };
}

function routeOf(trunk: Trunk, phone: string, allowPrivate: boolean): CustomerRoute {
  const dial = trunkDial(trunk, phone, allowPrivate);
  if (!dial.ok) throw fail.numberRefused(`${phone} cannot be dialled through trunk ${trunk.id}: ${dial.reason}`);
  return {
    trunkId: trunk.id, requestUri: dial.requestUri, ringTimeoutS: trunk.ringTimeoutS, callerId: trunk.callerId,
    credentials: trunk.username !== null && trunk.password !== null ? { username: trunk.username, password: trunk.password } : null,
  };
}
