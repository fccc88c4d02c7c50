// The gate every wolkvox request passes: the token is checked, one of its concurrent-request
// slots is taken (in this process and, through a row lock, across every process on the
// database), the request's address is checked against the operation's allow-list, the daily
// quota is counted, and the work runs in the same transaction.
import { createHash } from 'node:crypto';
import { canonicalAddress } from '../domain/allow-list.ts';
import { fail } from '../domain/errors.ts';
import { localDay } from '../domain/local-time.ts';
import type { EngineDeps, RequestContext } from './deps.ts';
import type { RequestScope, Tx } from './ports/store.ts';
import { admitAddress } from './native/allow-list.ts';

export interface GateRequest {
  token: string | undefined;
  /** The operation the request names by host or header, if any. */
  operationId: string | undefined;
  /** Where the request came from: checked against the operation's allow-list. */
  address: string | null;
  /** agentbox calls do not count against the daily quota. */
  countsAgainstQuota: boolean;
  /** What the work acts on, if known (every agentbox call locks its agent): the store's hint. */
  scope?: RequestScope;
}

export type Gate = <T>(request: GateRequest, work: (tx: Tx, ctx: RequestContext) => Promise<T>) => Promise<T>;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A request's address as the allow-list stores addresses (::ffff:127.0.0.1 is 127.0.0.1). */
export const requestAddress = (raw: string | null): string | null => (raw === null ? null : (canonicalAddress(raw) ?? raw));

export function createGate(deps: EngineDeps): Gate {
  const inFlight = new Map<string, number>();
  const { tokenConcurrency: limit, quotaPerLicense } = deps.settings;

  return async (request, work) => {
    if (!request.token) throw fail.tokenMissing();
    const address = requestAddress(request.address);
    const hash = hashToken(request.token);
    const held = inFlight.get(hash) ?? 0;
    if (held >= limit) throw fail.tooManySimultaneous(limit);
    inFlight.set(hash, held + 1);
    try {
      return await deps.store.transaction(async (tx) => {
        const now = deps.clock.now();
        const claim = await tx.tokens.claim(hash, limit, quotaPerLicense, { address, now });
        if (claim.kind === 'invalid') throw fail.tokenInvalid();
        if (claim.kind === 'busy') throw fail.tooManySimultaneous(limit);
        const { grant } = claim;
        if (request.operationId !== undefined && request.operationId !== grant.operationId) throw fail.tokenInvalid();
        await admitAddress(tx, grant.operationId, address, claim.address, now);
        if (request.countsAgainstQuota && !(await tx.tokens.countUse(grant.tokenId, localDay(now, grant.timeZone), grant.dailyLimit))) {
          throw fail.tokenLimitExceeded();
        }
        const actor = { id: grant.tokenId, address, via: 'wolkvox' as const };
        return work(tx, { operationId: grant.operationId, timeZone: grant.timeZone, now, principal: grant.principal, actor });
      }, request.scope);
    } finally {
      const left = (inFlight.get(hash) ?? 1) - 1;
      if (left <= 0) inFlight.delete(hash);
      else inFlight.set(hash, left);
    }
  };
}
