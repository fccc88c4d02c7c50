// Nobody reaches what is not theirs: every /v1 route of the OpenAPI document, called by a token of
// operation B with the ids of operation A's resources, answers no data of A (a read is 404), and
// leaves A exactly as it was.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';
import { bodies as accepted, queries } from './support/route-bodies.ts';

// B creating a campaign of its own would be B's campaign 1 (ids are per operation): leave it out.
const bodies: Record<string, unknown> = { ...accepted, 'POST /v1/campaigns': {} };

const ADMIN = 'admin-token-for-tests-0001';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function v1(p: TestPacer, token: string, method: Method, url: string, body?: unknown) {
  const r = await p.call({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  return { status: r.statusCode, body: r.body, json: r.json as Record<string, any> };
}

const secretOfA = 'tenant-A-Secret-93ff';

for (const { kind, skip } of await storeKinds()) {
  describe(`tenant isolation on ${kind}`, { skip }, () => {
    test('a token of operation B, given the ids of operation A, gets none of A\'s data and changes nothing of A', async () => {
      const p = await testPacer(kind, { env: { PACER_ADMIN_TOKEN: ADMIN, PACER_WEBHOOK_ALLOW_PRIVATE: 'true', PACER_NATIVE_RATE: '10000' } });
      try {
        // Operation A (the demo, 0001): a live call, a callback, a webhook, a second token, a skill, a blocked number.
        const a = (method: Method, url: string, body?: unknown) => v1(p, TOKEN, method, url, body);
        assert.equal((await a('POST', '/v1/agents/1001/status', { status: 'ready' })).status, 200);
        const callId = String((await a('POST', '/v1/agents/1001/dial', { phone: '3001234567' })).json.conn_id);
        const callbackId = String((await a('POST', '/v1/callbacks', { agent_id: '1002', phone: '3001234568', due_at: '2030-01-01T00:00:00Z', type: 'auto' })).json.id);
        const webhook = await a('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hook' });
        assert.equal(webhook.status, 201, webhook.body);
        const tokenA2 = await a('POST', '/v1/tokens', { description: 'second' });
        assert.equal((await a('PUT', '/v1/skills/5', { name: 'Sales' })).status, 200);
        assert.equal((await a('POST', '/v1/dnc', { phones: ['3001112233'] })).status, 201);
        const trunk = await a('POST', '/v1/trunks', { uri: 'sip:carrier-a.example', username: 'a', password: secretOfA });
        assert.equal(trunk.status, 201, trunk.body);
        assert.equal((await a('PUT', '/v1/agents/1001/phone', { password: `${secretOfA}-phone` })).status, 200);
        // Operation B, from the admin API.
        const created = await v1(p, ADMIN, 'POST', '/v1/operations', { id: '0002', name: 'B', time_zone: 'America/Bogota' });
        assert.equal(created.status, 201, created.body);
        const tokenB = String(created.json.token.token);

        const idsOfA: Record<string, string> = {
          '/v1/agents/{id}': '1001', '/v1/calls/{id}': callId, '/v1/callbacks/{id}': callbackId, '/v1/campaigns/{id}': '1',
          '/v1/webhooks/{id}': String(webhook.json.id), '/v1/tokens/{id}': String(tokenA2.json.id), '/v1/skills/{id}': '5',
          '/v1/aux-states/{id}': '1', '/v1/dnc/{phone}': '3001112233', '/v1/trunks/{id}': String(trunk.json.id),
        };
        const fill = (path: string) => {
          const base = Object.keys(idsOfA).find((k) => path === k || path.startsWith(`${k}/`));
          let url = base ? path.replace(base, base.replace(/\{[a-z_]+\}/, idsOfA[base] as string)) : path;
          url = url.replace('{customer_id}', '100001').replace('{group}', '1').replace('{code}', 'SALE');
          return url;
        };

        const snapshot = async () => {
          const reads = ['/v1/agents/1001', `/v1/calls/${callId}`, `/v1/callbacks/${callbackId}`, '/v1/campaigns/1', '/v1/campaigns/1/records/100001',
            '/v1/webhooks', '/v1/tokens', '/v1/skills', '/v1/aux-states', '/v1/activity-codes', '/v1/dnc', '/v1/operation', '/v1/outbound-policy',
            '/v1/trunks', `/v1/trunks/${String(trunk.json.id)}`, '/v1/agents/1001/phone'];
          return Promise.all(reads.map(async (url) => [url, (await a('GET', url)).body]));
        };
        const before = await snapshot();

        const doc = (await p.call({ method: 'GET', url: '/openapi.json' })).json as unknown as { paths: Record<string, Record<string, unknown>> };
        let calls = 0;
        for (const [path, methods] of Object.entries(doc.paths)) {
          if (path.startsWith('/v1/operations') || path === '/v1/events/stream') continue;
          for (const method of Object.keys(methods).map((m) => m.toUpperCase() as Method)) {
            const url = fill(path) + (queries[`${method} ${path}`] ?? '');
            const res = await v1(p, tokenB, method, url, bodies[`${method} ${path}`] ?? (method === 'GET' || method === 'DELETE' ? undefined : {}));
            calls++;
            const what = `${method} ${url} → ${res.status} ${res.body.slice(0, 200)}`;
            assert.ok(res.status < 500, what);
            // A refusal may name the id it was given; nothing else of A's call may appear.
            if (!url.includes(callId)) assert.ok(!res.body.includes(callId), `A's call leaked: ${what}`);
            assert.ok(!res.body.includes('carrier-a.example') && !res.body.includes(secretOfA), `A's trunk leaked: ${what}`);
            if (method === 'GET' && /\{/.test(path)) assert.equal(res.status, 404, what);
            if (method === 'GET' && !/\{/.test(path) && res.status === 200 && Array.isArray(res.json.data)) {
              const ids = (res.json.data as { id?: unknown }[]).map((d) => String(d.id));
              assert.ok(!ids.includes(callbackId) || path !== '/v1/callbacks', what);
            }
          }
        }
        assert.ok(calls > 40, `${calls} routes called`);
        assert.deepEqual(await snapshot(), before, 'operation A is as it was');
      } finally {
        await p.close();
      }
    });
  });
}

after(stopSharedEmbedded);
