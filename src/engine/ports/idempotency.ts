// The port behind Idempotency-Key.

export type IdempotencyClaim =
  | { kind: 'new' }
  | { kind: 'replay'; statusCode: number; response: string }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' };

export interface IdempotencyRepo {
  /** Claims `key` for a request; a claim older than `staleBefore` with no answer may be taken over. */
  claim(operationId: string, key: string, requestHash: string, now: number, staleBefore: number): Promise<IdempotencyClaim>;
  complete(operationId: string, key: string, statusCode: number, response: string): Promise<void>;
  release(operationId: string, key: string): Promise<void>;
  /** Deletes the keys of every operation claimed before `before`; returns how many. */
  purge(before: number): Promise<number>;
}
