// change_status: ready, logout or an auxiliary state. On a call the change waits for the call
// and its after-call work to end; the call is never dropped.
import { requestStatus, type StatusRequest } from '../../domain/agent.ts';
import { fail } from '../../domain/errors.ts';
import { saveAgent } from '../agent-changes.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import type { AgentSessions } from '../telephony/agent-sessions.ts';
import { lockAgent } from './lock-agent.ts';

export interface ChangeStatusResult {
  stateName: string;
  deferred: boolean;
}

export const defaultStateNames = { ready: 'Ready', logout: 'Logout' } as const;

export async function changeStatus(tx: Tx, ctx: RequestContext, sessions: AgentSessions, agentId: string, status: StatusRequest): Promise<ChangeStatusResult> {
  const agent = await lockAgent(tx, ctx, agentId);
  let stateName: string;
  if (status.state === 'aux') {
    const name = await tx.operations.auxStateName(ctx.operationId, status.auxId);
    if (name === undefined) throw fail.auxStateNotFound(String(status.auxId));
    stateName = name;
  } else {
    stateName = defaultStateNames[status.state];
  }
  const { agent: after, deferred } = requestStatus(agent, status, ctx.now);
  if (!deferred) {
    if (after.state === 'logout') {
      if (agent.state !== 'logout') sessions.loggedOut(tx, after);
    } else {
      await sessions.loggedIn(tx, after);
    }
  }
  await saveAgent(tx, agent, after, ctx.now);
  return { stateName, deferred };
}
