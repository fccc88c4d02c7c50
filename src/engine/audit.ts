// The audit log's entries, written by the engine for every administrative change of both faces
// (engine.ts wraps those use cases): who, from where, through which face, what, on what. In the
// change's own transaction: a change that rolls back leaves no entry.
import type { Work } from './access.ts';

/** `work`, then its entry: `action` on `target` (text, or made from the work's result). */
export function audited<T>(action: string, target: string | ((result: T) => string), work: Work<T>): Work<T> {
  return async (tx, ctx) => {
    const result = await work(tx, ctx);
    await tx.audit.append({ operationId: ctx.operationId, at: ctx.now, actor: ctx.actor, action, target: typeof target === 'string' ? target : target(result) });
    return result;
  };
}
