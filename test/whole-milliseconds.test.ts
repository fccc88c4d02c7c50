// Instants are whole milliseconds end to end: a carrier whose ring and talk times carry fractions
// of a millisecond (drawn from distributions, as the simulated carrier's are) must not make the
// engine's instants differ from what the store keeps, or the after-call work timer takes the
// agent's ACW for one it already left and the agent stays in ACW until a recovery beat.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, type TestPacer } from './support/pacer.ts';
import type { CarrierProfile } from '../src/adapters/telephony/simulated.ts';
import { progressive } from '../src/domain/pacing/strategy.ts';
import { virtualClock } from '../src/engine/virtual-clock.ts';

after(stopSharedEmbedded);
// Asked before any suite is declared: a suite declared before a top-level await kept the file from exiting.
const kinds = await storeKinds();

const db = (p: TestPacer) => p.pacer.database.db;
const agentRow = (p: TestPacer) => db(p).selectFrom('agents').selectAll().where('operation_id', '=', '0001').where('id', '=', '1001').executeTakeFirstOrThrow();

/** Every customer answers after 1.2343 s and talks 10.0001 s: the call ends 11.2344 s after it was placed. */
const fractional: CarrierProfile = {
  outcomes: [{ result: 'answer', p: 1, ringS: { dist: 'fixed', value: 1.2343 } }],
  talkS: { dist: 'fixed', value: 10.0001 },
  patienceS: null,
};

describe('the virtual clock', () => {
  test('hands out whole milliseconds: a timer due at a fraction runs at the next whole millisecond', async () => {
    const clock = virtualClock(1_000);
    const seen: number[] = [];
    clock.setTimer(0.4, () => seen.push(clock.now()));
    clock.setTimer(2.5, () => seen.push(clock.now()));
    await clock.advance(1);
    assert.deepEqual(seen, [1_001]);
    await clock.advance(10);
    assert.deepEqual(seen, [1_001, 1_003]);
    assert.equal(clock.now(), 1_011);
  });

  test('refuses a start or a target that is not a whole millisecond', async () => {
    assert.throws(() => virtualClock(1.5), /whole number of milliseconds/);
    const clock = virtualClock(1_000);
    await assert.rejects(clock.advance(0.5), /whole number of milliseconds/);
  });
});

for (const { kind, skip } of kinds) {
  describe(`instants on ${kind}`, { skip }, () => {
    test('after-call work ends on time when the carrier reports at fractions of a millisecond', async () => {
      const p = await testPacer(kind, { carrier: fractional, strategyFor: () => progressive() });
      try {
        const { acw_s: acwS } = await db(p).selectFrom('operations').select('acw_s').where('id', '=', '0001').executeTakeFirstOrThrow();
        assert.equal((await p.agentbox('change_status', { agent_id: '1001', status: 'ready' })).status, 200);
        await db(p).updateTable('campaigns').set({ status: 'started' }).where('operation_id', '=', '0001').where('id', '=', '1').execute();
        p.pacer.engine.background.dialer.wake();
        // Answered at 1.2343 s, talked until 11.2344 s: in after-call work by 12 s.
        await p.clock.advance(12_000);
        const inAcw = await agentRow(p);
        assert.equal(inAcw.state, 'acw');
        const since = inAcw.state_since.getTime();
        await p.clock.advanceTo(since + acwS * 1000 - 1);
        assert.equal((await agentRow(p)).state, 'acw', 'not before its after-call work is over');
        await p.clock.advanceTo(since + acwS * 1000);
        const back = await agentRow(p);
        assert.equal(back.state, 'ready', `after ${acwS} s of after-call work the agent is ready (still ${back.state} since ${back.state_since.toISOString()})`);
        assert.equal(back.state_since.getTime(), since + acwS * 1000);
      } finally {
        await p.close();
      }
    });
  });
}
