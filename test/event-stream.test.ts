// The live event stream's loop on a virtual clock, over an in-memory feed and sink: what it writes,
// when it reads, keep-alive, back-pressure and how it ends. No database, no socket, no waiting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { streamEvents, type StreamEnd, type StreamSink } from '../src/engine/events/stream.ts';
import type { EventQuery, StoredEvent } from '../src/engine/ports/events.ts';
import { virtualClock, type VirtualClock } from '../src/engine/virtual-clock.ts';

const START = Date.parse('2026-03-02T15:00:00Z');

/** Lets promise callbacks run (the loop's steps after a signal that is not a timer). */
const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * An event log in memory. A read takes what is committed when it begins; `holdReads` keeps reads
 * in flight until the test releases them, so a commit can land during one.
 */
function memoryFeed(clock: VirtualClock) {
  const log: StoredEvent[] = [];
  const listeners = new Set<() => void>();
  const reads: { at: number; afterSeq: number; found: number }[] = [];
  const held: (() => void)[] = [];
  let holding = false;
  let failing: Error | undefined;
  return {
    reads, listeners,
    append(count: number, agentId = '1001') {
      for (let i = 0; i < count; i++) {
        const seq = log.length + 1;
        log.push({ seq, operationId: '0001', at: START, type: 'agent.state', agentId, campaignId: null, callId: null, data: { n: seq } });
      }
    },
    /** What the event feed does after this process commits events. */
    commit() {
      for (const l of listeners) l();
    },
    holdReads() {
      holding = true;
    },
    release() {
      holding = false;
      for (const r of held.splice(0)) r();
    },
    failReads(error: Error) {
      failing = error;
    },
    async scan(query: EventQuery): Promise<{ events: StoredEvent[]; through: number }> {
      const found = log.filter((e) => e.seq > query.afterSeq && (query.agentId === undefined || e.agentId === query.agentId)).slice(0, query.limit);
      reads.push({ at: clock.now() - START, afterSeq: query.afterSeq, found: found.length });
      const end = log.length;
      if (holding) await new Promise<void>((resolve) => held.push(resolve));
      if (failing) throw failing;
      return { events: found, through: found.length === query.limit ? found[found.length - 1]!.seq : Math.max(query.afterSeq, end) };
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A response: records what is written; `full` makes writes answer false until `drain()`. */
function memorySink(clock: VirtualClock) {
  const drains: (() => void)[] = [];
  const closes: (() => void)[] = [];
  const state = { writes: [] as { at: number; chunk: string }[], full: false, ended: false, dropped: false };
  const sink: StreamSink = {
    open: () => undefined,
    write(chunk) {
      state.writes.push({ at: clock.now() - START, chunk });
      return !state.full;
    },
    end: () => { state.ended = true; },
    drop: () => { state.dropped = true; },
    onDrain: (listener) => drains.push(listener),
    onClose: (listener) => closes.push(listener),
  };
  return Object.assign(state, {
    sink,
    drain() {
      state.full = false;
      for (const l of drains) l();
    },
    close() {
      for (const l of closes) l();
    },
  });
}

/** Opens a stream after `afterSeq` over a log of `events`, and lets its first read begin. */
async function open(options: { afterSeq?: number; events?: number; holdReads?: boolean; full?: boolean; agentId?: string } = {}) {
  let endFromOutside: (() => void) | undefined;
  let watching = false;
  const clock = virtualClock(START);
  const feed = memoryFeed(clock);
  const sink = memorySink(clock);
  feed.append(options.events ?? 0);
  if (options.holdReads) feed.holdReads();
  sink.full = options.full ?? false;
  let ended: StreamEnd | undefined;
  // It never rejects; how it ended is checked through `ended`, so a loop that fails to end fails a test instead of hanging it.
  const endSignal = (end: () => void) => {
    endFromOutside = end;
    watching = true;
    return () => { watching = false; };
  };
  const query = { operationId: '0001', afterSeq: options.afterSeq ?? 0, ...(options.agentId ? { agentId: options.agentId } : {}) };
  void streamEvents(feed, clock, query, sink.sink, endSignal).then((end) => (ended = end));
  await tick();
  return { clock, feed, sink, ended: () => ended, revoke: () => endFromOutside?.(), watching: () => watching };
}

/** Asserts the stream ended as `reason`, let go of the feed, and left no timer behind. */
function assertEnded(s: Awaited<ReturnType<typeof open>>, reason: StreamEnd['reason']) {
  assert.equal(s.ended()?.reason, reason);
  assert.equal(s.feed.listeners.size, 0, 'unsubscribed');
  assert.equal(s.clock.pending(), 0, 'no timer left');
}

/** The client goes away: the stream ends at once, without the clock moving. */
async function closeStream(s: Awaited<ReturnType<typeof open>>) {
  s.sink.close();
  await tick();
  assertEnded(s, 'closed');
}

// A loop that stops waking leaves a virtual clock's advance waiting for it: fail the test, not hang the suite.
const bounded = { timeout: 5_000 };

const frame = (seq: number) => `id: ${seq}\nevent: agent.state\ndata: {"seq":${seq},"at":"2026-03-02T15:00:00.000Z","type":"agent.state","agent_id":"1001","campaign_id":null,"call_id":null,"data":{"n":${seq}}}\n\n`;

test('the events after the cursor go out in one write, as SSE frames whose id is the seq', bounded, async () => {
  const s = await open({ afterSeq: 1, events: 3 });
  assert.deepEqual(s.sink.writes.map((w) => w.chunk), [frame(2) + frame(3)]);
  s.feed.append(1);
  s.feed.commit();
  await tick();
  await s.clock.advance(200);
  assert.deepEqual(s.feed.reads.map((r) => r.afterSeq), [1, 3], 'the next read resumes after the last event sent');
  assert.deepEqual(s.sink.writes.map((w) => w.chunk), [frame(2) + frame(3), frame(4)]);
  await closeStream(s);
});

test('a quiet stream writes a keep-alive after 15 s without a write, and not before', bounded, async () => {
  const s = await open();
  await s.clock.advance(14_999);
  assert.equal(s.sink.writes.length, 0);
  await s.clock.advance(1);
  assert.deepEqual(s.sink.writes, [{ at: 15_000, chunk: ': keep-alive\n\n' }]);
  // Counted from the last write, an event as much as a keep-alive.
  await s.clock.advance(5_000);
  s.feed.append(1);
  s.feed.commit();
  await tick();
  await s.clock.advance(200);
  await s.clock.advance(14_999);
  assert.deepEqual(s.sink.writes.map((w) => w.at), [15_000, 20_200]);
  await s.clock.advance(1);
  assert.deepEqual(s.sink.writes.map((w) => [w.at, w.chunk]).at(-1), [35_200, ': keep-alive\n\n']);
  await closeStream(s);
});

test('commits that bring nothing for this stream do not put off its keep-alive', bounded, async () => {
  // Another agent's events wake the stream every 40 ms; each read finds nothing for its filter.
  const s = await open();
  for (let t = 0; t < 15_000; t += 40) {
    s.feed.commit();
    await tick();
    await s.clock.advance(40);
  }
  assert.ok(s.feed.reads.length > 60, 'the commits kept the stream reading');
  assert.deepEqual(s.sink.writes, [{ at: 15_000, chunk: ': keep-alive\n\n' }]);
  await closeStream(s);
});

test('a commit heard while a read is in flight makes the loop read again without waiting for the poll', bounded, async () => {
  const s = await open({ holdReads: true });
  assert.equal(s.feed.reads.length, 1, 'the first read is in flight');
  s.feed.append(1);
  s.feed.commit();
  s.feed.release();
  await tick();
  // The read found nothing (the event committed after it began); the next is 200 ms after it, not 500.
  await s.clock.advance(200);
  assert.deepEqual(s.feed.reads.map((r) => [r.at, r.found]), [[0, 0], [200, 1]]);
  assert.deepEqual(s.sink.writes.map((w) => w.chunk), [frame(1)]);
  await closeStream(s);
});

test('under a stream of commits, reads are at least 200 ms apart and carry what came between', bounded, async () => {
  const s = await open();
  for (let t = 0; t < 1000; t += 10) {
    s.feed.append(1);
    s.feed.commit();
    await tick();
    await s.clock.advance(10);
  }
  const at = s.feed.reads.map((r) => r.at);
  assert.deepEqual(at, Array.from({ length: 6 }, (_, i) => i * 200), 'a read every 200 ms, not one per commit');
  assert.deepEqual(s.sink.writes.map((w) => w.chunk.split('id: ').length - 1), Array.from({ length: 5 }, () => 20), 'each write carries the twenty events of its 200 ms');
  await closeStream(s);
});

test('a full page of 500 is followed by the next read at once, with no commit and before the poll', bounded, async () => {
  const s = await open({ events: 1200 });
  await s.clock.advance(400);
  assert.deepEqual(s.feed.reads.map((r) => [r.at, r.afterSeq, r.found]), [[0, 0, 500], [200, 500, 500], [400, 1000, 200]]);
  assert.deepEqual(s.sink.writes.map((w) => w.chunk.split('id: ').length - 1), [500, 500, 200], 'one write per read');
  await s.clock.advance(499);
  assert.equal(s.feed.reads.length, 3, 'a short page waits for the poll');
  await s.clock.advance(1);
  assert.equal(s.feed.reads.length, 4);
  await closeStream(s);
});

test('a client that closes ends the loop at once: unsubscribed, ended, no timer left', bounded, async () => {
  const s = await open();
  assert.equal(s.feed.listeners.size, 1);
  await closeStream(s);
  assert.ok(s.sink.ended && !s.sink.dropped);
});

test('a client that closes during a read is not written to; the stream ends when the read returns', bounded, async () => {
  const s = await open({ events: 2, holdReads: true });
  s.sink.close();
  s.feed.release();
  await tick();
  assertEnded(s, 'closed');
  assert.equal(s.sink.writes.length, 0);
});

test('a client that does not drain is not read for nor written to, and is dropped after 30 s', bounded, async () => {
  const s = await open({ events: 1, full: true });
  assert.equal(s.sink.writes.length, 1);
  for (let t = 0; t < 29_999; t += 1000) {
    s.feed.append(1);
    s.feed.commit();
    await tick();
    await s.clock.advance(Math.min(1000, 29_999 - t));
  }
  assert.equal(s.feed.reads.length, 1, 'no read while the client has not drained');
  assert.equal(s.sink.writes.length, 1, 'no event and no keep-alive while the client has not drained');
  assert.equal(s.ended(), undefined);
  await s.clock.advance(1);
  await tick();
  assertEnded(s, 'dropped');
  assert.ok(s.sink.dropped && !s.sink.ended, 'dropped, not ended: what it did not read is discarded');
});

test('a client that drains in time goes on receiving what came meanwhile', bounded, async () => {
  const s = await open({ events: 1, full: true });
  s.feed.append(2);
  s.feed.commit();
  await s.clock.advance(20_000);
  s.sink.drain();
  await tick();
  assert.deepEqual(s.sink.writes.map((w) => [w.at, w.chunk]), [[0, frame(1)], [20_000, frame(2) + frame(3)]]);
  await s.clock.advance(30_000);
  assert.equal(s.ended(), undefined, 'not dropped');
  await closeStream(s);
});

test('a read that fails ends the stream cleanly, with the error', bounded, async () => {
  const s = await open({ events: 1 });
  const error = new Error('connection lost');
  s.feed.failReads(error);
  s.feed.commit();
  await tick();
  await s.clock.advance(200);
  await tick();
  assertEnded(s, 'failed');
  assert.equal((s.ended() as { error: unknown }).error, error);
  assert.ok(s.sink.ended && !s.sink.dropped);
  assert.equal(s.sink.writes.length, 1);
});

test('an end from outside (its token revoked) ends the stream at once, waiting or reading', bounded, async () => {
  const s = await open({ events: 1 });
  assert.equal(s.watching(), true);
  s.revoke();
  await tick();
  assertEnded(s, 'revoked');
  assert.ok(s.sink.ended && !s.sink.dropped);
  assert.equal(s.watching(), false, 'it stops listening for the end');
  assert.equal(s.clock.pending(), 0);
});

test('a stream narrowed to an agent reads on from where it looked, past the other agents\' events', bounded, async () => {
  const s = await open({ agentId: '1002' });
  s.feed.append(30, '1001');
  s.feed.append(1, '1002');
  s.feed.commit();
  await tick();
  await s.clock.advance(200);
  assert.equal(s.sink.writes.length, 1, 'the one event of agent 1002');
  assert.match(s.sink.writes[0]?.chunk ?? '', /^id: 31\n/);
  s.feed.append(5, '1001');
  s.feed.commit();
  await tick();
  await s.clock.advance(200);
  assert.deepEqual(s.feed.reads.slice(-2).map((r) => r.afterSeq), [0, 31], 'the next read starts after what the last looked through');
  await s.clock.advance(500);
  assert.equal(s.feed.reads.at(-1)?.afterSeq, 36, 'and past the events of 1001 it found nothing in');
  assert.equal(s.sink.writes.length, 1);
  await closeStream(s);
});
