// Users of an operation (people who sign in to the console) and their sessions. A password is kept
// as a scrypt hash (engine/passwords.ts), a session by the hash of its cookie value.
import type { Principal } from '../../domain/permission.ts';
import type { Page } from './read-model.ts';

export interface User {
  id: string;
  operationId: string;
  username: string;
  principal: Principal;
  createdAt: number;
}

/** A user as a sign-in sees it: with what checks the password and what slows guessing. */
export interface UserCredentials extends User {
  passwordHash: string;
  failedSignIns: number;
  lockedUntil: number | null;
  timeZone: string;
}

export interface UserChange {
  passwordHash?: string;
  principal?: Principal;
}

export interface UserRepo {
  /** Undefined when the operation already has a user of that name (any case). */
  create(user: { operationId: string; username: string; passwordHash: string; principal: Principal; now: number }): Promise<User | undefined>;
  get(operationId: string, id: string): Promise<User | undefined>;
  list(operationId: string, cursor: string | undefined, limit: number): Promise<Page<User>>;
  change(operationId: string, id: string, change: UserChange): Promise<User | undefined>;
  /** Deletes the user (its sessions end); false when there is no such user. */
  remove(operationId: string, id: string, now: number): Promise<boolean>;
  countActive(operationId: string): Promise<number>;
  /** The id of the agent's console user (the one with the lowest id, if several), or undefined. */
  ofAgent(operationId: string, agentId: string): Promise<string | undefined>;
  /** The users called `username` (any case) in `operationId`, or in every operation, locked for a sign-in. */
  lockForSignIn(username: string, operationId: string | undefined): Promise<UserCredentials[]>;
  /** After a wrong password: the count, and until when the user is locked (null: not locked). */
  failedSignIn(id: string, failedSignIns: number, lockedUntil: number | null): Promise<void>;
  signedIn(id: string): Promise<void>;
}

export interface SessionUser extends User {
  timeZone: string;
  csrf: string;
}

export interface SessionRepo {
  create(session: { hash: string; userId: string; csrf: string; now: number }): Promise<void>;
  /**
   * The session by the hash of its value when it is live (not ended, its user not deleted, seen
   * since `seenSince`), with its user; marks it seen at `now` when it was last seen before `staleBefore`.
   */
  touch(hash: string, now: number, seenSince: number, staleBefore: number): Promise<SessionUser | undefined>;
  /** Which of these sessions are live, as `touch` tells one (and marks seen the same way). */
  touchAll(hashes: readonly string[], now: number, seenSince: number, staleBefore: number): Promise<Set<string>>;
  end(hash: string, now: number): Promise<void>;
  /** Ends every session of the user; returns the hashes of those it ended. */
  endAllOf(userId: string, now: number): Promise<string[]>;
}
