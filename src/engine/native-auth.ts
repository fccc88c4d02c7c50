// Authentication for the native API and event streams: the operation's tokens, as bearer
// tokens. No concurrency slot is taken (a stream is long-lived); the native face limits each token
// by a request rate instead (rate-limit.ts).
import { timingSafeEqual } from 'node:crypto';
import { fail } from '../domain/errors.ts';
import type { EngineDeps } from './deps.ts';
import { hashToken, requestAddress } from './gate.ts';
import { admitAddress } from './native/allow-list.ts';
import type { AdminCaller, Caller } from './access.ts';
import { tokenBuckets } from './rate-limit.ts';

export function createNativeAuth(deps: EngineDeps) {
  const buckets = tokenBuckets(deps.clock, deps.settings.nativeRate);
  return async (token: string | undefined, raw: string | null = null): Promise<Caller> => {
    if (!token) throw fail.tokenMissing();
    const address = requestAddress(raw);
    // The allow-list holds for a token on every face (a console session is not a token: README).
    const grant = await deps.store.transaction(async (tx) => {
      const now = deps.clock.now();
      const found = await tx.tokens.authenticate(hashToken(token), deps.settings.quotaPerLicense, { address, now });
      if (!found) return undefined;
      await admitAddress(tx, found.grant.operationId, address, found.address, now);
      return found.grant;
    });
    if (!grant) throw fail.tokenInvalid();
    const wait = buckets.take(grant.tokenId);
    if (wait !== undefined) throw fail.rateLimited(deps.settings.nativeRate.perSecond, wait);
    return { ...grant, address };
  };
}

/**
 * Authentication of the admin API (/v1/operations): one bearer token from the configuration,
 * compared by its hash in constant time. Without PACER_ADMIN_TOKEN the admin API is off.
 */
export function createAdminAuth(deps: EngineDeps) {
  return (token: string | undefined): AdminCaller => {
    const expected = deps.settings.adminTokenHash;
    if (expected === null) throw fail.adminDisabled();
    if (!token) throw fail.tokenMissing();
    if (!timingSafeEqual(Buffer.from(hashToken(token), 'hex'), Buffer.from(expected, 'hex'))) throw fail.tokenInvalid();
    return { admin: true };
  };
}
