// The event log as this process's readers see it, read once for all of them. Every open console
// holds a stream; were each to read and serialize the log on its own, 200 of them would cost 200
// reads per commit. The hub keeps, per operation with readers, the recent tail of its log in
// memory: a read that starts within the tail is answered from memory with the store's own filter
// (event-filter.ts) after a shared refresh (a single read of the log after the tail, begun after the
// read asked, so it sees every event committed before). A stream may take a tail up to 250 ms
// behind other processes' commits (it polls for them anyway): then only this process's commits
// since the last refresh make it wait for one. A read from before the tail (a client resuming from
// long ago, one that fell far behind) reads the store, as before. Commits are told to the listeners (the streams) once per
// turn of the event loop, and only to those they may concern: a stream narrowed to an agent hears
// of commits with that agent's events.
import type { EngineDeps } from '../deps.ts';
import type { CommittedEvents, EventQuery, StoredEvent } from '../ports/events.ts';
import { coalesce } from '../coalesce.ts';
import { eventMatches } from './event-filter.ts';

/** What a listener wants to hear of: commits to the operation's log (of one agent's events only, if given). */
export interface Interest {
  operationId: string;
  agentId?: string;
}

export interface EventFeed {
  /**
   * The events of `query`: every one this process committed before the call, and those of other
   * processes committed before it, or up to `staleMs` before it (a stream that polls anyway need
   * not cost a read of the store each time).
   */
  read(query: EventQuery, staleMs?: number): Promise<StoredEvent[]>;
  /**
   * As `read`, and how far the log was looked through: every event up to `through` that the query
   * selects is in `events` (a reader narrowed to one agent moves past the others' events). A
   * `paced` reader (a stream woken by a commit) may wait up to `pacedGapMs` for a refresh shared
   * with the other streams.
   */
  scan(query: EventQuery, staleMs?: number, paced?: boolean): Promise<{ events: StoredEvent[]; through: number }>;
  /** The operation's last seq: a stream that starts after it sees only what happens from now. */
  latest(operationId: string): Promise<number>;
  /**
   * `listener` runs soon after commits that appended events (once for those of one turn), those of
   * `interest` only if given; returns a function that unsubscribes.
   */
  subscribe(listener: () => void, interest?: Interest): () => void;
  /** The store calls this after each commit that appended events (whose, if it knows). */
  committed(committed?: CommittedEvents): void;
}

/** Events kept per operation: a few minutes of a busy floor. */
const tailSize = 10_000;
/** Events one refresh reads at a time, and how many times it may read again to catch up. */
const refreshPage = 2_000;
const refreshPages = 10;
/**
 * Refreshes asked by readers that poll anyway (streams) begin at least this far apart: under load
 * every read finds the tail dirty, and each refresh costs the store a sequencer pass (numbering the
 * new events) and a read, mostly per pass rather than per event. 500 streams read up to a hundred
 * times a second; their refreshes are ten a second, each at most this much later.
 */
const pacedGapMs = 100;
/** Sequencer passes one catch-up may run (each numbers a few thousand events). */
const maxPasses = 1_000;
/**
 * An operation nobody read for this long is forgotten (its tail freed). An open stream polls twice
 * a second, so only an operation whose readers all left gets there; a reader that comes back later
 * starts a tail of its own where it is, instead of waiting for the old one to read everything
 * committed meanwhile (measured with a minute: 500 consoles reopened after 20 s without any got
 * their first events 10 s late, and the store read the 20 s they had not asked for).
 */
const idleMs = 5_000;

interface Tail {
  /** Every event of the operation with from < seq <= to is in `events`, in order. */
  from: number;
  to: number;
  events: StoredEvent[];
  refresh: () => Promise<void>;
  readAt: number;
  /** When the last refresh began, and whether this process committed events to the log since. */
  refreshedAt: number;
  dirty: boolean;
  /** The refresh in progress, if any (begun after every commit of this process when the tail is not dirty). */
  inFlight?: Promise<void>;
  /** A refresh for readers that poll anyway: at least `pacedGapMs` after the last one began. */
  refreshPaced: () => Promise<void>;
  /** The paced refresh waiting for its time, shared by the readers that asked meanwhile. */
  paced?: Promise<void>;
}

/** The listeners of one operation: those that hear of every commit, and those narrowed to an agent. */
interface Listeners {
  all: Set<() => void>;
  byAgent: Map<string, Set<() => void>>;
}

export function createEventHub(deps: Pick<EngineDeps, 'store' | 'clock'>): EventFeed {
  const { store, clock } = deps;
  /** Listeners without an interest (every commit), and those of each operation. */
  const everything = new Set<() => void>();
  const byOperation = new Map<string, Listeners>();
  /** What commits of this turn appended, until the listeners are told (all: not known). */
  let told: 'all' | Map<string, Set<string | null>> | undefined;
  const tails = new Map<string, Tail>();
  // Numbering is global and shared: one sequencer at a time for all operations, pass after pass
  // until nothing committed is left (after a quiet spell with no reader, a pass's few thousand
  // would leave a reader's `latest` behind what committed before it asked).
  const sequenced = coalesce(async () => {
    for (let pass = 0; pass < maxPasses; pass++) {
      if (!(await store.transaction((tx) => tx.events.sequence())).more) return;
    }
  });

  const tailOf = (operationId: string, startAfter: number): Tail => {
    const found = tails.get(operationId);
    if (found) return found;
    const tail: Tail = {
      from: startAfter, to: startAfter, events: [], readAt: clock.now(), refresh: () => Promise.resolve(), refreshPaced: () => Promise.resolve(),
      refreshedAt: -Infinity, dirty: true,
    };
    const refresh = coalesce(async () => {
      // Commits from now on are not certain to be in this refresh: they make the tail dirty again.
      tail.dirty = false;
      tail.refreshedAt = clock.now();
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
    tail.refresh = () => {
      const run = refresh();
      tail.inFlight = run;
      void run.finally(() => {
        if (tail.inFlight === run) tail.inFlight = undefined;
      }).catch(() => undefined);
      return run;
    };
    tail.refreshPaced = () => {
      const wait = tail.refreshedAt + pacedGapMs - clock.now();
      if (wait <= 0) return tail.refresh();
      tail.paced ??= new Promise<void>((resolve, reject) => {
        clock.setTimer(wait, () => {
          tail.paced = undefined;
          return tail.refresh().then(resolve, reject);
        });
      });
      return tail.paced;
    };
    tails.set(operationId, tail);
    return tail;
  };

  const forgetIdle = () => {
    const now = clock.now();
    for (const [operationId, tail] of tails) if (now - tail.readAt > idleMs) tails.delete(operationId);
  };

  async function scan(query: EventQuery, staleMs = 0, paced = false): Promise<{ events: StoredEvent[]; through: number }> {
    forgetIdle();
    const tail = tailOf(query.operationId, query.afterSeq);
    tail.readAt = clock.now();
    if (query.afterSeq < tail.from) {
      // From before the tail: the store answers (and the tail stays as it is).
      await sequenced();
      const events = await store.transaction((tx) => tx.events.list(query));
      return { events, through: events[events.length - 1]?.seq ?? query.afterSeq };
    }
    if (tail.dirty || clock.now() - tail.refreshedAt >= staleMs) await (paced ? tail.refreshPaced() : tail.refresh());
    else if (tail.inFlight) await tail.inFlight;
    const found: StoredEvent[] = [];
    let i = firstAfter(tail.events, query.afterSeq);
    for (; i < tail.events.length && found.length < query.limit; i++) {
      const e = tail.events[i]!;
      if (eventMatches(query, e)) found.push(e);
    }
    // A full page was looked through up to its last event; else the whole tail was.
    const through = found.length === query.limit ? found[found.length - 1]!.seq : Math.max(query.afterSeq, tail.to);
    return { events: found, through };
  }

  return {
    async read(query, staleMs = 0) {
      return (await scan(query, staleMs)).events;
    },
    scan,
    // Numbered first, as a read is: the end of the log includes every event committed before the ask.
    async latest(operationId) {
      await sequenced();
      return store.transaction((tx) => tx.events.latestSeq(operationId));
    },
    subscribe(listener, interest) {
      if (!interest) {
        everything.add(listener);
        return () => everything.delete(listener);
      }
      const of: Listeners = byOperation.get(interest.operationId) ?? { all: new Set(), byAgent: new Map() };
      byOperation.set(interest.operationId, of);
      const set: Set<() => void> = interest.agentId === undefined ? of.all : of.byAgent.get(interest.agentId) ?? new Set();
      if (interest.agentId !== undefined) of.byAgent.set(interest.agentId, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        if (interest.agentId !== undefined && set.size === 0) of.byAgent.delete(interest.agentId);
        if (of.all.size === 0 && of.byAgent.size === 0) byOperation.delete(interest.operationId);
      };
    },
    // Under load one turn of the event loop ends many transactions: the listeners hear once per
    // turn, not once per commit (500 streams × 1,000 commits a second would be half a million calls
    // a second), and a stream narrowed to an agent only when that agent's events were appended.
    committed(committed) {
      for (const [operationId, tail] of tails) if (!committed || committed.has(operationId)) tail.dirty = true;
      if (told === undefined) setImmediate(tell);
      if (!committed || told === 'all') {
        told = 'all';
        return;
      }
      told ??= new Map();
      for (const [operationId, agents] of committed) {
        const seen = told.get(operationId) ?? new Set<string | null>();
        told.set(operationId, seen);
        for (const a of agents) seen.add(a);
      }
    },
  };

  function tell() {
    const what = told;
    told = undefined;
    const hear = new Set(everything);
    for (const [operationId, of] of byOperation) {
      const agents = what === 'all' ? undefined : what?.get(operationId);
      if (what !== 'all' && !agents) continue;
      for (const l of of.all) hear.add(l);
      if (!agents) for (const set of of.byAgent.values()) for (const l of set) hear.add(l);
      else for (const a of agents) if (a !== null) for (const l of of.byAgent.get(a) ?? []) hear.add(l);
    }
    for (const l of hear) l();
  }
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
