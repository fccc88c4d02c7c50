// Do-not-call lists.

export interface DncEntry {
  phone: string;
  reason: string;
  createdAt: number;
  expiresAt: number | null;
}

export interface DncRepo {
  /** Adds or renews numbers; returns how many were new. */
  add(operationId: string, entries: { phone: string; reason: string; expiresAt: number | null }[], now: number): Promise<number>;
  remove(operationId: string, phone: string): Promise<boolean>;
  /** Removes those of `phones` on the list; how many. */
  removeMany(operationId: string, phones: readonly string[]): Promise<number>;
  /** Empties the list; how many numbers were on it. */
  removeAll(operationId: string): Promise<number>;
  /** The numbers of `phones` that are blocked at `now`. */
  blocked(operationId: string, phones: readonly string[], now: number): Promise<Set<string>>;
  list(operationId: string, cursor: string | undefined, limit: number, now: number): Promise<{ items: DncEntry[]; nextCursor: string | null }>;
}
