// API tokens: authentication by the hash of a token's value, its concurrent-request slots and its
// daily quota.
import type { Principal } from '../../domain/permission.ts';
import type { AddressCheck, RequestOrigin } from './allow-list.ts';

export interface TokenGrant {
  tokenId: string;
  operationId: string;
  timeZone: string;
  dailyLimit: number;
  /** What the token may do (domain/permission.ts). */
  principal: Principal;
}

export interface NewToken {
  operationId: string;
  hash: string;
  description: string;
  principal: Principal;
  now: number;
}

export type TokenClaim = { kind: 'granted'; grant: TokenGrant; address: AddressCheck } | { kind: 'busy' } | { kind: 'invalid' };

export interface TokenRepo {
  /**
   * Authenticates a token by the hash of its value and takes one of its `limit` request slots for
   * the rest of the transaction (released at commit or rollback, even if the process dies); with
   * it, how the request's address stands with the operation's allow-list.
   */
  claim(hash: string, limit: number, quotaPerLicense: number, origin: RequestOrigin): Promise<TokenClaim>;
  /** Counts one use on `day`; false when the daily limit is already reached. */
  countUse(tokenId: string, day: string, dailyLimit: number): Promise<boolean>;
  create(token: NewToken): Promise<string>;
  /** Revokes a token of the operation; false if there is no such live token. */
  revoke(operationId: string, tokenId: string, now: number): Promise<boolean>;
  /** Which of these tokens are still live (not revoked): one read for every stream of a process. */
  liveAmong(tokenIds: readonly string[]): Promise<Set<string>>;
  /** Authenticates without taking a slot (the native API and event streams); with the allow-list's word on the address. */
  authenticate(hash: string, quotaPerLicense: number, origin: RequestOrigin): Promise<{ grant: TokenGrant; address: AddressCheck } | undefined>;
}
