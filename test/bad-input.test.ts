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
        // agentbox reads only its query string: a body of another type is ignored.
        const xml = await p.call({ method: 'POST', url: '/api/v2/agentbox.php?api=change_status&agent_id=1001&status=ready', headers: { ...headers, 'content-type': 'application/xml' }, payload: '<a/>' });
        assert.equal(xml.statusCode, 200);
      } finally {
        await p.close();
      }
    });
  });
}
