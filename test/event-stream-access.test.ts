// Who may hold a live event stream: a revoked token's streams end (at once in the process that
// revoked it, at the next recheck in another), and one token holds at most ten streams.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

const auth = { authorization: `Bearer ${TOKEN}` };

/** Every stream a test opened, cancelled before its Pacer closes. */
const opened: { close(): Promise<void> }[] = [];
const closeAll = () => Promise.all(opened.splice(0).map((s) => s.close()));

/** Opens a stream; `ended` settles when the server ends it (bounded, so a stream that never ends fails the test). */
async function openStream(p: TestPacer, token: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) {
  const url = `http://127.0.0.1:${(p.pacer.app.server.address() as AddressInfo).port}/v1/events/stream`;
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  // A refusal is an ordinary JSON answer; an admitted stream is read until the server ends it.
  const refusal = response.status === 200 ? undefined : await response.json() as { error: { code: string; message: string } };
  const reader = response.status === 200 ? response.body?.getReader() : undefined;
  const ended = (async () => {
    if (!reader) return;
    for (;;) if ((await reader.read()).done) return;
  })();
  const stream = { status: response.status, refusal, ended, close: async () => { await reader?.cancel().catch(() => undefined); } };
  opened.push(stream);
  return stream;
}

async function newToken(p: TestPacer): Promise<{ id: string; token: string }> {
  const r = await p.call({ method: 'POST', url: '/v1/tokens', headers: auth, payload: { description: 'console' } });
  assert.equal(r.statusCode, 201);
  return r.json as unknown as { id: string; token: string };
}

for (const { kind, skip } of await storeKinds()) {
  describe(`event stream access on ${kind}`, { skip }, () => {
    test('revoking a token ends its open streams at once', async () => {
      const p = await testPacer(kind);
      try {
        await p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
        const b = await newToken(p);
        const stream = await openStream(p, b.token);
        assert.equal(stream.status, 200);
        assert.equal((await p.call({ method: 'DELETE', url: `/v1/tokens/${b.id}`, headers: auth })).statusCode, 204);
        await stream.ended;
        assert.equal((await openStream(p, b.token)).status, 403, 'and no new one opens');
      } finally {
        await closeAll();
        await p.close();
      }
    });

    test('a console session\'s streams end when its user is deleted, here at once and elsewhere at the recheck', async () => {
      const p = await testPacer(kind);
      const other = await testPacer(kind, { schema: p.schema, clock: p.clock, keepSchema: true });
      try {
        await p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
        const user = await p.call({ method: 'POST', url: '/v1/users', headers: auth, payload: { username: 'ana', password: 'correct horse', role: 'agent', agent_id: '1001' } });
        assert.equal(user.statusCode, 201, user.body);
        const signedIn = await p.call({ method: 'POST', url: '/v1/session', payload: { username: 'ana', password: 'correct horse' } });
        const cookie = String(signedIn.headers['set-cookie']).split(';')[0] ?? '';
        const here = await openStream(p, '', { cookie });
        const elsewhere = await openStream(p, '', { cookie });
        assert.equal(here.status, 200);
        // Deleted through this process: its streams here end at once.
        assert.equal((await p.call({ method: 'DELETE', url: `/v1/users/${String(user.json.id)}`, headers: auth })).statusCode, 204);
        await Promise.all([here.ended, elsewhere.ended]);
        assert.equal((await openStream(p, '', { cookie })).status, 401, 'and no new one opens');

        // Deleted through another process: the streams end at their next recheck.
        const second = await p.call({ method: 'POST', url: '/v1/users', headers: auth, payload: { username: 'bea', password: 'correct horse', role: 'supervisor' } });
        const cookie2 = String((await p.call({ method: 'POST', url: '/v1/session', payload: { username: 'bea', password: 'correct horse' } })).headers['set-cookie']).split(';')[0] ?? '';
        const stream = await openStream(p, '', { cookie: cookie2 });
        assert.equal(stream.status, 200);
        assert.equal((await other.call({ method: 'DELETE', url: `/v1/users/${String(second.json.id)}`, headers: auth })).statusCode, 204);
        let ended = false;
        void stream.ended.then(() => { ended = true; });
        await p.clock.advance(4000);
        assert.equal(ended, false, 'not before the recheck');
        await p.clock.advance(1500);
        await stream.ended;
      } finally {
        await closeAll();
        await other.close();
        await p.close();
      }
    });

    test('a token revoked by another process: its streams end at the next recheck (5 s)', async () => {
      const p = await testPacer(kind);
      try {
        await p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
        const b = await newToken(p);
        const c = await newToken(p);
        const stream = await openStream(p, b.token);
        const twice = await Promise.all([openStream(p, c.token), openStream(p, c.token)]);
        let ended = false;
        void stream.ended.then(() => (ended = true));
        let othersEnded = false;
        void Promise.race(twice.map((s) => s.ended)).then(() => (othersEnded = true));
        // As another process would: straight in the database.
        await p.pacer.database.db.updateTable('api_tokens').set({ revoked_at: new Date(p.clock.now()) }).where('id', '=', b.id).execute();
        await p.clock.advance(4_000);
        assert.equal(ended, false, 'not before the recheck');
        await p.clock.advance(1_000);
        await stream.ended;
        // One recheck asked about both tokens: the live one's streams go on, through the next rechecks too.
        await p.clock.advance(10_000);
        assert.equal(othersEnded, false, 'a live token\'s streams stay open');
      } finally {
        await closeAll();
        await p.close();
      }
    });

    test('one token holds at most ten streams; the eleventh is 429 until one closes', async () => {
      const p = await testPacer(kind);
      try {
        await p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
        const streams = await Promise.all(Array.from({ length: 10 }, () => openStream(p, TOKEN)));
        assert.deepEqual(streams.map((s) => s.status), Array.from({ length: 10 }, () => 200));
        const eleventh = await openStream(p, TOKEN);
        assert.equal(eleventh.status, 429);
        assert.equal(eleventh.refusal?.error.code, 'TOO_MANY_STREAMS');
        assert.match(eleventh.refusal?.error.message ?? '', /already holds 10 open event streams/);
        const other = await newToken(p);
        assert.equal((await openStream(p, other.token)).status, 200, 'another token is not affected');
        await streams[0]?.close();
        // The server hears the close (a few turns of the event loop), and the stream's place is free.
        let reopened = 0;
        for (let i = 0; i < 100 && reopened !== 200; i++) {
          await new Promise((resolve) => setImmediate(resolve));
          reopened = (await openStream(p, TOKEN)).status;
        }
        assert.equal(reopened, 200);
      } finally {
        await closeAll();
        await p.close();
      }
    });
  });
}

after(stopSharedEmbedded);
