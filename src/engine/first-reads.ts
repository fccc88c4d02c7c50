// The first reads of a request's work, made by the gate's statement that claims the token slot (see
// TokenRepo.claim) and handed to the work: its first `agents.lock` of that agent, its first
// `calls.lock` of that call and its read of that auxiliary state's name are answered from the claim
// instead of a round trip each. Any other agent (call) method first makes every later agent (call)
// lock go to the store: the row may have changed since.
import type { Agent } from '../domain/agent.ts';
import type { Call } from '../domain/call.ts';
import type { FirstReads, Tx } from './ports/store.ts';

export interface FirstReadsAnswer {
  agent: Agent | undefined;
  call: Call | undefined;
  auxStateName: string | undefined;
}

export function withFirstReads(tx: Tx, operationId: string, first: FirstReads, answer: FirstReadsAnswer): Tx {
  let agentPending = true;
  let callPending = answer.call !== undefined;
  const { agents, calls, operations } = tx;
  return {
    ...tx,
    calls: {
      ...calls,
      lock(id) {
        const served = callPending && id === answer.call?.id;
        callPending = false;
        return served ? Promise.resolve(answer.call) : calls.lock(id);
      },
      save(c) {
        callPending = false;
        return calls.save(c);
      },
      insert(c) {
        callPending = false;
        return calls.insert(c);
      },
    },
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
