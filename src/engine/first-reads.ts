// The first reads of a request's work, made by the gate's statement that claims the token slot (see
// TokenRepo.claim) and handed to the work: its first `agents.lock` of that agent and its read of
// that auxiliary state's name are answered from the claim instead of a round trip each. Any other
// agent call first makes every later lock go to the store (the row may have changed since).
import type { Agent } from '../domain/agent.ts';
import type { FirstReads, Tx } from './ports/store.ts';

export interface FirstReadsAnswer {
  agent: Agent | undefined;
  auxStateName: string | undefined;
}

export function withFirstReads(tx: Tx, operationId: string, first: FirstReads, answer: FirstReadsAnswer): Tx {
  let agentPending = true;
  const { agents, operations } = tx;
  return {
    ...tx,
    agents: {
      ...agents,
      lock(op, id) {
        const served = agentPending && op === operationId && id === first.agentId;
        agentPending = false;
        return served ? Promise.resolve(answer.agent) : agents.lock(op, id);
      },
      save(a, event) {
        agentPending = false;
        return agents.save(a, event);
      },
      lockLongestReady(op, among) {
        agentPending = false;
        return agents.lockLongestReady(op, among);
      },
    },
    operations: {
      ...operations,
      auxStateName(op, auxId) {
        const served = op === operationId && auxId === first.auxStateId;
        return served ? Promise.resolve(answer.auxStateName) : operations.auxStateName(op, auxId);
      },
    },
  };
}
