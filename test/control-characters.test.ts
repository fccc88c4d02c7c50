// The input guard (src/adapters/http/input-guard.ts): control characters, lone surrogates,
// non-finite numbers and bodies nested too deep are refused on both faces with a 400 naming the
// field, before they reach authentication, a use case or the store (PostgreSQL refuses U+0000
// in text, and lone surrogates in json, as a 500). Each case here was a 500 or an answer off its
// shape found by the fuzz test (test/fuzz.test.ts).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const auth = { authorization: `Bearer ${TOKEN}` };
const adminToken = 'guard-admin-token-0123456789';

async function v1(p: TestPacer, method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string, payload?: string, headers: Record<string, string> = auth) {
  const res = await p.call({ method, url, headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' }, ...(payload === undefined ? {} : { payload }) });
  return { status: res.statusCode, error: (res.json.error ?? {}) as { code?: string; status?: number; message?: string }, json: res.json };
}

function refused(r: Awaited<ReturnType<typeof v1>>, message: string): void {
  assert.deepEqual([r.status, r.error.code, r.error.status, r.error.message], [400, 'BAD_VALUE', 400, message]);
}

for (const { kind, skip } of await storeKinds()) {
  describe(`input guard on ${kind}`, { skip }, () => {
    test('native face: NUL, other controls and lone surrogates are 400 naming the field, wherever they are', async () => {
      const p = await testPacer(kind, { env: { PACER_ADMIN_TOKEN: adminToken } });
      try {
        // The four probes of the "Hardening" issue, each a 500 before.
        refused(await v1(p, 'PUT', '/v1/agents/1099', '{"name":"a\\u0000b"}'), 'body.name must not contain control characters (U+0000)');
        refused(await v1(p, 'POST', '/v1/tokens', '{"description":"\\u0000"}'), 'body.description must not contain control characters (U+0000)');
        refused(await v1(p, 'GET', '/v1/agents?cursor=%00'), 'query.cursor must not contain control characters (U+0000)');
        refused(await v1(p, 'GET', '/v1/calls/%00'), 'params.id must not contain control characters (U+0000)');
        // The same everywhere the fuzz found it: names, descriptions, admin bodies.
        refused(await v1(p, 'PUT', '/v1/skills/1', '{"name":"A","name":"\\u0000\\u0000"}'), 'body.name must not contain control characters (U+0000)');
        refused(await v1(p, 'PUT', '/v1/activity-codes/1/SALE', '{"name":"x\\u001fy"}'), 'body.name must not contain control characters (U+001F)');
        refused(await v1(p, 'POST', '/v1/operations/0001/tokens', '{"description":"\\u007f"}', { authorization: `Bearer ${adminToken}` }),
          'body.description must not contain control characters (U+007F)');
        // A lone surrogate: PostgreSQL's jsonb refuses it in the event the change appends.
        refused(await v1(p, 'PUT', '/v1/aux-states/2', '{"name":"a\\udc00b"}'), 'body.name must not contain a lone UTF-16 surrogate (U+DC00)');
        // Nested fields and field names are named by their path.
        refused(await v1(p, 'POST', '/v1/campaigns/1/records', '{"records":[{"customer_id":"c1","tel1":"3001234567"},{"customer_id":"c2","tel1":"3001234568","opt1":"\\u0000"}]}'),
          'body.records[1].opt1 must not contain control characters (U+0000)');
        refused(await v1(p, 'POST', '/v1/campaigns/1/records', '{"records":[{"customer_id":"c1","tel1":"3001234567","a\\u0000":"x"}]}'),
          'a field name in body.records[0] must not contain control characters (U+0000)');
        // Headers are checked before authentication reads the token.
        refused(await v1(p, 'GET', '/v1/agents', undefined, { authorization: `Bearer ${TOKEN}\u0001` }), 'headers.authorization must not contain control characters (U+0001)');
        // Tab, line feed and carriage return are text (a description of two lines), paired surrogates are emoji.
        const twoLines = await v1(p, 'POST', '/v1/tokens', '{"description":"CRM\\tintegration\\r\\nsecond line 😀"}');
        assert.equal(twoLines.status, 201);
        assert.equal(twoLines.json.description, 'CRM\tintegration\r\nsecond line 😀');
        assert.equal((await v1(p, 'GET', '/v1/agents/1001')).status, 200, 'nothing else was refused');
      } finally {
        await p.close();
      }
    });

    test('native face: numbers that are not finite and bodies nested too deep are 400', async () => {
      const p = await testPacer(kind, { env: { PACER_ADMIN_TOKEN: adminToken } });
      try {
        // The schemas coerce "Infinity", "1e400" or 400 digits to a number, past their own minimum and maximum.
        refused(await v1(p, 'GET', '/v1/tokens?limit=-Infinity'), 'query.limit must be a finite number');
        refused(await v1(p, 'GET', '/v1/agents?limit=1e400'), 'query.limit must be a finite number');
        refused(await v1(p, 'POST', '/v1/agents/1001/status', `{"status":"${'9'.repeat(400)}"}`), 'body.status must be a finite number');
        refused(await v1(p, 'PATCH', '/v1/operations/0001', '{"acw_s":"Infinity"}', { authorization: `Bearer ${adminToken}` }), 'body.acw_s must be a finite number');
        const deep = await v1(p, 'POST', '/v1/campaigns/1/records', `{"records":[{"customer_id":"c1","tel1":"3001234567","opt1":${'['.repeat(40)}${']'.repeat(40)}}]}`);
        assert.deepEqual([deep.status, deep.error.code], [400, 'BAD_VALUE']);
        assert.match(deep.error.message ?? '', /^body\.records\[0\]\.opt1(\[0\])+ is nested deeper than 32 levels$/);
        // Idempotency hashes the body with JSON.stringify, which overflowed the stack on this one (a 500).
        const deeper = await v1(p, 'POST', '/v1/campaigns/1/records', `{"records":[{"customer_id":"c1","tel1":"3001234567","opt1":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`,
          { ...auth, 'idempotency-key': 'deep-1' });
        assert.deepEqual([deeper.status, deeper.error.code], [400, 'BAD_VALUE']);
        assert.equal((await v1(p, 'GET', '/v1/tokens?limit=5')).status, 200);
      } finally {
        await p.close();
      }
    });

    test('wolkvox face: the same refusals, in the envelope of each file', async () => {
      const p = await testPacer(kind);
      try {
        const dial = await p.agentbox('dial', { agent_id: '1001', customer_phone: '3001234567', customer_name: 'a\u0000b' });
        assert.deepEqual([dial.status, dial.json], [400, { code: '400', error: 'BAD REQUEST', msg: 'query.customer_name must not contain control characters (U+0000)' }]);
        const token = await p.agentbox('hold', { agent_id: '1001' }, { 'wolkvox-token': `${TOKEN}\u0000` });
        assert.deepEqual([token.status, token.json.msg], [400, 'headers.wolkvox-token must not contain control characters (U+0000)']);
        const rows = [{ customer_id: 'c1', tel1: '3001234567', customer_name: 'Ana\u0000' }];
        const json = await p.campaign('POST', 'add_record', { campaign_id: '1' }, rows);
        assert.deepEqual([json.status, json.json], [400, { code: 400, error: 'BAD REQUEST', msg: 'body[0].customer_name must not contain control characters (U+0000)' }]);
        // campaign.php reads text/plain bodies as JSON: a \u0000 escape in the text is refused the same.
        const text = await p.campaign('POST', 'add_record', { campaign_id: '1' }, JSON.stringify(rows), { 'content-type': 'text/plain' });
        assert.deepEqual([text.status, text.json.msg], [400, 'body[0].customer_name must not contain control characters (U+0000)']);
        const surrogate = await p.campaign('PUT', 'codify', { campaign_id: '1' }, '{"cod_act":"SALE","customer_id":"100001","comment":"\\ud800"}', { 'content-type': 'application/json' });
        assert.deepEqual([surrogate.status, surrogate.json.msg], [400, 'body.comment must not contain a lone UTF-16 surrogate (U+D800)']);
        assert.equal((await p.campaign('POST', 'add_record', { campaign_id: '1' }, [{ customer_id: 'c1', tel1: '3001234567' }])).status, 201);
      } finally {
        await p.close();
      }
    });
  });
}
