// The first step of most agentbox use cases: lock the agent, and its call that is up.
import type { Agent } from '../../domain/agent.ts';
import type { Call } from '../../domain/call.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';

export async function lockAgent(tx: Tx, ctx: RequestContext, agentId: string): Promise<Agent> {
  const agent = await tx.agents.lock(ctx.operationId, agentId);
  if (!agent) throw fail.agentNotFound(agentId);
  return agent;
}

/** The agent's call that is up (ringing, talking or held), or a 409 naming the agent. */
export async function lockLiveCall(tx: Tx, agent: Agent): Promise<Call> {
  const call = agent.callId ? await tx.calls.lock(agent.callId) : undefined;
  if (!call || call.state === 'ended') throw fail.noActiveCall(agent.id);
  return call;
}
