// What one client can hold: a request must arrive whole within the request timeout, bodies are
// bounded per route (and a large campaign.php body is read only for a live token), and every
// database session has a statement timeout.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

/** Sends `head` and then nothing; resolves with the milliseconds until the server closed the connection (bounded). */
function trickle(p: TestPacer, head: string): Promise<{ closedAfterMs: number; answer: string }> {
  const { port } = p.pacer.app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => { answer += chunk; });
    const bound = setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept the connection open for 10 s'));
    }, 10_000);
    socket.on('close', () => {
      clearTimeout(bound);
      resolve({ closedAfterMs: performance.now() - started, answer });
    });
    socket.on('error', () => undefined);
  });
}

for (const { kind, skip } of await storeKinds()) {
  describe(`request limits on ${kind}`, { skip }, () => {
    test('a request that never finishes arriving is answered 408 and closed at the request timeout', async () => {
      const p = await testPacer(kind, { env: { PACER_REQUEST_TIMEOUT_S: '1' } });
      try {
        await p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
        // Promises 100 kB and sends one byte (the probe that held a connection for more than 75 s).
        const slowBody = await trickle(p, `POST /v1/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`);
        assert.ok(slowBody.closedAfterMs < 5_000, `closed after ${slowBody.closedAfterMs} ms`);
        assert.match(slowBody.answer, /^HTTP\/1\.1 408/);
        // Headers that never end.
        const slowHeaders = await trickle(p, 'GET /health HTTP/1.1\r\nHost: x\r\n');
        assert.ok(slowHeaders.closedAfterMs < 5_000, `closed after ${slowHeaders.closedAfterMs} ms`);
      } finally {
        await p.close();
      }
    });

    test('bodies are bounded per route; a large campaign.php body needs a live token before it is read', async () => {
      const p = await testPacer(kind);
      try {
        const big = (bytes: number) => JSON.stringify([{ customer_id: '1', tel1: '3001234567', pad: 'x'.repeat(bytes) }]);
        const agentbox = await p.call({ method: 'POST', url: '/api/v2/agentbox.php?api=change_status&agent_id=1001&status=ready', headers: { 'wolkvox-token': TOKEN, 'content-type': 'text/plain' }, payload: 'x'.repeat(100_000) });
        assert.deepEqual([agentbox.statusCode, agentbox.json.code], [413, '413']);
        const native = await p.call({ method: 'PUT', url: '/v1/agents/1099', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(2_000_000) }) });
        assert.equal(native.statusCode, 413);
        const url = '/api/v2/campaign.php?api=add_record&campaign_id=1';
        const noToken = await p.call({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: big(2_000_000) });
        assert.deepEqual([noToken.statusCode, noToken.json.code], [401, 401]);
        const badToken = await p.call({ method: 'POST', url, headers: { 'wolkvox-token': 'not-a-token', 'content-type': 'application/json' }, payload: big(2_000_000) });
        assert.deepEqual([badToken.statusCode, badToken.json.code], [403, 403]);
        const loaded = await p.call({ method: 'POST', url, headers: { 'wolkvox-token': TOKEN, 'content-type': 'application/json' }, payload: big(2_000_000) });
        assert.equal(loaded.statusCode, 201, 'a live token may send a large load');
        const tooBig = await p.call({ method: 'POST', url, headers: { 'wolkvox-token': TOKEN, 'content-type': 'application/json' }, payload: big(33 * 1024 * 1024) });
        assert.equal(tooBig.statusCode, 413);
      } finally {
        await p.close();
      }
    });

    test('every database session has the statement timeout', async () => {
      const p = await testPacer(kind, { env: { PACER_STATEMENT_TIMEOUT_S: '7' } });
      try {
        const shown = await sql<{ statement_timeout: string }>`SHOW statement_timeout`.execute(p.pacer.database.db);
        assert.equal(shown.rows[0]?.statement_timeout, '7s');
      } finally {
        await p.close();
      }
    });
  });
}

after(stopSharedEmbedded);
