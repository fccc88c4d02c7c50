// A call's guarded move (CallRepo.move, what a ringing is): a call in the state it leaves moves
// with its event; a call already past it (hung up before the carrier's 180 was handled) is left as
// it is, and no event is written.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { kyselyStore } from '../src/adapters/store/store.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

for (const { kind, skip } of await storeKinds()) {
  describe(`a call's guarded move on ${kind}`, { skip }, () => {
    test('moves a call in the state it leaves, with its event; leaves any other as it is, with none', async () => {
      const p = await testPacer(kind);
      try {
        // The carrier stays silent for a minute: the call stays dialing until it is moved here.
        p.telephony.script('3001234567', { result: 'answer', ringS: 60 });
        p.telephony.script('3007654321', { result: 'answer', ringS: 60 });
        await p.agentbox('change_status', { agent_id: '1001', status: 'ready' });
        await p.agentbox('change_status', { agent_id: '1002', status: 'ready' });
        const first = (await p.agentbox('dial', { agent_id: '1001', customer_phone: '3001234567' })).json.data as { conn_id: string };
        const second = (await p.agentbox('dial', { agent_id: '1002', customer_phone: '3007654321' })).json.data as { conn_id: string };
        assert.equal((await p.agentbox('hang', { agent_id: '1002' })).status, 200);

        const db = p.pacer.database.db;
        const store = kyselyStore(db, () => Promise.resolve());
        const ring = (callId: string, agentId: string) => store.transaction((tx) => tx.calls.move(callId, 'dialing', 'ringing', {
          operationId: '0001', at: p.clock.now(), type: 'call.ringing', callId, agentId, campaignId: null, data: { n: 1 },
        }));
        await ring(first.conn_id, '1001');
        await ring(second.conn_id, '1002');

        const state = async (id: string) => (await db.selectFrom('calls').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
        assert.equal(await state(first.conn_id), 'ringing');
        assert.equal(await state(second.conn_id), 'ended', 'a hung-up call does not ring again');
        const rang = await db.selectFrom('events').select(['call_id', 'agent_id', 'data']).where('type', '=', 'call.ringing').execute();
        assert.deepEqual(rang, [{ call_id: first.conn_id, agent_id: '1001', data: { n: 1 } }]);
      } finally {
        await p.close();
      }
    });
  });
}
