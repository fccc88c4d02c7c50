// One operation cannot starve another's callbacks: however many of its auto callbacks wait for a
// busy agent, another operation's due callback goes to its ready agent in the same pass.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

const ADMIN = 'admin-token-for-tests-0001';

async function v1(p: TestPacer, token: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const r = await p.call({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  return { status: r.statusCode, body: r.body, json: r.json as Record<string, any> };
}

for (const { kind, skip } of await storeKinds()) {
  describe(`callback fairness on ${kind}`, { skip }, () => {
    test('150 callbacks of A waiting for a busy agent do not delay B\'s callback to its ready agent', async () => {
      const p = await testPacer(kind, { env: { PACER_ADMIN_TOKEN: ADMIN, PACER_CALLBACK_TAKEOVER_S: '86400' } });
      try {
        // A (the demo operation): 150 auto callbacks, due an hour ago, for agent 1001, logged out.
        const db = p.pacer.database.db;
        const hourAgo = new Date(p.clock.now() - 3600_000);
        await db.insertInto('callbacks').values(Array.from({ length: 150 }, (_, i) => ({
          operation_id: '0001', agent_id: '1001', campaign_id: null, customer_id: null, phone: `300${String(2000000 + i)}`,
          due_at: hourAgo, type_recall: 'auto', status: 'waiting', fired_at: hourAgo, call_id: null, created_at: hourAgo,
        }))).execute();
        // B: an operation with a ready agent and a callback due in a minute.
        const created = await v1(p, ADMIN, 'POST', '/v1/operations', { id: '0002', name: 'B', time_zone: 'America/Bogota' });
        const tokenB = String(created.json.token.token);
        assert.equal((await v1(p, tokenB, 'PUT', '/v1/agents/2001', { name: 'Beatriz' })).status, 201);
        assert.equal((await v1(p, tokenB, 'POST', '/v1/agents/2001/status', { status: 'ready' })).status, 200);
        const cb = await v1(p, tokenB, 'POST', '/v1/callbacks', { agent_id: '2001', phone: '3007654321', due_at: new Date(p.clock.now() + 60_000).toISOString(), type: 'auto' });
        assert.equal(cb.status, 201, cb.body);
        await p.clock.advance(61_000);
        await p.pacer.engine.background.callbacks.runNow();
        const after = await v1(p, tokenB, 'GET', `/v1/callbacks/${String(cb.json.id)}`);
        assert.equal(after.json.status, 'done', 'B\'s callback was dialled in the first pass');
        assert.notEqual(after.json.call_id, null);
        // A's wait on, untouched, and A's token sees none of B's.
        const stillWaiting = await db.selectFrom('callbacks').select('id').where('operation_id', '=', '0001').where('status', '=', 'waiting').execute();
        assert.equal(stillWaiting.length, 150);
        assert.equal((await v1(p, TOKEN, 'GET', `/v1/callbacks/${String(cb.json.id)}`)).status, 404);
      } finally {
        await p.close();
      }
    });
  });
}

after(stopSharedEmbedded);
