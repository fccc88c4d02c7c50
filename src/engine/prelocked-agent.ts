// The agent the gate locked with the token slot (one statement, see TokenRepo.claim), handed to the
// work: its first `agents.lock` of that agent is answered from the row already locked instead of
// a second round trip. Any other agent call first makes every later lock go to the store.
import type { Agent } from '../domain/agent.ts';
import type { Tx } from './ports/store.ts';

export function withPrelockedAgent(tx: Tx, operationId: string, agentId: string, agent: Agent | undefined): Tx {
  let pending = true;
  const agents = tx.agents;
  return {
    ...tx,
    agents: {
      ...agents,
      lock(op, id) {
        const served = pending && op === operationId && id === agentId;
        pending = false;
        return served ? Promise.resolve(agent) : agents.lock(op, id);
      },
      save(a, event) {
        pending = false;
        return agents.save(a, event);
      },
      lockLongestReady(op, among) {
        pending = false;
        return agents.lockLongestReady(op, among);
      },
    },
  };
}
