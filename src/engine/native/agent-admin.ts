// Agents as wolkvox's configuration.php manages them: created with the next free extension, a
// profile (agent_dni, agent_sso) and a console user to sign in with; edited; enabled and disabled.
// A disabled agent stays logged out (domain/agent.ts refuses it ready) and cannot sign in.
import { newAgent } from '../../domain/agent.ts';
import { describeState } from '../../domain/agent.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import { lockAgent } from '../agentbox/lock-agent.ts';
import type { Tx } from '../ports/store.ts';
import { createUser } from './users.ts';

export interface AgentProfile {
  name: string;
  dni: string;
  sso?: string;
}

/** A password for an agent created without one: from a random secret, with every kind of character wolkvox's rule asks for. */
export const agentPassword = (secret: string) => `${secret.slice(0, 16)}Aa7#`;

/**
 * A new agent with the next free extension, logged out, and its console user named by the
 * extension (role agent). Concurrent creations are serialised by the operation's lock.
 */
export async function createAgent(tx: Tx, ctx: RequestContext, profile: AgentProfile, passwordHash: string): Promise<{ agentId: string }> {
  if (!(await tx.operations.lock(ctx.operationId))) throw fail.operationNotFound(ctx.operationId);
  const agentId = await tx.agents.nextId(ctx.operationId);
  if (!(await tx.agents.create(newAgent(ctx.operationId, agentId, profile.name, ctx.now)))) throw fail.agentState(`Agent ${agentId} already exists`);
  await tx.agents.setProfile(ctx.operationId, agentId, { dni: profile.dni, sso: profile.sso ?? '' });
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'agent.created', agentId, data: { name: profile.name } });
  await createUser(tx, ctx, agentId, passwordHash, { role: 'agent', agentId });
  return { agentId };
}

/** Changes the fields given; a new password goes to the agent's console user (created if it has none). */
export async function editAgent(tx: Tx, ctx: RequestContext, agentId: string, change: Partial<AgentProfile>, passwordHash: string | null): Promise<void> {
  const agent = await lockAgent(tx, ctx, agentId);
  if (change.name !== undefined && change.name !== agent.name) {
    await tx.agents.save({ ...agent, name: change.name }, { operationId: ctx.operationId, at: ctx.now, type: 'agent.renamed', agentId, data: { from: agent.name, to: change.name } });
  }
  await tx.agents.setProfile(ctx.operationId, agentId, { dni: change.dni, sso: change.sso });
  if (passwordHash === null) return;
  const user = await tx.users.ofAgent(ctx.operationId, agentId);
  if (user === undefined) {
    await createUser(tx, ctx, agentId, passwordHash, { role: 'agent', agentId });
    return;
  }
  await tx.users.change(ctx.operationId, user, { passwordHash });
  await tx.sessions.endAllOf(user, ctx.now);
}

/** Enables or disables the agent; disabling one that is not logged out is a 409 (it would be left mid-shift). */
export async function setAgentEnabled(tx: Tx, ctx: RequestContext, agentId: string, enabled: boolean): Promise<void> {
  const agent = await lockAgent(tx, ctx, agentId);
  if (!enabled && agent.state !== 'logout') {
    throw fail.agentState(`Agent ${agentId} is in state ${describeState(agent)}: log it out before disabling it`);
  }
  if (agent.enabled === enabled) return;
  await tx.agents.save({ ...agent, enabled }, { operationId: ctx.operationId, at: ctx.now, type: enabled ? 'agent.enabled' : 'agent.disabled', agentId, data: {} });
  // A disabled agent's console sessions end with it.
  if (!enabled) {
    const user = await tx.users.ofAgent(ctx.operationId, agentId);
    if (user !== undefined) await tx.sessions.endAllOf(user, ctx.now);
  }
}
