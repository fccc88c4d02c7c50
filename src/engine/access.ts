// How a request reaches a use case: who is asking, and the one place where the engine turns that
// into a transaction. A face never opens a transaction: it hands the engine an `Access` and the
// engine admits it (a wolkvox token through the gate; a native caller already authenticated) and
// runs the use case in a transaction it commits.
import { authorize, type Need } from '../domain/permission.ts';
import type { Actor, EngineDeps, RequestContext } from './deps.ts';
import type { Gate } from './gate.ts';
import type { RequestScope, Tx } from './ports/store.ts';
import type { TokenGrant } from './ports/tokens.ts';

/**
 * A caller of the native API: a token of one operation (`Engine.authenticate`), or a user signed in
 * to the console (`Engine.sessions.authenticate`), whose `tokenId` is `user:<id>` — what its rate
 * limit and its streams are counted by.
 */
export type Caller = TokenGrant & {
  session?: { hash: string };
  /** Where the request came from (the audit log's address). */
  address?: string | null;
};

/** The admin API's caller (PACER_ADMIN_TOKEN), as `Engine.admin.authenticate` vouched for it. */
export interface AdminCaller { readonly admin: true }

/**
 * Who asks for a use case. `token`: a wolkvox request, admitted by the gate (a concurrency slot of
 * its token; campaign calls count against the daily quota), naming its operation by host or header
 * or not at all. `caller`: a native request, authenticated before it was parsed.
 */
export type Access =
  | { kind: 'token'; token: string | undefined; operationId: string | undefined; address: string | null }
  | { kind: 'caller'; caller: Caller };

/** What admitting a request takes besides its token: the quota, and what its work locks first. */
export interface Admission {
  /** The call counts against the token's daily quota (wolkvox campaign calls). */
  quota: boolean;
  /** The agent (and its call) the work locks first: the store may read them with the token claim. */
  scope?: RequestScope;
}

export type Work<T> = (tx: Tx, ctx: RequestContext) => Promise<T>;

/** Every wolkvox call but agentbox's counts against the daily quota (a refusal rolls the count back); a native caller's does not. */
export const counted: Admission = { quota: true };

/** Runs `work` for `access` once admitted and allowed what `need` says (domain/permission.ts). */
export type Run = <T>(access: Access, admission: Admission, need: Need, work: Work<T>) => Promise<T>;

export function createRun(deps: Pick<EngineDeps, 'store' | 'clock'>, gate: Gate): Run {
  return (access, admission, need, work) => {
    const allowed: typeof work = (tx, ctx) => {
      authorize(ctx.principal, need);
      return work(tx, ctx);
    };
    if (access.kind === 'token') {
      return gate({ token: access.token, operationId: access.operationId, address: access.address, countsAgainstQuota: admission.quota, scope: admission.scope }, allowed);
    }
    const ctx = contextOf(access.caller, deps.clock.now());
    return deps.store.transaction((tx) => allowed(tx, ctx));
  };
}

/** The operation a query of `caller` reads, once the caller is allowed what `need` says. */
export function ask(caller: Caller, need: Need): string {
  authorize(caller.principal, need);
  return caller.operationId;
}

/** The admin API (PACER_ADMIN_TOKEN) as the audit log names it. */
export const adminActor: Actor = { id: 'admin', address: null, via: 'admin' };

export function contextOf(caller: Caller, now: number): RequestContext {
  return {
    operationId: caller.operationId, timeZone: caller.timeZone, now, principal: caller.principal,
    actor: { id: caller.tokenId, address: caller.address ?? null, via: caller.session ? 'console' : 'native' },
  };
}
