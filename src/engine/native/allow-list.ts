// The operation's IP allow-list (add_ip, remove_ip; /v1/allowed-addresses): once it holds a live
// entry, the operation's tokens are refused from any other address (engine/gate.ts, native-auth.ts).
import { canonicalAddress, maxPermanentAddresses, temporaryAddressMs } from '../../domain/allow-list.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { AddressCheck, AllowedAddress } from '../ports/allow-list.ts';
import type { Tx } from '../ports/store.ts';

/** An entry's use is noted at most this often (get_ip's last_use): not a write per request. */
const touchEveryMs = 60_000;

/**
 * A token's request from `address`, as its claim read the allow-list: refused unless admitted;
 * a listed address's use noted. Every face's token requests pass here (gate.ts, native-auth.ts).
 */
export async function admitAddress(tx: Tx, operationId: string, address: string | null, check: AddressCheck, now: number): Promise<void> {
  if (!check.admitted) throw fail.addressNotAllowed(address);
  if (check.listed && address !== null && (check.lastUsedAt === null || check.lastUsedAt <= now - touchEveryMs)) {
    await tx.allowList.touch(operationId, address, now);
  }
}

export interface NewAllowedAddress {
  address: string;
  permanent: boolean;
  description: string;
}

/** The address as stored, or a 400 saying what one looks like. */
export function allowedAddressOf(text: string): string {
  const address = canonicalAddress(text);
  if (address === undefined) throw fail.badValue(`${text} is not an IP address (one IPv4 or IPv6 address, no range, no host name)`);
  return address;
}

export async function addAllowedAddress(tx: Tx, ctx: RequestContext, entry: NewAllowedAddress): Promise<AllowedAddress> {
  const address = allowedAddressOf(entry.address);
  // Serialises additions: the bound on permanent entries holds under concurrency.
  if (!(await tx.operations.lock(ctx.operationId))) throw fail.operationNotFound(ctx.operationId);
  if (entry.permanent && (await tx.allowList.permanentCount(ctx.operationId, ctx.now)) >= maxPermanentAddresses) {
    throw fail.limitReached(ctx.operationId, `${maxPermanentAddresses} permanent IP addresses`, 'remove one first, or add this one as temporary');
  }
  const added: AllowedAddress = {
    address, description: entry.description, createdAt: ctx.now, expiresAt: entry.permanent ? null : ctx.now + temporaryAddressMs, lastUsedAt: null,
  };
  if (!(await tx.allowList.add(ctx.operationId, added, ctx.now))) throw fail.addressExists(address);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'config.allowed_address', data: { address, permanent: entry.permanent } });
  return added;
}

export async function removeAllowedAddress(tx: Tx, ctx: RequestContext, text: string): Promise<void> {
  const address = allowedAddressOf(text);
  if (!(await tx.allowList.remove(ctx.operationId, address, ctx.now))) throw fail.addressNotFound(address);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'config.allowed_address_removed', data: { address } });
}
