// One operation holds a bounded number of tokens, auxiliary states, skills and do-not-call numbers:
// past it, 409 LIMIT_REACHED naming the limit; renaming what exists is always allowed.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { operationLimits } from '../src/domain/operation-limits.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

async function v1(p: TestPacer, method: 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) {
  const r = await p.call({ method, url, headers: { authorization: `Bearer ${TOKEN}` }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  return { status: r.statusCode, json: r.json as Record<string, any> };
}

for (const { kind, skip } of await storeKinds()) {
  describe(`operation limits on ${kind}`, { skip }, () => {
    test('tokens, auxiliary states and skills stop at their limit; renames and revocations go on', async () => {
      const p = await testPacer(kind, { env: { PACER_NATIVE_RATE: '10000' } });
      try {
        // The demo has one token: 99 more reach the limit.
        const tokens = [];
        for (let i = 1; i < operationLimits.tokens; i++) tokens.push(await v1(p, 'POST', '/v1/tokens', { description: `t${i}` }));
        assert.ok(tokens.every((t) => t.status === 201));
        const over = await v1(p, 'POST', '/v1/tokens', { description: 'one too many' });
        assert.deepEqual([over.status, over.json.error.code], [409, 'LIMIT_REACHED']);
        assert.equal(over.json.error.message, 'Operation 0001 already has 100 live tokens, the most it may: revoke one first');
        assert.equal((await v1(p, 'DELETE', `/v1/tokens/${String(tokens[0]?.json.id)}`)).status, 204);
        assert.equal((await v1(p, 'POST', '/v1/tokens', { description: 'after a revocation' })).status, 201);

        // Three demo states: 97 more.
        for (let id = 4; id <= operationLimits.auxStates; id++) assert.equal((await v1(p, 'PUT', `/v1/aux-states/${id}`, { name: `s${id}` })).status, 200);
        assert.equal((await v1(p, 'PUT', `/v1/aux-states/${operationLimits.auxStates + 1}`, { name: 'too many' })).json.error.code, 'LIMIT_REACHED');
        assert.equal((await v1(p, 'PUT', '/v1/aux-states/1', { name: 'Renamed' })).status, 200);

        await p.pacer.database.db.insertInto('skills')
          .values(Array.from({ length: operationLimits.skills }, (_, i) => ({ operation_id: '0001', id: i + 1, name: `k${i + 1}` }))).execute();
        assert.equal((await v1(p, 'PUT', `/v1/skills/${operationLimits.skills + 1}`, { name: 'too many' })).json.error.code, 'LIMIT_REACHED');
        assert.equal((await v1(p, 'PUT', '/v1/skills/7', { name: 'Renamed' })).status, 200);
      } finally {
        await p.close();
      }
    });

    if (kind === 'postgres') {
      test('the do-not-call list stops at a million numbers', async () => {
        const p = await testPacer(kind);
        try {
          await sql`INSERT INTO dnc_numbers (operation_id, phone, created_at)
            SELECT '0001', (3000000000 + g)::text, now() FROM generate_series(1, ${operationLimits.dncNumbers - 1}) g`.execute(p.pacer.database.db);
          assert.equal((await v1(p, 'POST', '/v1/dnc', { phones: ['3100000001'] })).status, 201);
          const over = await v1(p, 'POST', '/v1/dnc', { phones: ['3100000002'] });
          assert.deepEqual([over.status, over.json.error.code], [409, 'LIMIT_REACHED']);
          assert.match(over.json.error.message, /1000000 numbers on its do-not-call list/);
        } finally {
          await p.close();
        }
      });
    }
  });
}

after(stopSharedEmbedded);
