// Saving an agent: the row and, when its state moved, the event that says so (one statement).
import { describeState, type Agent } from '../domain/agent.ts';
import type { Tx } from './ports/store.ts';

export async function saveAgent(tx: Tx, before: Agent, after: Agent, now: number): Promise<void> {
  const moved = before.state !== after.state || before.auxId !== after.auxId;
  const deferred = before.nextState !== after.nextState || before.nextAuxId !== after.nextAuxId;
  if (!moved && !deferred) return tx.agents.save(after);
  await tx.agents.save(after, {
    operationId: after.operationId, at: now, type: 'agent.state', agentId: after.id, callId: after.callId,
    data: {
      from: describeState(before), to: describeState(after),
      next: after.nextState ? describeState({ state: after.nextState, auxId: after.nextAuxId }) : null,
    },
  });
}
