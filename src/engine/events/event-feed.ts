// Reading the event log: number what is safe to number, then read after a cursor. Listeners hear
// when this process commits new events, so streams wake at once instead of at their next poll.
// Reads of this process share the numbering: one sequencer pass at a time, each read waiting for
// one that began after it was asked (so it sees every event committed before it), however many
// streams are open.
import type { EngineDeps } from '../deps.ts';
import type { EventQuery, StoredEvent } from '../ports/events.ts';
import { coalesce } from './coalesce.ts';

export interface EventFeed {
  read(query: EventQuery): Promise<StoredEvent[]>;
  /** The operation's last seq: a stream that starts after it sees only what happens from now. */
  latest(operationId: string): Promise<number>;
  /** Called after a commit that appended events; returns a function that unsubscribes. */
  subscribe(listener: () => void): () => void;
  /** The store calls this after each commit that appended events. */
  committed(): void;
}

export function createEventFeed(deps: Pick<EngineDeps, 'store'>): EventFeed {
  const listeners = new Set<() => void>();
  const sequenced = coalesce(() => deps.store.transaction(async (tx) => {
    await tx.events.sequence();
  }));
  return {
    async read(query) {
      await sequenced();
      return deps.store.transaction((tx) => tx.events.list(query));
    },
    // Numbered first, as a read is: the end of the log includes every event committed before the ask.
    async latest(operationId) {
      await sequenced();
      return deps.store.transaction((tx) => tx.events.latestSeq(operationId));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    committed() {
      for (const l of listeners) l();
    },
  };
}
