// The event hub: the readers of one operation share one read of the log per refresh, each gets
// what its own filter selects, a reader from before the kept tail reads the store itself, and an
// operation nobody reads is forgotten. A store of an in-memory log counts the reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEventHub } from '../src/engine/events/event-hub.ts';
import { eventMatches } from '../src/engine/events/event-filter.ts';
import type { EventQuery, StoredEvent } from '../src/engine/ports/events.ts';
import type { Tx } from '../src/engine/ports/store.ts';
import { virtualClock } from '../src/engine/virtual-clock.ts';

function logStore() {
  const log: StoredEvent[] = [];
  const reads: EventQuery[] = [];
  const events = {
    sequence: () => Promise.resolve({ numbered: 0, more: false }),
    list: (q: EventQuery) => {
      reads.push(q);
      return Promise.resolve(log.filter((e) => e.seq > q.afterSeq && eventMatches(q, e)).slice(0, q.limit));
    },
  };
  const transaction = <T>(work: (tx: Tx) => Promise<T>) => work({ events } as unknown as Tx);
  const store = { transaction, urgentTransaction: transaction, close: () => Promise.resolve() };
  const append = (n: number, operationId = '0001') => {
    for (let i = 0; i < n; i++) {
      const seq = log.filter((e) => e.operationId === operationId).length + 1;
      log.push({ seq, operationId, at: seq, type: seq % 3 === 0 ? 'call.ended' : 'agent.state', agentId: `100${seq % 4}`, campaignId: null, callId: null, data: {} });
    }
  };
  return { store, reads, append, log };
}

test('readers of one operation share one read of the log, each with its own filter', async () => {
  const { store, reads, append, log } = logStore();
  const clock = virtualClock(0);
  const hub = createEventHub({ store, clock });
  append(10);
  // The first reader starts the tail where it starts.
  assert.equal((await hub.read({ operationId: '0001', afterSeq: 10, limit: 500 })).length, 0);
  append(40);
  hub.committed();
  reads.length = 0;
  const queries: EventQuery[] = Array.from({ length: 50 }, (_, i) => ({
    operationId: '0001', afterSeq: 10 + (i % 7), limit: 500,
    ...(i % 2 ? { agentId: `100${i % 4}` } : {}), ...(i % 3 ? { types: ['call.'] } : {}),
  }));
  const answers = await Promise.all(queries.map((q) => hub.read(q)));
  // The first reader's refresh began before the others asked: they share the one after it.
  assert.ok(reads.length <= 2, `at most two reads of the store for fifty readers, not ${reads.length}`);
  queries.forEach((q, i) => {
    assert.deepEqual(answers[i]?.map((e) => e.seq), log.filter((e) => e.seq > q.afterSeq && eventMatches(q, e)).map((e) => e.seq));
  });
  // The same event is the same object for every reader (serialized once).
  const first = answers[0]?.[0];
  assert.ok(first && answers.some((a, i) => i > 0 && a.includes(first)));

  // From before the tail: the store answers that reader with its own query.
  reads.length = 0;
  const old = await hub.read({ operationId: '0001', afterSeq: 2, limit: 500 });
  assert.deepEqual(old.map((e) => e.seq), log.filter((e) => e.seq > 2).map((e) => e.seq));
  assert.deepEqual(reads.map((q) => q.afterSeq), [2]);
});

test('a read sees every event this process committed before it asked; a busy log is read in pages', async () => {
  const { store, reads, append } = logStore();
  const clock = virtualClock(0);
  const hub = createEventHub({ store, clock });
  await hub.read({ operationId: '0001', afterSeq: 0, limit: 500 });
  append(4500);
  hub.committed();
  reads.length = 0;
  const got = await hub.read({ operationId: '0001', afterSeq: 0, limit: 10_000 });
  assert.equal(got.length, 4500);
  assert.deepEqual(reads.map((q) => q.afterSeq), [0, 2000, 4000], 'pages of 2,000 until the log is read');
});

test('the tail keeps the last 10,000 events, and an operation nobody reads is forgotten', async () => {
  const { store, reads, append } = logStore();
  const clock = virtualClock(0);
  const hub = createEventHub({ store, clock });
  await hub.read({ operationId: '0001', afterSeq: 0, limit: 1 });
  append(12_000);
  hub.committed();
  await hub.read({ operationId: '0001', afterSeq: 11_999, limit: 1 });
  reads.length = 0;
  await hub.read({ operationId: '0001', afterSeq: 1_500, limit: 1 });
  assert.deepEqual(reads.map((q) => q.afterSeq), [1_500], 'seq 1,501 is no longer kept (the tail is 2,001–12,000): the store answers');
  reads.length = 0;
  await hub.read({ operationId: '0001', afterSeq: 5_000, limit: 1 });
  assert.deepEqual(reads.map((q) => q.afterSeq), [12_000], 'seq 5,001 is kept: only the refresh reads');

  await clock.advance(4_000);
  append(3_000);
  hub.committed();
  reads.length = 0;
  await hub.read({ operationId: '0001', afterSeq: 14_999, limit: 1 });
  assert.deepEqual(reads.map((q) => q.afterSeq), [12_000, 14_000], 'read 4 s ago: the tail is kept, and its refresh reads what was committed since');

  await clock.advance(5_001);
  append(3_000);
  hub.committed();
  reads.length = 0;
  await hub.read({ operationId: '0001', afterSeq: 17_999, limit: 1 });
  assert.deepEqual(reads.map((q) => q.afterSeq), [17_999], 'unread for 5 s: forgotten; a reader that comes back starts a tail where it is, without reading the 3,000 events it did not ask for');
  reads.length = 0;
  await hub.read({ operationId: '0001', afterSeq: 5_000, limit: 1 });
  assert.deepEqual(reads.map((q) => q.afterSeq), [5_000], 'from before the new tail: the store answers');
});

test('commits of one turn of the event loop are told once to each listener, and none is lost', async () => {
  const { store } = logStore();
  const hub = createEventHub({ store, clock: virtualClock(0) });
  let heard = 0;
  const unsubscribe = hub.subscribe(() => heard++);
  for (let i = 0; i < 100; i++) hub.committed();
  assert.equal(heard, 0, 'told after the turn');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(heard, 1, 'a hundred commits of one turn, one notice');
  hub.committed();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(heard, 2, 'a commit of a later turn is told again');
  unsubscribe();
  hub.committed();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(heard, 2);
});

test('a read that takes a stale tail (a stream\'s poll) sees other processes\' events once the last refresh is that old; a plain read at once', async () => {
  const { store, reads, append } = logStore();
  const clock = virtualClock(0);
  const hub = createEventHub({ store, clock });
  const q = { operationId: '0001', afterSeq: 0, limit: 500 };
  await hub.read(q);
  append(3); // by another process: no commit here
  reads.length = 0;
  assert.deepEqual(await hub.read(q, 250), [], 'a tail refreshed within 250 ms answers from memory');
  await clock.advance(249);
  assert.equal((await hub.read(q, 250)).length, 0);
  assert.equal(reads.length, 0);
  await clock.advance(1);
  assert.equal((await hub.read(q, 250)).length, 3);
  assert.deepEqual(reads.map((r) => r.afterSeq), [0], 'one refresh');
  append(2);
  hub.committed(); // by this process: no stale tail for anyone
  assert.equal((await hub.read(q, 250)).length, 5);
  append(1);
  assert.equal((await hub.read(q)).length, 6, 'a plain read (a page of /v1/events) reads what was committed before it asked');
});

test('after this process\'s commits, paced refreshes (streams woken by commits) begin at least 100 ms apart, each shared by every stream that asked meanwhile; a plain read does not wait', async () => {
  const { store, reads, append } = logStore();
  const clock = virtualClock(0);
  const hub = createEventHub({ store, clock });
  const q = { operationId: '0001', afterSeq: 0, limit: 500 };
  await hub.read(q, 250);
  reads.length = 0;
  append(2);
  hub.committed();
  let answered = 0;
  const streams = [hub.scan(q, 250, true), hub.scan({ ...q, agentId: '1001' }, 250, true), hub.scan(q, 250, true)].map((r) => r.then(({ events }) => {
    answered++;
    return events;
  }));
  await clock.advance(99);
  assert.equal(answered, 0, 'the refresh waits for 100 ms after the last one began');
  assert.equal(reads.length, 0);
  await clock.advance(1);
  const [all] = await Promise.all(streams);
  assert.equal(all?.length, 2);
  assert.deepEqual(reads.map((r) => r.afterSeq), [0], 'one refresh for the three');
  append(1);
  hub.committed();
  assert.equal((await hub.read(q)).length, 3, 'a plain read (a page of /v1/events) refreshes at once');
});

test('a listener narrowed to an agent hears of commits with that agent\'s events only; others of the operation hear of every one', async () => {
  const { store } = logStore();
  const hub = createEventHub({ store, clock: virtualClock(0) });
  const heard: string[] = [];
  hub.subscribe(() => heard.push('1001'), { operationId: '0001', agentId: '1001' });
  hub.subscribe(() => heard.push('1002'), { operationId: '0001', agentId: '1002' });
  hub.subscribe(() => heard.push('floor'), { operationId: '0001' });
  hub.subscribe(() => heard.push('other op'), { operationId: '0002' });
  const turn = async (committed?: Map<string, Set<string | null>>) => {
    heard.length = 0;
    hub.committed(committed);
    await new Promise((resolve) => setImmediate(resolve));
    return [...heard].sort();
  };
  assert.deepEqual(await turn(new Map([['0001', new Set(['1001'])]])), ['1001', 'floor']);
  assert.deepEqual(await turn(new Map([['0001', new Set([null])]])), ['floor'], 'an event of no agent: the floor only');
  assert.deepEqual(await turn(new Map([['0002', new Set(['1001'])]])), ['other op'], 'agent 1001 of another operation is another agent');
  assert.deepEqual(await turn(), ['1001', '1002', 'floor', 'other op'], 'not known whose: everyone');
});

test('a scan says how far it looked: to the end of the tail, or to the last event of a full page', async () => {
  const { store, append } = logStore();
  const hub = createEventHub({ store, clock: virtualClock(0) });
  await hub.read({ operationId: '0001', afterSeq: 0, limit: 1 });
  append(40);
  hub.committed();
  const narrowed = await hub.scan({ operationId: '0001', afterSeq: 0, limit: 500, agentId: '1001' });
  assert.deepEqual([narrowed.events.length, narrowed.through], [10, 40], 'agent 1001 has every fourth event; all 40 were looked through');
  const page = await hub.scan({ operationId: '0001', afterSeq: 0, limit: 3, agentId: '1001' });
  assert.deepEqual([page.events.map((e) => e.seq), page.through], [[1, 5, 9], 9]);
  const none = await hub.scan({ operationId: '0001', afterSeq: 40, limit: 500 });
  assert.deepEqual([none.events.length, none.through], [0, 40]);
});

test('latest runs sequencer passes until none leaves committed events behind', async () => {
  let left = 3;
  const passes: number[] = [];
  const events = {
    sequence: () => {
      passes.push(left);
      left = Math.max(0, left - 1);
      return Promise.resolve({ numbered: 5000, more: left > 0 });
    },
    latestSeq: () => Promise.resolve(passes.length * 5000),
  };
  const transaction = <T>(work: (tx: Tx) => Promise<T>) => work({ events } as unknown as Tx);
  const hub = createEventHub({ store: { transaction, urgentTransaction: transaction, close: () => Promise.resolve() }, clock: virtualClock(0) });
  assert.equal(await hub.latest('0001'), 15_000, 'after the third pass said nothing was left');
  assert.equal(passes.length, 3);
});
