// The first reads of a request's transaction (see RequestScope in the store port), made by the
// statement that claims the token slot (tokens.ts), and the rows that statement locked kept in
// hand for the rest of the transaction:
//
// - The request's agent and, when asked, the agent's call are locked by the claim until the
//   transaction ends, so nothing but this transaction can change them, and in it only `save`
//   writes them. Every `lock` of them is answered without a round trip: with the row the claim
//   read, then with the last one saved. Creating or removing that agent (call) sends its later
//   locks back to the database.
// - The token's operation (`operations.get`) and the auxiliary state's name are as the claim
//   statement read them, before it waited for the agent's lock (a change committed during that
//   wait shows in the next request). Locking or updating the operation sends its later reads to
//   the database.
//
// Until the claim has read them (or when it granted no slot) every call goes to the database.
import type { Agent } from '../../domain/agent.ts';
import type { Call } from '../../domain/call.ts';
import type { Operation } from '../../engine/ports/operations.ts';
import type { RequestScope, Tx } from '../../engine/ports/store.ts';

/** What the claim read: the token's operation and, when asked, the agent, its call, the aux name. */
export interface FirstReadsAnswer {
  operation: Operation;
  /** Undefined: the operation has no such agent. */
  agent: Agent | undefined;
  /** Undefined: none was asked, or the agent has none. */
  call: Call | undefined;
  /** Undefined: none was asked, or there is no such state. */
  auxStateName: string | undefined;
}

/** A row this transaction holds locked: its latest value (undefined: there is none), if known. */
interface HeldRow<T> { known: boolean; value: T | undefined }

/** The first reads of one transaction: empty until the claim fills them. */
export interface FirstReads {
  /** The claim statement read these (it granted a slot). */
  read(answer: FirstReadsAnswer): void;
  /** `tx` with its agent, call and operation lookups answered from the claim's reads once it made them. */
  wrap(tx: Tx): Tx;
}

export function firstReads(first: RequestScope): FirstReads {
  let held: HeldRows | undefined;
  return {
    read(answer) {
      held = holdRows(first, answer);
    },
    wrap: (tx) => withHeldRows(tx, () => held),
  };
}

function withHeldRows(tx: Tx, rows: () => HeldRows | undefined): Tx {
  const { agents, calls, operations } = tx;
  return {
    ...tx,
    agents: {
      ...agents,
      lock: (op, id) => rows()?.agentLock(op, id) ?? agents.lock(op, id),
      save(a, event) {
        rows()?.agentSaved(a);
        return agents.save(a, event);
      },
      create(a) {
        rows()?.agentGone(a.operationId, a.id);
        return agents.create(a);
      },
      remove(op, id) {
        rows()?.agentGone(op, id);
        return agents.remove(op, id);
      },
    },
    calls: {
      ...calls,
      lock: (id) => rows()?.callLock(id) ?? calls.lock(id),
      save(c) {
        rows()?.callSaved(c);
        return calls.save(c);
      },
      insert(c, processId) {
        rows()?.callGone(c.id);
        return calls.insert(c, processId);
      },
    },
    operations: {
      ...operations,
      get: (id) => rows()?.operation(id) ?? operations.get(id),
      lock(id) {
        rows()?.operationGone(id);
        return operations.lock(id);
      },
      update(op) {
        rows()?.operationGone(op.id);
        return operations.update(op);
      },
      auxStateName: (op, auxId) => rows()?.auxStateName(op, auxId) ?? operations.auxStateName(op, auxId),
    },
  };
}

type HeldRows = ReturnType<typeof holdRows>;

/** The rows one claim read; each lookup answers a promise when it is held, undefined to ask the database. */
function holdRows(first: RequestScope, answer: FirstReadsAnswer) {
  const operationId = answer.operation.id;
  const agent: HeldRow<Agent> = { known: true, value: answer.agent };
  const isAgent = (op: string, id: string) => op === operationId && id === first.agentId;
  // Asked or not, a call the claim did not return is not held: its locks go to the database.
  const call: HeldRow<Call> = { known: answer.call !== undefined, value: answer.call };
  const isCall = (id: string) => id === answer.call?.id;
  let operationKnown = true;
  return {
    agentLock: (op: string, id: string) => (agent.known && isAgent(op, id) ? Promise.resolve(agent.value) : undefined),
    agentSaved(a: Agent) {
      if (isAgent(a.operationId, a.id)) agent.value = a;
    },
    agentGone(op: string, id: string) {
      if (isAgent(op, id)) agent.known = false;
    },
    callLock: (id: string) => (call.known && isCall(id) ? Promise.resolve(call.value) : undefined),
    callSaved(c: Call) {
      if (isCall(c.id)) call.value = c;
    },
    callGone(id: string) {
      if (isCall(id)) call.known = false;
    },
    operation: (id: string) => (operationKnown && id === operationId ? Promise.resolve(answer.operation) : undefined),
    operationGone(id: string) {
      if (id === operationId) operationKnown = false;
    },
    auxStateName: (op: string, auxId: number) =>
      (op === operationId && auxId === first.auxStateId ? Promise.resolve(answer.auxStateName) : undefined),
  };
}
