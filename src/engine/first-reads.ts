// The first reads of a request's work, made by the gate's statement that claims the token slot (see
// TokenRepo.claim) and handed to the work: its first `agents.lock` of that agent, its first
// `calls.lock` of that call and its reads of that auxiliary state's name are answered from the
// claim instead of a round trip each. A lock is served only as the first call of its repository:
// any other method of it first (a save, another lock) sends every later lock to the store, as the
// row may have changed since. The aux state's name is as the claim statement read it, before it
// waited for the agent's lock (a rename committed during that wait shows in the next request).
import type { Agent } from '../domain/agent.ts';
import type { Call } from '../domain/call.ts';
import type { FirstReads, Tx } from './ports/store.ts';

export interface FirstReadsAnswer {
  agent: Agent | undefined;
  call: Call | undefined;
  auxStateName: string | undefined;
}

/** `repo` with `lock` answered by `served` once, if it is the first method called and `served` wants it. */
function lockServedOnce<R extends { lock(...args: never[]): Promise<unknown> }>(repo: R, served: (...args: Parameters<R['lock']>) => boolean, answer: unknown): R {
  let pending = true;
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repo) as [string, (...args: unknown[]) => unknown][]) {
    wrapped[name] = (...args: unknown[]) => {
      const serve = pending && name === 'lock' && served(...(args as Parameters<R['lock']>));
      pending = false;
      return serve ? Promise.resolve(answer) : method(...args);
    };
  }
  return wrapped as R;
}

export function withFirstReads(tx: Tx, operationId: string, first: FirstReads, answer: FirstReadsAnswer): Tx {
  const { operations } = tx;
  return {
    ...tx,
    agents: lockServedOnce(tx.agents, (op, id) => op === operationId && id === first.agentId, answer.agent),
    calls: answer.call === undefined ? tx.calls : lockServedOnce(tx.calls, (id) => id === answer.call?.id, answer.call),
    operations: {
      ...operations,
      auxStateName(op, auxId) {
        const served = op === operationId && auxId === first.auxStateId;
        return served ? Promise.resolve(answer.auxStateName) : operations.auxStateName(op, auxId);
      },
    },
  };
}
