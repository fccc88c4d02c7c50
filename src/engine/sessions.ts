// Signing in to the console: a user's name and password give a session, held by the browser as an
// HttpOnly cookie (its value is kept only as a hash) with a CSRF token for every change. Guessing is
// slowed per user (locked after `userFailures` wrong passwords in a row, in the database, so across
// processes) and per address (at most `addressFailures` failures in a window, per process). A
// session ends at sign-out, after `idleMs` unused, or when its user is changed or deleted.
import { timingSafeEqual } from 'node:crypto';
import { fail } from '../domain/errors.ts';
import type { Caller } from './access.ts';
import type { EngineDeps } from './deps.ts';
import { hashToken, requestAddress } from './gate.ts';
import { nobodysHash, verifyPassword } from './passwords.ts';
import { tokenBuckets } from './rate-limit.ts';
import type { User } from './ports/users.ts';

export interface SessionSettings {
  idleMs: number;
  userFailures: number;
  userLockMs: number;
  addressFailures: number;
  addressWindowMs: number;
}

export const defaultSessionSettings: SessionSettings = {
  idleMs: 8 * 3_600_000, userFailures: 5, userLockMs: 15 * 60_000, addressFailures: 20, addressWindowMs: 15 * 60_000,
};

/** A session is marked seen at most once a minute (not on every request). */
const seenEveryMs = 60_000;

export interface SignIn { username: string; password: string; operationId?: string; address: string }
export interface SignedIn { value: string; csrf: string; user: User }

export function createSessions(deps: EngineDeps, settings: SessionSettings) {
  const { clock, store } = deps;
  const buckets = tokenBuckets(clock, deps.settings.nativeRate);
  /** Failed sign-ins per address in the current window. */
  const failures = new Map<string, { count: number; since: number }>();
  const failuresOf = (address: string) => {
    const now = clock.now();
    const f = failures.get(address);
    if (!f || now - f.since >= settings.addressWindowMs) return { count: 0, since: now };
    return f;
  };
  const failedFrom = (address: string) => {
    const now = clock.now();
    // Forget windows that are over, so the map holds only addresses failing now.
    if (failures.size > 10_000) for (const [a, f] of failures) if (now - f.since >= settings.addressWindowMs) failures.delete(a);
    const f = failuresOf(address);
    failures.set(address, { count: f.count + 1, since: f.since });
  };

  const liveSession = (hash: string) => {
    const now = clock.now();
    return store.transaction((tx) => tx.sessions.touch(hash, now, now - settings.idleMs, now - seenEveryMs));
  };

  return {
    async signIn(request: SignIn): Promise<SignedIn> {
      const byAddress = failuresOf(request.address);
      if (byAddress.count >= settings.addressFailures) {
        throw fail.signInLocked(Math.ceil((byAddress.since + settings.addressWindowMs - clock.now()) / 1000));
      }
      const value = deps.random.sessionSecret();
      const csrf = deps.random.sessionSecret();
      const outcome = await store.transaction(async (tx) => {
        const now = clock.now();
        const found = await tx.users.lockForSignIn(request.username, request.operationId);
        if (found.length > 1) throw fail.signInAmbiguous(request.username);
        const user = found[0];
        if (!user) {
          await verifyPassword(request.password, nobodysHash);
          return { kind: 'failed' as const };
        }
        if (user.lockedUntil !== null && user.lockedUntil > now) return { kind: 'locked' as const, until: user.lockedUntil };
        if (!(await verifyPassword(request.password, user.passwordHash))) {
          const count = user.failedSignIns + 1;
          const lock = count >= settings.userFailures;
          await tx.users.failedSignIn(user.id, lock ? 0 : count, lock ? now + settings.userLockMs : null);
          await tx.events.append({ operationId: user.operationId, at: now, type: 'user.sign_in_failed', data: { user_id: user.id, address: request.address, locked: lock } });
          return lock ? { kind: 'locked' as const, until: now + settings.userLockMs } : { kind: 'failed' as const };
        }
        // A disabled agent (disable_agent) does not sign in; its password was right, so no failure counts.
        if (user.principal.agentId !== null) {
          const agent = await tx.agents.lock(user.operationId, user.principal.agentId);
          if (agent && !agent.enabled) throw fail.agentDisabled(agent.id);
        }
        await tx.users.signedIn(user.id);
        await tx.sessions.create({ hash: hashToken(value), userId: user.id, csrf, now });
        await tx.events.append({ operationId: user.operationId, at: now, type: 'user.signed_in', data: { user_id: user.id, address: request.address } });
        return { kind: 'signed-in' as const, user };
      });
      if (outcome.kind === 'signed-in') {
        const { passwordHash: _h, failedSignIns: _f, lockedUntil: _l, timeZone: _z, ...user } = outcome.user;
        return { value, csrf, user };
      }
      failedFrom(request.address);
      if (outcome.kind === 'locked') throw fail.signInLocked(Math.ceil((outcome.until - clock.now()) / 1000));
      throw fail.signInFailed();
    },

    /** The caller a session cookie is; a change (`unsafe`) must carry the session's CSRF token. */
    async authenticate(value: string, csrf: string | undefined, unsafe: boolean, address: string | null = null): Promise<Caller> {
      const hash = hashToken(value);
      const session = await liveSession(hash);
      if (!session) throw fail.sessionInvalid();
      if (unsafe && (csrf === undefined || csrf.length !== session.csrf.length || !timingSafeEqual(Buffer.from(csrf), Buffer.from(session.csrf)))) {
        throw fail.csrfFailed();
      }
      const tokenId = `user:${session.id}`;
      const wait = buckets.take(tokenId);
      if (wait !== undefined) throw fail.rateLimited(deps.settings.nativeRate.perSecond, wait);
      return {
        tokenId, operationId: session.operationId, timeZone: session.timeZone, dailyLimit: 0, principal: session.principal,
        session: { hash }, address: requestAddress(address),
      };
    },

    /** Which of these sessions are still live (event streams ask, and keep them from going idle). */
    live(hashes: readonly string[]): Promise<Set<string>> {
      const now = clock.now();
      return store.transaction((tx) => tx.sessions.touchAll(hashes, now, now - settings.idleMs, now - seenEveryMs));
    },

    /** The session's user as the console shows it, with its CSRF token (to put in every change). */
    async current(value: string): Promise<(User & { csrf: string }) | undefined> {
      const session = await liveSession(hashToken(value));
      if (!session) return undefined;
      const { timeZone: _z, ...user } = session;
      return user;
    },

    async signOut(value: string): Promise<void> {
      const now = clock.now();
      await store.transaction((tx) => tx.sessions.end(hashToken(value), now));
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
