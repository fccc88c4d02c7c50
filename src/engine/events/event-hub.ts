// The event log as this process's readers see it, read once for all of them. Every open console
// holds a stream; were each to read and serialize the log on its own, 200 of them would cost 200
// reads per commit. The hub keeps, per operation with readers, the recent tail of its log in
// memory: a read that starts within the tail waits for one shared refresh (a single read of the log
// after the tail, begun after it asked, so it sees every event committed before it) and is then
// answered from memory with the store's own filter (event-filter.ts). A read from before the tail
// (a client resuming from long ago, one that fell far behind) reads the store, as before.
import type { EngineDeps } from '../deps.ts';
import type { EventQuery, StoredEvent } from '../ports/events.ts';
import { coalesce } from './coalesce.ts';
import { eventMatches } from './event-filter.ts';

export interface EventFeed {
  read(query: EventQuery): Promise<StoredEvent[]>;
  /** The operation's last seq: a stream that starts after it sees only what happens from now. */
  latest(operationId: string): Promise<number>;
  /** Called soon after commits that appended events (once for those of one turn); returns a function that unsubscribes. */
  subscribe(listener: () => void): () => void;
  /** The store calls this after each commit that appended events. */
  committed(): void;
}

/** Events kept per operation: a few minutes of a busy floor. */
const tailSize = 10_000;
/** Events one refresh reads at a time, and how many times it may read again to catch up. */
const refreshPage = 2_000;
const refreshPages = 10;
/** An operation nobody read for this long is forgotten (its tail freed). */
const idleMs = 60_000;

interface Tail {
  /** Every event of the operation with from < seq <= to is in `events`, in order. */
  from: number;
  to: number;
  events: StoredEvent[];
  refresh: () => Promise<void>;
  readAt: number;
}

export function createEventHub(deps: Pick<EngineDeps, 'store' | 'clock'>): EventFeed {
  const { store, clock } = deps;
  const listeners = new Set<() => void>();
  let telling = false;
  const tails = new Map<string, Tail>();
  // Numbering is global and shared: one sequencer pass at a time for all operations.
  const sequenced = coalesce(() => store.transaction(async (tx) => {
    await tx.events.sequence();
  }));

  const tailOf = (operationId: string, startAfter: number): Tail => {
    const found = tails.get(operationId);
    if (found) return found;
    const tail: Tail = { from: startAfter, to: startAfter, events: [], readAt: clock.now(), refresh: () => Promise.resolve() };
    tail.refresh = coalesce(async () => {
      await sequenced();
      for (let page = 0; page < refreshPages; page++) {
        const events = await store.transaction((tx) => tx.events.list({ operationId, afterSeq: tail.to, limit: refreshPage }));
        const last = events[events.length - 1];
        if (!last) break;
        tail.events.push(...events);
        tail.to = last.seq;
        if (events.length < refreshPage) break;
      }
      if (tail.events.length > tailSize) {
        const dropped = tail.events.splice(0, tail.events.length - tailSize);
        tail.from = dropped[dropped.length - 1]?.seq ?? tail.from;
      }
    });
    tails.set(operationId, tail);
    return tail;
  };

  const forgetIdle = () => {
    const now = clock.now();
    for (const [operationId, tail] of tails) if (now - tail.readAt > idleMs) tails.delete(operationId);
  };

  return {
    async read(query) {
      forgetIdle();
      const tail = tailOf(query.operationId, query.afterSeq);
      tail.readAt = clock.now();
      if (query.afterSeq < tail.from) {
        // From before the tail: the store answers (and the tail stays as it is).
        await sequenced();
        return store.transaction((tx) => tx.events.list(query));
      }
      await tail.refresh();
      const found: StoredEvent[] = [];
      for (let i = firstAfter(tail.events, query.afterSeq); i < tail.events.length && found.length < query.limit; i++) {
        const e = tail.events[i]!;
        if (eventMatches(query, e)) found.push(e);
      }
      return found;
    },
    // Numbered first, as a read is: the end of the log includes every event committed before the ask.
    async latest(operationId) {
      await sequenced();
      return store.transaction((tx) => tx.events.latestSeq(operationId));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // Under load one turn of the event loop ends many transactions: the listeners (every open
    // stream) hear once per turn, not once per commit (500 streams × 1,000 commits a second would
    // be half a million calls a second).
    committed() {
      if (telling) return;
      telling = true;
      setImmediate(() => {
        telling = false;
        for (const l of listeners) l();
      });
    },
  };
}

/** The index of the first event after `seq` (events are in seq order). */
function firstAfter(events: readonly StoredEvent[], seq: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
