// What each role may do (the roles: packages/vocabulary/src/role.ts). A use case states what it
// needs — to act on one agent, to supervise, to administer, or only to belong to the operation —
// and a principal either has it or is told which role it would take.
import { roles, type Role } from '../../packages/vocabulary/src/role.ts';
import { fail } from './errors.ts';

export type { Role };

/** Who is asking: a token's or a user's role, and for the `agent` role the agent it is. */
export interface Principal {
  role: Role;
  /** The agent an `agent` principal is (null for the other roles). */
  agentId: string | null;
}

export type Need =
  /** Any principal of the operation (reading its configuration, say). */
  | { kind: 'member' }
  /** Acting on one agent: that agent itself, or a supervisor. */
  | { kind: 'agent'; agentId: string }
  | { kind: 'supervisor' }
  | { kind: 'admin' };

export const member: Need = { kind: 'member' };
export const supervisor: Need = { kind: 'supervisor' };
export const admin: Need = { kind: 'admin' };
export const actingOn = (agentId: string): Need => ({ kind: 'agent', agentId });

/** Full rights: what every token had before roles existed. */
export const adminPrincipal: Principal = { role: 'admin', agentId: null };

const rank = (role: Role): number => roles.indexOf(role);

/** Whether `role` has every right of `than`. */
export function atLeast(role: Role, than: Role): boolean {
  return rank(role) >= rank(than);
}

/** Why `principal` may not do what needs `need`, or undefined when it may. */
export function refusalOf(principal: Principal, need: Need): string | undefined {
  switch (need.kind) {
    case 'member':
      return undefined;
    case 'agent':
      if (atLeast(principal.role, 'supervisor') || principal.agentId === need.agentId) return undefined;
      return `An agent acts on itself only: this ${principal.role} is agent ${principal.agentId ?? '?'}, not agent ${need.agentId}`;
    case 'supervisor':
    case 'admin':
      if (atLeast(principal.role, need.kind)) return undefined;
      return `This needs the ${need.kind} role (or higher); the caller is ${principal.role === 'agent' ? 'an agent' : `a ${principal.role}`}`;
  }
}

/** The agent an `agent` principal is confined to, or undefined for roles that see every agent. */
export function confinedTo(principal: Principal): string | undefined {
  return principal.role === 'agent' ? (principal.agentId ?? '') : undefined;
}

/** Throws 403 ROLE_FORBIDDEN, saying why, unless `principal` may do what needs `need`. */
export function authorize(principal: Principal, need: Need): void {
  const refusal = refusalOf(principal, need);
  if (refusal !== undefined) throw fail.roleForbidden(refusal);
}
