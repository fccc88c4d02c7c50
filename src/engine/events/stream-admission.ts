// Who may hold a live event stream, and until when. A token may hold a bounded number of streams in
// this process (each holds a connection and wakes on every commit: without a bound one token could
// exhaust the server). A stream ends when its token is revoked: at once when this process revoked
// it, and within `recheckMs` when another process did (the store is asked on the engine's clock,
// about every open stream's token at once).
import { fail } from '../../domain/errors.ts';
import type { Caller } from '../access.ts';
import type { EngineDeps } from '../deps.ts';
import type { TimerHandle } from '../ports/clock.ts';
import type { EventQuery } from '../ports/events.ts';
import type { EventFeed } from './event-hub.ts';
import { streamEvents, type StreamEnd, type StreamSink } from './stream.ts';

export interface StreamAdmission {
  /** Streams to `sink` unless the caller's token holds the most streams it may (then a 429, before `sink` opens). */
  stream(caller: Caller, query: Omit<EventQuery, 'limit'>, sink: StreamSink): Promise<StreamEnd>;
  /** A token was revoked (or a user's sessions ended: `user:<id>`) by this process: its streams end now. */
  revoked(tokenId: string): void;
}

export interface StreamLimits {
  /** Streams one token may hold open at once in this process. */
  perToken: number;
  /** How often the streams ask whether their tokens are still live (revocations by other processes). */
  recheckMs: number;
}

export const defaultStreamLimits: StreamLimits = { perToken: 10, recheckMs: 5_000 };

/** The open streams of one token (or console session) in this process, and who they are. */
interface Holder {
  caller: Caller;
  ends: Set<() => void>;
}

/** Token ids asked about in one statement. */
const liveBatch = 1000;

/**
 * `sessionsLive` answers for callers signed in to the console (a session may end or go idle): the
 * hashes of those live; a token's caller is live until the token is revoked. One timer rechecks
 * every open stream together: 500 consoles cost a read or two every `recheckMs`, not 500.
 */
export function createStreamAdmission(deps: Pick<EngineDeps, 'store' | 'clock'>, feed: EventFeed, sessionsLive: (hashes: readonly string[]) => Promise<Set<string>>, limits: StreamLimits = defaultStreamLimits): StreamAdmission {
  const { clock, store } = deps;
  const holders = new Map<string, Holder>();
  let timer: TimerHandle | undefined;

  const endAll = (holder: Holder) => {
    for (const end of [...holder.ends]) end();
  };

  const recheck = async () => {
    timer = undefined;
    try {
      const all = [...holders.values()];
      const byToken = all.filter((h) => h.caller.session === undefined);
      const bySession = all.filter((h) => h.caller.session !== undefined);
      for (let i = 0; i < byToken.length; i += liveBatch) {
        const batch = byToken.slice(i, i + liveBatch);
        const live = await store.transaction((tx) => tx.tokens.liveAmong(batch.map((h) => h.caller.tokenId)));
        for (const h of batch) if (!live.has(h.caller.tokenId)) endAll(h);
      }
      for (let i = 0; i < bySession.length; i += liveBatch) {
        const batch = bySession.slice(i, i + liveBatch);
        const live = await sessionsLive(batch.map((h) => h.caller.session!.hash));
        for (const h of batch) if (!live.has(h.caller.session!.hash)) endAll(h);
      }
    } finally {
      if (holders.size > 0 && timer === undefined) timer = clock.setTimer(limits.recheckMs, recheck);
    }
  };

  /** Ends the stream when its token is revoked, here or elsewhere; returns the unsubscribe. */
  const watch = (caller: Caller) => (end: () => void) => {
    const holder = holders.get(caller.tokenId) ?? { caller, ends: new Set<() => void>() };
    holders.set(caller.tokenId, holder);
    holder.ends.add(end);
    timer ??= clock.setTimer(limits.recheckMs, recheck);
    return () => {
      holder.ends.delete(end);
      if (holder.ends.size === 0 && holders.get(caller.tokenId) === holder) holders.delete(caller.tokenId);
      if (holders.size === 0 && timer !== undefined) {
        clock.clearTimer(timer);
        timer = undefined;
      }
    };
  };

  return {
    stream(caller, query, sink) {
      const held = holders.get(caller.tokenId)?.ends.size ?? 0;
      if (held >= limits.perToken) return Promise.reject(fail.tooManyStreams(caller.tokenId, limits.perToken));
      return streamEvents(feed, clock, query, sink, watch(caller));
    },
    revoked(tokenId) {
      const holder = holders.get(tokenId);
      if (holder) endAll(holder);
    },
  };
}
