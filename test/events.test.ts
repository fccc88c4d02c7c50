// The event log: numbered per operation in commit-safe order, read as pages and as a resumable
// server-sent-event stream.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { openEvent } from './support/open-event.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const auth = { authorization: `Bearer ${TOKEN}` };

interface Page { data: { seq: number; type: string; agent_id: string | null; data: Record<string, unknown> }[]; next_cursor: string | null }

async function page(p: TestPacer, query = ''): Promise<Page> {
  const r = await p.call({ method: 'GET', url: `/v1/events${query}`, headers: auth });
  assert.equal(r.statusCode, 200, r.body);
  return r.json as unknown as Page;
}

/** Reads SSE frames from a live stream until `count` events arrived. */
async function readStream(url: string, headers: Record<string, string>, count: number): Promise<{ id: string; event: string; data: { seq: number; type: string } }[]> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const frames: { id: string; event: string; data: { seq: number; type: string } }[] = [];
  let buffer = '';
  while (frames.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(frame.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
      if (fields.id) frames.push({ id: fields.id, event: fields.event ?? '', data: JSON.parse(fields.data ?? '{}') as { seq: number; type: string } });
    }
  }
  controller.abort();
  return frames;
}

for (const { kind, skip } of await storeKinds()) {
  describe(`events on ${kind}`, { skip }, () => {
    test('every state change is in the log, numbered 1, 2, 3… per operation, with filters and cursors', async () => {
      const p = await testPacer(kind);
      try {
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        await p.agentbox('dial', { agent_id: '1001', customer_phone: '3001234567' });
        await p.clock.advance(5000);
        await p.agentbox('change_status', { agent_id: '1002', status: '2' });
        const all = await page(p);
        assert.deepEqual(all.data.map((e) => e.seq), all.data.map((_, i) => i + 1));
        assert.deepEqual(all.data.map((e) => e.type), [
          'agent.state', 'agent.state', 'call.placed', 'call.ringing', 'call.connected', 'agent.state', 'agent.state',
        ]);
        assert.deepEqual(all.data[0]?.data, { from: 'logout', to: 'ready', next: null });
        const agent2 = await page(p, '?agent=1002');
        assert.deepEqual(agent2.data.map((e) => e.data.to), ['aux:2']);
        const calls = await page(p, '?type=call.');
        assert.deepEqual(calls.data.map((e) => e.type), ['call.placed', 'call.ringing', 'call.connected']);
        const first = await page(p, '?limit=3');
        assert.equal(first.next_cursor, '3');
        const rest = await page(p, `?after=${first.next_cursor}`);
        assert.deepEqual(rest.data.map((e) => e.seq), [4, 5, 6, 7]);
      } finally {
        await p.close();
      }
    });

    test('bearer token required; bad filters are 400 with the native error body', async () => {
      const p = await testPacer(kind);
      try {
        const none = await p.call({ method: 'GET', url: '/v1/events' });
        assert.equal(none.statusCode, 401);
        assert.deepEqual(none.json, { error: { code: 'TOKEN_MISSING', status: 401, message: 'PLEASE ENTER THE WOLKVOX-TOKEN' } });
        const bad = await p.call({ method: 'GET', url: '/v1/events', headers: { authorization: 'Bearer nope' } });
        assert.equal(bad.statusCode, 403);
        for (const q of ['?limit=0', '?limit=9999', '?after=-1', '?agent=x', '?type=DROP%20TABLE']) {
          const r = await p.call({ method: 'GET', url: `/v1/events${q}`, headers: auth });
          assert.equal(r.statusCode, 400, q);
          assert.equal((r.json.error as { code: string }).code, 'BAD_VALUE');
        }
      } finally {
        await p.close();
      }
    });

    test('the stream sends events and resumes after Last-Event-ID without a gap', async () => {
      const p = await testPacer(kind);
      try {
        await p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
        const url = `http://127.0.0.1:${(p.pacer.app.server.address() as AddressInfo).port}/v1/events/stream`;
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        await p.agentbox('change_status', { agent_id: '1002', status: 'ready' });
        const firstTwo = await readStream(url, auth, 2);
        assert.deepEqual(firstTwo.map((f) => [f.id, f.event]), [['1', 'agent.state'], ['2', 'agent.state']]);
        await p.agentbox('change_status', { agent_id: '1003', status: '1' });
        const resumed = await readStream(url, { ...auth, 'last-event-id': '2' }, 1);
        assert.deepEqual(resumed.map((f) => f.data.seq), [3]);
        // A live stream hears a change made while it is open.
        const live = readStream(`${url}?agent=1004`, auth, 1);
        await p.agentbox('change_status', { agent_id: '1004', status: 'ready' });
        // The commit wakes the stream, whose next read is at least 200 ms after its last one on the
        // engine's clock: virtual here, so it moves (a stream that had not read yet sees it anyway).
        await p.clock.advance(200);
        assert.deepEqual((await live).map((f) => f.data.seq), [4]);
      } finally {
        await p.close();
      }
    });

    if (kind === 'postgres') {
      test('an event that commits late is numbered after what was already read, so a resuming reader gets it', async () => {
        const p = await testPacer(kind);
        const slow = await openEvent(p.schema, 'test.slow');
        try {
          await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
          const before = await page(p);
          assert.deepEqual(before.data.map((e) => [e.seq, e.type]), [[1, 'agent.state']], 'the uncommitted event is not seen');
          await slow.commit();
          assert.deepEqual((await page(p, `?after=${before.next_cursor}`)).data.map((e) => [e.seq, e.type]), [[2, 'test.slow']]);
        } finally {
          await slow.end();
          await p.close();
        }
      });
    }
  });
}
