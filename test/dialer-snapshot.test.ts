// The engine's pacing snapshot reads each agent's deferred status change: an agent on a campaign
// call who asked for a break will not be free for the campaign, so the strategy does not count it
// (as the simulator never counts an agent the schedule sends home).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer } from './support/pacer.ts';
import { progressive, type PacingSnapshot, type PacingStrategy } from '../src/domain/pacing/strategy.ts';

after(stopSharedEmbedded);
// Asked before any suite is declared: a suite declared before a top-level await kept the file from exiting.
const kinds = await storeKinds();

for (const { kind, skip } of kinds) {
  describe(`dialer snapshot on ${kind}`, { skip }, () => {
    test('an agent talking who asked for a break is not counted; its colleague still is', async () => {
      const snapshots: PacingSnapshot[] = [];
      const spy = (): PacingStrategy => {
        const inner = progressive();
        return { name: 'spy', decide: (s) => { snapshots.push(structuredClone(s)); return inner.decide(s); }, observe: () => undefined };
      };
      const p = await testPacer(kind, { strategyFor: spy });
      try {
        for (const a of ['1001', '1002']) assert.equal((await p.agentbox('change_status', { agent_id: a, status: 'ready' })).status, 200);
        await p.pacer.database.db.updateTable('campaigns').set({ status: 'started' }).where('operation_id', '=', '0001').where('id', '=', '1').execute();
        p.pacer.engine.background.dialer.wake();
        await p.clock.advance(5000); // the demo customers answer within 3 s: both agents talk
        assert.deepEqual(snapshots.at(-1)?.agents.map((a) => a.activity), ['talking', 'talking']);
        assert.equal((await p.agentbox('change_status', { agent_id: '1001', status: '1' })).status, 200); // a break, after the call
        await p.clock.advance(1500);
        assert.deepEqual(snapshots.at(-1)?.agents.map((a) => a.activity), ['talking'], 'only the agent coming back counts');
      } finally {
        await p.close();
      }
    });
  });
}
