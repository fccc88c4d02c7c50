// The live event stream (server-sent events): what a client watching the event log is sent, and
// when. It owns the loop: resume after a cursor, read in pages, wake on this process's commits and
// poll for other processes' ones, keep a quiet connection alive, stop reading for a client that
// does not read, and end cleanly however it ends. It runs on the engine's clock, so a test drives
// fifteen seconds of silence in an instant; the HTTP adapter only hands it a sink over the response.
import type { Clock, TimerHandle } from '../ports/clock.ts';
import type { EventQuery, StoredEvent } from '../ports/events.ts';
import type { EventFeed } from './event-hub.ts';
import { wireEvent } from './wire-event.ts';

/** The response a stream writes to, as the HTTP adapter presents it. */
export interface StreamSink {
  /** Starts the response (status, headers, an opening comment): the stream was admitted. */
  open(): void;
  /** Sends `chunk`; false when the client's buffer is past its high-water mark (wait for a drain). */
  write(chunk: string): boolean;
  /** Finishes the response: what was written still reaches the client. */
  end(): void;
  /** Cuts the connection at once, discarding what the client has not read. */
  drop(): void;
  /** `listener` runs when a buffer that was past its high-water mark has drained. */
  onDrain(listener: () => void): void;
  /** `listener` runs once the client has gone away. */
  onClose(listener: () => void): void;
}

/**
 * How a stream ended: the client went away, it was dropped for not reading, its token was revoked,
 * or a read failed.
 */
export type StreamEnd = { reason: 'closed' } | { reason: 'dropped' } | { reason: 'revoked' } | { reason: 'failed'; error: unknown };

/** Ends a stream from outside (its token was revoked): `subscribe(end)` returns the unsubscribe. */
export type EndSignal = (end: () => void) => () => void;

// A full page means more events are waiting: the next read waits only for the read gap, not for a
// commit or a poll.
const pageSize = 500;
// Events committed by other processes are seen at the next poll; this process's commits wake the
// stream at once.
const pollMs = 500;
// A poll may be answered from the process's tail of the log when it was refreshed this recently
// (event-hub.ts): 500 streams polling cost a few reads of the store a second, not a thousand.
const staleMs = 250;
// Under load a commit wakes the stream after every read: reads are at least this far apart, so
// each carries the events of that time instead of one read per commit. A socket write costs far
// more than the bytes it carries (measured: 500 open streams, each write on loopback about a
// quarter of a millisecond of this process's time), so under a flood a stream writes five times a
// second; after a quiet spell the first event goes at once.
const readGapMs = 200;
// A stream with nothing to send writes a comment after this long without a write, so that
// proxies keep it open.
const keepAliveMs = 15_000;
// A client that stops reading would make its response buffer grow without bound. Past the
// high-water mark the stream neither reads nor writes until the client drains (so the buffer
// holds at most one page beyond the mark), and a client that has not drained within this is
// dropped. Two keep-alive periods is long for a client that reads at all (a page drains in well
// under a second), and dropping loses nothing: the client reconnects after its Last-Event-ID.
const slowClientMs = 30_000;

/**
 * One SSE frame per event; the id is the seq a reconnecting client sends back as Last-Event-ID.
 * The streams of a process share the events they read (event-hub.ts): each is serialized once.
 */
const frames = new WeakMap<StoredEvent, string>();
function frame(e: StoredEvent): string {
  let text = frames.get(e);
  if (text === undefined) {
    text = `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(wireEvent(e))}\n\n`;
    frames.set(e, text);
  }
  return text;
}

/**
 * Opens `sink` and streams the events of `query` after `query.afterSeq` to it until the client goes
 * away, is dropped, `endSignal` fires or a read fails; unsubscribes and ends (or drops) the sink in
 * every case. Never rejects.
 */
export async function streamEvents(feed: Pick<EventFeed, 'scan' | 'subscribe'>, clock: Clock, query: Omit<EventQuery, 'limit'>, sink: StreamSink, endSignal?: EndSignal): Promise<StreamEnd> {
  sink.open();
  let open = true;
  let revoked = false;
  let drained = true;
  // A commit heard during a read may not be in it: the next read does not wait for another.
  let committedSinceRead = false;
  const pause = pauses(clock);
  // Woken by commits that may concern it (the agent's events only, for a stream narrowed to one).
  const unsubscribe = feed.subscribe(() => {
    committedSinceRead = true;
    pause.recheck();
  }, { operationId: query.operationId, ...(query.agentId === undefined ? {} : { agentId: query.agentId }) });
  sink.onClose(() => {
    open = false;
    pause.recheck();
  });
  sink.onDrain(() => {
    drained = true;
    pause.recheck();
  });
  const unwatch = endSignal?.(() => {
    revoked = true;
    open = false;
    pause.recheck();
  });

  let cursor = query.afterSeq;
  let readAt = -Infinity;
  let wroteAt = clock.now();
  const write = (chunk: string) => {
    drained = sink.write(chunk);
    wroteAt = clock.now();
  };

  const loop = async (): Promise<StreamEnd> => {
    while (open) {
      await pause.for(readAt + readGapMs - clock.now(), () => !open);
      if (!open) break;
      const first = readAt === -Infinity;
      readAt = clock.now();
      committedSinceRead = false;
      // The first read goes at once; later ones share the hub's paced refreshes.
      const { events, through } = await feed.scan({ ...query, afterSeq: cursor, limit: pageSize }, staleMs, !first);
      if (!open) break;
      // Past what was looked through, not only what was sent: a stream narrowed to one agent does
      // not look through the other agents' events again at its next read.
      cursor = through;
      if (events.length > 0) {
        // One write for what one read found (a socket write costs more than the text it sends).
        write(events.map(frame).join(''));
      } else if (clock.now() - wroteAt >= keepAliveMs) {
        write(': keep-alive\n\n');
      }
      if (!drained) {
        await pause.for(slowClientMs, () => !open || drained);
        if (!open) break;
        if (!drained) return { reason: 'dropped' };
      }
      if (events.length < pageSize) await pause.for(pollMs, () => !open || committedSinceRead);
    }
    return revoked ? { reason: 'revoked' } : { reason: 'closed' };
  };

  let end: StreamEnd;
  try {
    end = await loop();
  } catch (error) {
    end = { reason: 'failed', error };
  } finally {
    unsubscribe();
    unwatch?.();
    pause.stop();
  }
  if (end.reason === 'dropped') sink.drop();
  else sink.end();
  return end;
}

/**
 * The loop's waits, one at a time: a wait ends at its timer, or when a signal (commit, close,
 * drain) finds its condition true. A timer that ends a wait returns a promise of the loop's next
 * wait (or its end), so a virtual clock's advance runs the read and write the timer led to.
 */
function pauses(clock: Clock) {
  let current: { until: () => boolean; wake: () => void } | undefined;
  let onParked: (() => void)[] = [];
  let ended = false;
  const parked = () => {
    const waiting = onParked;
    onParked = [];
    for (const resolve of waiting) resolve();
  };
  return {
    for(ms: number, until: () => boolean): Promise<void> {
      if (ms <= 0 || until()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer: TimerHandle = clock.setTimer(ms, () => {
          const next = ended ? Promise.resolve() : new Promise<void>((r) => onParked.push(r));
          wake();
          return next;
        });
        const wake = () => {
          clock.clearTimer(timer);
          current = undefined;
          resolve();
        };
        current = { until, wake };
        parked();
      });
    },
    recheck() {
      if (current?.until()) current.wake();
    },
    /** The loop has ended (it never ends inside a wait): nothing waits for its next wait. */
    stop() {
      ended = true;
      parked();
    },
  };
}
