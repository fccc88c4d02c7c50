// Who may hold a live event stream, and until when. A token may hold a bounded number of streams in
// this process (each holds a connection and wakes on every commit: without a bound one token could
// exhaust the server). A stream ends when its token is revoked: at once when this process revoked
// it, and within `recheckMs` when another process did (the store is asked on the engine's clock).
import { fail } from '../../domain/errors.ts';
import type { Caller } from '../access.ts';
import type { EngineDeps } from '../deps.ts';
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
  /** How often a stream asks whether its token is still live (revocations by other processes). */
  recheckMs: number;
}

export const defaultStreamLimits: StreamLimits = { perToken: 10, recheckMs: 5_000 };

/**
 * `sessionLive` answers for a caller signed in to the console (its session may end or go idle);
 * a token's caller is live until the token is revoked.
 */
export function createStreamAdmission(deps: Pick<EngineDeps, 'store' | 'clock'>, feed: EventFeed, sessionLive: (caller: Caller) => Promise<boolean>, limits: StreamLimits = defaultStreamLimits): StreamAdmission {
  const { clock, store } = deps;
  /** The end of each open stream, by token. */
  const open = new Map<string, Set<() => void>>();

  /** Ends the stream when its token is revoked, here or elsewhere; returns the unsubscribe. */
  const watch = (caller: Caller) => (end: () => void) => {
    const ends = open.get(caller.tokenId) ?? new Set<() => void>();
    open.set(caller.tokenId, ends);
    ends.add(end);
    let timer = clock.setTimer(limits.recheckMs, recheck);
    async function recheck() {
      const live = caller.session !== undefined
        ? await sessionLive(caller)
        : await store.transaction((tx) => tx.tokens.isLive(caller.operationId, caller.tokenId));
      if (!ends.has(end)) return;
      if (live) timer = clock.setTimer(limits.recheckMs, recheck);
      else end();
    }
    return () => {
      clock.clearTimer(timer);
      ends.delete(end);
      if (ends.size === 0) open.delete(caller.tokenId);
    };
  };

  return {
    stream(caller, query, sink) {
      const held = open.get(caller.tokenId)?.size ?? 0;
      if (held >= limits.perToken) return Promise.reject(fail.tooManyStreams(caller.tokenId, limits.perToken));
      return streamEvents(feed, clock, query, sink, watch(caller));
    },
    revoked(tokenId) {
      for (const end of [...(open.get(tokenId) ?? [])]) end();
    },
  };
}
