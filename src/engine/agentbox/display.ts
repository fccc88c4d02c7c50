// agent_display: which buttons the agent's console shows.
import type { AgentButton } from '../../domain/agent.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { lockAgent } from './lock-agent.ts';

export async function agentDisplay(tx: Tx, ctx: RequestContext, agentId: string, button: AgentButton, show: boolean): Promise<void> {
  const agent = await lockAgent(tx, ctx, agentId);
  await tx.agents.save({ ...agent, display: { ...agent.display, [button]: show } });
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'agent.display', agentId, data: { button, show } });
}
