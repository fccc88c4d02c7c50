// Bad input of every kind gets a 4xx envelope that names the problem, never a 500.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN } from './support/pacer.ts';

after(stopSharedEmbedded);

const huge = 'x'.repeat(100_000);

for (const { kind, skip } of await storeKinds()) {
  describe(`bad input on ${kind}`, { skip }, () => {
    test('agentbox: wrong types, huge values, repeated and missing parameters are 400', async () => {
      const p = await testPacer(kind);
      try {
        const cases: [string, Record<string, string>, string][] = [
          ['change_status', { agent_id: 'abc', status: 'ready' }, 'agent_id'],
          ['change_status', { agent_id: '1'.repeat(200), status: 'ready' }, 'agent_id'],
          ['change_status', { agent_id: '1001', status: '9'.repeat(40) }, 'status'],
          ['change_status', { agent_id: '1001', status: '-1' }, 'status'],
          ['dial', { agent_id: '1001', customer_phone: huge }, 'customer_phone'],
          ['dial', { agent_id: '1001', customer_phone: '300', customer_name: huge }, 'customer_name'],
          ['dial', { agent_id: '1001', customer_phone: '300', customer_id: 'a b' }, 'customer_id'],
          ['recall', { agent_id: '1001', customer_phone: '300', date: '99999999999999', type_recall: 'auto' }, 'date'],
          ['recall', { agent_id: '1001', customer_phone: '300', date: '20261301000000', type_recall: 'auto' }, 'date'],
          ['dtmf', { agent_id: '1001', tones: '12x' }, 'tones'],
          ['type', { agent_id: '1001', cod_act: huge, cod_act_2: 'A' }, 'cod_act'],
          ['agent_display', { agent_id: '1001', display: 'maybe', button: 'dial' }, 'display'],
        ];
        for (const [api, params, name] of cases) {
          const r = await p.agentbox(api, params);
          assert.equal(r.status, 400, `${api} ${name}`);
          assert.equal(r.json.code, '400');
          assert.equal(r.json.error, 'BAD REQUEST');
          assert.ok(String(r.json.msg).startsWith(`SOME PARAMETERS ARE REQUIRED: ${name}`), `${api}: ${String(r.json.msg)}`);
        }
      } finally {
        await p.close();
      }
    });

    test('bodies, methods and unknown places never give a 500', async () => {
      const p = await testPacer(kind);
      try {
        const headers = { 'wolkvox-token': TOKEN };
        const responses = await Promise.all([
          p.call({ method: 'POST', url: '/api/v2/agentbox.php?api=change_status&agent_id=1001&status=ready', headers: { ...headers, 'content-type': 'application/json' }, payload: '{"broken' }),
          p.call({ method: 'DELETE', url: '/api/v2/agentbox.php?api=dial', headers }),
          p.call({ method: 'POST', url: '/api/v2/agentbox.php', headers }),
          p.call({ method: 'POST', url: '/api/v2/nothing.php?api=x', headers }),
          p.call({ method: 'POST', url: '/api/v2/agentbox.php?api=hold&agent_id=1001', headers: { ...headers, wolkvox_server: 'abc' } }),
          p.call({ method: 'POST', url: '/api/v2/agentbox.php?api=__proto__&agent_id=1001', headers }),
          p.call({ method: 'POST', url: '/api/v2/agentbox.php?api=constructor&agent_id=1001', headers }),
          p.call({ method: 'POST', url: '/api/v2/agentbox.php?api=hold&agent_id=1001', headers: { 'wolkvox-token': huge } }),
        ]);
        for (const r of responses) {
          assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${r.statusCode} ${r.body}`);
          assert.equal(Number(r.json.code), r.statusCode);
          assert.equal(typeof r.json.msg, 'string');
        }
        // A method the file does not take is a 404 in that file's envelope: agentbox's code is a string.
        const options = await p.call({ method: 'OPTIONS', url: '/api/v2/agentbox.php?api=hold&agent_id=1001', headers });
        assert.deepEqual([options.statusCode, options.json.code], [404, '404']);
        const campaignOptions = await p.call({ method: 'OPTIONS', url: '/api/v2/campaign.php?api=start&campaign_id=1', headers });
        assert.deepEqual([campaignOptions.statusCode, campaignOptions.json.code], [404, 404]);
        const mediaType = await p.call({ method: 'POST', url: '/api/v2/agentbox.php?api=hold&agent_id=1001', headers: { ...headers, 'content-type': 'x' }, payload: 'a' });
        assert.deepEqual([mediaType.statusCode, mediaType.json.code, mediaType.json.msg], [400, '400', 'headers.content-type is not a media type (type/subtype)']);
        // agentbox reads only its query string: a body of another type is ignored.
        const xml = await p.call({ method: 'POST', url: '/api/v2/agentbox.php?api=change_status&agent_id=1001&status=ready', headers: { ...headers, 'content-type': 'application/xml' }, payload: '<a/>' });
        assert.equal(xml.statusCode, 200);
      } finally {
        await p.close();
      }
    });

    test('the router\'s and the body reader\'s refusals answer in the native shape, with the catalogue\'s code and status', async () => {
      const p = await testPacer(kind);
      try {
        const auth = { authorization: `Bearer ${TOKEN}` };
        const nativeError = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string> = {}, payload?: string) => {
          const r = await p.call({ method, url, headers: { ...auth, ...headers }, ...(payload === undefined ? {} : { payload }) });
          return [r.statusCode, r.json.error];
        };
        // Each was Fastify's own body ({"error":"Bad Request","code":"FST_ERR_…"}), and 414 for the long one.
        assert.deepEqual(await nativeError('GET', '/v1/calls/%ED%A0%80'),
          [400, { code: 'BAD_VALUE', status: 400, message: 'The path is not a valid URL: a percent-escape in it is not UTF-8' }]);
        assert.deepEqual(await nativeError('GET', `/v1/agents/${'1'.repeat(101)}`),
          [400, { code: 'BAD_VALUE', status: 400, message: 'A path parameter is longer than 100 characters' }]);
        // Was BAD_VALUE with status 415, a status no route declares.
        assert.deepEqual(await nativeError('POST', '/v1/agents/1001/hold', { 'content-type': 'application/' }, '{}'),
          [400, { code: 'BAD_VALUE', status: 400, message: 'headers.content-type is not a media type (type/subtype)' }]);
        // Was BAD_VALUE with status 413: the catalogue's code for it is PAYLOAD_TOO_LARGE.
        assert.deepEqual(await nativeError('PUT', '/v1/agents/1001', { 'content-type': 'application/json' }, `{"name":"${'x'.repeat(32 * 1024 * 1024)}"}`),
          [413, { code: 'PAYLOAD_TOO_LARGE', status: 413, message: 'The request body is too large' }]);
      } finally {
        await p.close();
      }
    });
  });
}
