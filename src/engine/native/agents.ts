// An operation's agents through the native API: created or renamed by id (the extension), and
// deleted while logged out. Calls keep the agent's id in the history.
import { describeState, newAgent } from '../../domain/agent.ts';
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import { callbackEvent } from '../callbacks/event.ts';
import type { Tx } from '../ports/store.ts';

/** Creates the agent, logged out, or renames it; true when it was created. */
export async function putAgent(tx: Tx, ctx: RequestContext, agentId: string, name: string): Promise<boolean> {
  // Insert first: of two concurrent creates one inserts, the other renames what it finds.
  if (await tx.agents.create(newAgent(ctx.operationId, agentId, name, ctx.now))) {
    await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'agent.created', agentId, data: { name } });
    return true;
  }
  const agent = await tx.agents.lock(ctx.operationId, agentId);
  if (!agent || agent.name === name) return false;
  await tx.agents.save({ ...agent, name }, { operationId: ctx.operationId, at: ctx.now, type: 'agent.renamed', agentId, data: { from: agent.name, to: name } });
  return false;
}

export async function removeAgent(tx: Tx, ctx: RequestContext, agentId: string): Promise<void> {
  const agent = await tx.agents.lock(ctx.operationId, agentId);
  if (!agent) throw fail.agentNotFound(agentId);
  if (agent.state !== 'logout') throw fail.agentState(`Agent ${agentId} is in state ${describeState(agent)}: log it out before deleting it`);
  const cancelled = await tx.agents.remove(ctx.operationId, agentId);
  for (const cb of cancelled) await callbackEvent(tx, cb, 'callback.cancelled', ctx.now, { reason: 'agent deleted' });
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'agent.deleted', agentId, data: { name: agent.name, callbacks_cancelled: cancelled.length } });
}
