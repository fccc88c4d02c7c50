// The first reads of a request's work, made by the gate's statement that claims the token slot (see
// TokenRepo.claim) and handed to the work, and the rows that statement locked kept in hand:
//
// - The request's agent and, when asked, the agent's call are locked by the claim until the
//   transaction ends, so nothing but this transaction can change them, and in it only `save`
//   writes them. Every `lock` of them is answered without a round trip: with the row the claim
//   read, then with the last one saved. Creating or removing that agent (call) sends its later
//   locks back to the store.
// - The token's operation (`operations.get`) and the auxiliary state's name are as the claim
//   statement read them, before it waited for the agent's lock (a change committed during that
//   wait shows in the next request). Locking or updating the operation sends its later reads to
//   the store.
import type { Agent } from '../domain/agent.ts';
import type { Call } from '../domain/call.ts';
import type { FirstReads, TokenClaim, Tx } from './ports/store.ts';

/** What the claim read: the token's operation and, when asked, the agent, its call, the aux name. */
export type FirstReadsAnswer = Pick<Extract<TokenClaim, { kind: 'granted' }>, 'operation' | 'agent' | 'call' | 'auxStateName'>;

/** A row this transaction holds locked: its latest value (undefined: there is none), if known. */
interface HeldRow<T> { known: boolean; value: T | undefined }

export function withFirstReads(tx: Tx, first: FirstReads, answer: FirstReadsAnswer): Tx {
  const { agents, calls, operations } = tx;
  const operationId = answer.operation.id;
  const agent: HeldRow<Agent> = { known: true, value: answer.agent };
  const isAgent = (op: string, id: string) => op === operationId && id === first.agentId;
  // Asked or not, a call the claim did not return is not held: its locks go to the store.
  const call: HeldRow<Call> = { known: answer.call !== undefined, value: answer.call };
  const isCall = (id: string) => id === answer.call?.id;
  let operationKnown = true;
  return {
    ...tx,
    agents: {
      ...agents,
      lock(op, id) {
        return agent.known && isAgent(op, id) ? Promise.resolve(agent.value) : agents.lock(op, id);
      },
      save(a, event) {
        if (isAgent(a.operationId, a.id)) agent.value = a;
        return agents.save(a, event);
      },
      create(a) {
        if (isAgent(a.operationId, a.id)) agent.known = false;
        return agents.create(a);
      },
      remove(op, id) {
        if (isAgent(op, id)) agent.known = false;
        return agents.remove(op, id);
      },
    },
    calls: {
      ...calls,
      lock(id) {
        return call.known && isCall(id) ? Promise.resolve(call.value) : calls.lock(id);
      },
      save(c) {
        if (isCall(c.id)) call.value = c;
        return calls.save(c);
      },
      insert(c) {
        if (isCall(c.id)) call.known = false;
        return calls.insert(c);
      },
    },
    operations: {
      ...operations,
      get(id) {
        return operationKnown && id === operationId ? Promise.resolve(answer.operation) : operations.get(id);
      },
      lock(id) {
        if (id === operationId) operationKnown = false;
        return operations.lock(id);
      },
      update(op) {
        if (op.id === operationId) operationKnown = false;
        return operations.update(op);
      },
      auxStateName(op, auxId) {
        const served = op === operationId && auxId === first.auxStateId;
        return served ? Promise.resolve(answer.auxStateName) : operations.auxStateName(op, auxId);
      },
    },
  };
}
