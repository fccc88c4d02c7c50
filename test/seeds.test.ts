// The five documented requests (../shared/seeds), sent as their pages show them, get the
// documented answers: status, envelope, the type of `code` and the message byte for byte.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN } from './support/pacer.ts';

after(stopSharedEmbedded);

for (const { kind, skip } of await storeKinds()) {
  describe(`seed requests on ${kind}`, { skip }, () => {
    test('change_status, dial, hold, recall and campaign recall answer as documented', async () => {
      const p = await testPacer(kind);
      try {
        const host = 'wv0001.wolkvox.com';
        const status = await p.call({
          method: 'POST', url: '/api/v2/agentbox.php?status=1&api=change_status&agent_id=1001',
          headers: { host, wolkvox_server: '0001', 'wolkvox-token': TOKEN },
        });
        assert.equal(status.statusCode, 200);
        assert.equal(status.body, '{"code":"200","error":null,"msg":"Agent status has been modified to Active breaks"}');

        await p.call({ method: 'POST', url: '/api/v2/agentbox.php?status=ready&api=change_status&agent_id=1001', headers: { host, 'wolkvox-token': TOKEN } });
        const dial = await p.call({
          method: 'POST', url: '/api/v2/agentbox.php?agent_id=1001&api=dial&customer_phone=3001234567&customer_id=100001&customer_name=Ana',
          headers: { host, 'wolkvox-token': TOKEN },
        });
        assert.equal(dial.statusCode, 200);
        assert.deepEqual(Object.keys(dial.json), ['code', 'error', 'msg', 'data']);
        assert.equal(dial.json.code, '200');
        assert.equal(dial.json.msg, 'Dial has been successful');
        assert.equal(typeof (dial.json.data as { conn_id: unknown }).conn_id, 'string');

        await p.clock.advance(4000);
        const hold = await p.call({ method: 'POST', url: '/api/v2/agentbox.php?agent_id=1001&api=hold', headers: { host, 'wolkvox-token': TOKEN } });
        assert.equal(hold.body, '{"code":"200","error":null,"msg":"Hold agentbox has been excecuted"}');

        const recall = await p.call({
          method: 'POST', url: '/api/v2/agentbox.php?agent_id=1001&api=recall&customer_phone=3001234567&date=20260303101520&type_recall=auto',
          headers: { host, 'wolkvox-token': TOKEN },
        });
        assert.equal(recall.body, '{"code":"200","error":null,"msg":"Recall has been successful"}');

        const campaign = await p.call({
          method: 'PUT', url: '/api/v2/campaign.php?api=recall&type_campaign=predictive&campaign_id=1',
          headers: { host, 'wolkvox-token': TOKEN, 'content-type': 'application/json' },
          payload: '{\n    "recall_date": "20260303101520",\n    "recall_telephone": "3007654321",\n    "customer_id": "100001"\n}',
        });
        assert.equal(campaign.statusCode, 202);
        assert.equal(campaign.body, '{"code":202,"error":null,"msg":"customer_id 100001 has been updated and will be call back on 20260303101520 to phone 3007654321"}');
      } finally {
        await p.close();
      }
    });
  });
}
