// Round trips of agentbox requests, on both stores: BEGIN leaves with the statement that claims the
// token slot and makes the work's first reads (its agent, locked; the agent's call, locked; an
// auxiliary state's name); writes whose answer nobody reads leave with the next statement or the
// COMMIT. And of the dialer's most frequent transactions: a call's end reported by the carrier, one
// write for its reads (the call, its record and its agent, locked by one statement) and one for the COMMIT;
// a ringing, one write (a dialing call's move to ringing and its event: nothing read);
// a customer's answer, the call and the agent it goes to locked by one statement, then the COMMIT;
// the end of an after-call work, the agent's lock and the COMMIT (the call it followed is known).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sentStatements } from './support/sent-statements.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

interface Write { client: unknown; texts: string[] }

/** The statements `run` has pg send, write by write (whitespace folded). */
async function writesOf(run: () => Promise<unknown>): Promise<Write[]> {
  const writes = new Map<number, Write>();
  for (const s of await sentStatements(run)) {
    let w = writes.get(s.write);
    if (!w) writes.set(s.write, w = { client: s.client, texts: [] });
    w.texts.push(s.text.trim().replace(/\s+/g, ' '));
  }
  return [...writes.values()];
}

/**
 * The round trips of the transaction that claims the token slot, from that claim to its COMMIT
 * (statements cut to 40 characters). Other transactions, such as the dialer's after a state
 * change, are left out.
 */
async function roundTripsOf(run: () => Promise<unknown>): Promise<string[][]> {
  const writes = await writesOf(run);
  const claim = writes.findIndex((g) => g.texts.some((t) => t.startsWith('WITH granted')));
  assert.ok(claim >= 0, 'no token claim');
  const mine = writes.slice(claim).filter((g) => g.client === writes[claim]?.client);
  const commit = mine.findIndex((g) => g.texts.includes('commit'));
  return mine.slice(0, commit + 1).map((g) => g.texts.map((t) => t.slice(0, 40)));
}

/** Every transaction `run` makes, from its BEGIN to its COMMIT, as the statements of each write. */
async function transactionsOf(run: () => Promise<unknown>): Promise<string[][][]> {
  const transactions: string[][][] = [];
  const current = new Map<unknown, string[][]>();
  for (const w of await writesOf(run)) {
    if (w.texts[0] === 'begin') current.set(w.client, []);
    const tx = current.get(w.client);
    if (!tx) continue;
    tx.push(w.texts);
    if (w.texts.includes('commit') || w.texts.includes('rollback')) {
      transactions.push(tx);
      current.delete(w.client);
    }
  }
  return transactions;
}

/** Phone of demo record 1000NN of campaign 1 (tel1). */
const phoneOf = (n: number) => `300${String(1000000 + n).padStart(7, '0')}`;

for (const { kind, skip } of await storeKinds()) {
  describe(`round trips on ${kind}`, { skip }, () => {
    test('change_status: 2 round trips, to ready and to an aux state', async () => {
      const p = await testPacer(kind);
      try {
        const ready = await roundTripsOf(() => p.agentbox('change_status', { agent_id: '1001', status: 'ready' }));
        assert.equal(ready.length, 2, JSON.stringify(ready));
        assert.deepEqual(ready.map((g) => g.length), [2, 2], JSON.stringify(ready));
        const aux = await roundTripsOf(() => p.agentbox('change_status', { agent_id: '1001', status: '1' }));
        assert.deepEqual(aux.map((g) => g.length), [2, 2], JSON.stringify(aux));
      } finally {
        await p.close();
      }
    });

    test('a call: dial 3 round trips, hold and hang 2, recall 3', async () => {
      const p = await testPacer(kind);
      try {
        await p.agentbox('change_status', { agent_id: '1002', status: 'ready' });
        // BEGIN + claim; the number's forms on the do-not-call list (the outbound-number check: the
        // policy comes with the claim's operation); the call (its owning process with it), the agent and the event with the COMMIT.
        const dial = await roundTripsOf(() => p.agentbox('dial', { agent_id: '1002', customer_phone: '3001234567' }));
        assert.deepEqual(dial.map((g) => g.length), [2, 1, 4], JSON.stringify(dial));
        await p.clock.advance(5000);
        // The claim locks the agent's call too.
        const hold = await roundTripsOf(() => p.agentbox('hold', { agent_id: '1002' }));
        assert.deepEqual(hold.map((g) => g.length), [2, 4], JSON.stringify(hold));
        const db = p.pacer.database.db;
        const held = await db.selectFrom('calls').select(['held', 'process_id']).where('agent_id', '=', '1002').executeTakeFirstOrThrow();
        assert.deepEqual([held.held, held.process_id !== null], [true, true], 'the deferred writes landed');
        // The callback's id is read back for its event.
        const recall = await roundTripsOf(() => p.agentbox('recall', { agent_id: '1002', customer_phone: '3009998877', date: '20260310100000', type_recall: 'manual' }));
        assert.equal(recall.length, 3, JSON.stringify(recall));
        // The call ends and the agent goes to after-call work (its length is the operation's, read by the claim).
        const hang = await roundTripsOf(() => p.agentbox('hang', { agent_id: '1002' }));
        assert.equal(hang.length, 2, JSON.stringify(hang));
        const calls = await db.selectFrom('calls').select('state').where('agent_id', '=', '1002').execute();
        assert.deepEqual(calls.map((c) => c.state), ['ended']);
        assert.equal((await db.selectFrom('callbacks').select('id').where('agent_id', '=', '1002').execute()).length, 1);
      } finally {
        await p.close();
      }
    });

    test('the dialer: a call\'s ringing is one write, its answer locks the call and its agent in one statement, its end from the carrier the call, its record and its agent; an ACW\'s end locks only the agent', async () => {
      const p = await testPacer(kind);
      try {
        p.telephony.script(phoneOf(0), { result: 'busy', ringS: 1 });
        p.telephony.script(phoneOf(1), { result: 'answer', ringS: 1, talkS: 3 });
        assert.equal((await p.agentbox('change_status', { agent_id: '1001', status: 'ready' })).status, 200);
        const db = p.pacer.database.db;
        const txs = await transactionsOf(async () => {
          await db.updateTable('campaigns').set({ status: 'started' }).where('operation_id', '=', '0001').where('id', '=', '1').execute();
          p.pacer.engine.background.dialer.wake();
          const state = async () => (await db.selectFrom('calls').select('state').where('phone', '=', phoneOf(1)).executeTakeFirst())?.state;
          for (let i = 0; i < 40 && (await state()) !== 'connected'; i++) await p.clock.advance(100);
          await db.updateTable('campaigns').set({ status: 'stopped' }).where('operation_id', '=', '0001').where('id', '=', '1').execute();
          assert.equal(await state(), 'connected');
          // The customer hangs up after 3 s of talk.
          await p.clock.advance(60_000);
        });
        const results = await db.selectFrom('calls').select(['phone', 'result']).where('origin', '=', 'campaign').orderBy('placed_at').execute();
        assert.deepEqual(results.map((c) => [c.phone, c.result]), [[phoneOf(0), 'busy'], [phoneOf(1), 'answer']]);
        assert.equal((await db.selectFrom('agents').select('state').where('id', '=', '1001').executeTakeFirstOrThrow()).state, 'ready', 'the ACW ended');

        const ends = txs.filter((tx) => tx[0]?.some((t) => t.startsWith('WITH c AS MATERIALIZED (SELECT * FROM calls')));
        assert.equal(ends.length, 2, 'the busy call\'s end and the answered one\'s');
        const [busyEnd, talkEnd] = ends;
        assert.equal(busyEnd?.length, 2, JSON.stringify(busyEnd));
        assert.equal(busyEnd?.[0]?.length, 2, JSON.stringify(busyEnd));
        assert.deepEqual(busyEnd?.[1]?.map((t) => t.slice(0, 30)), ['/* deferred */ update "calls" ', '/* deferred */ insert into "ev',
          '/* deferred */ update "records', '/* deferred */ insert into "ev', 'commit'], 'the call, its record and their events leave with the COMMIT');
        // The agent (to after-call work) and the operation's ACW length came with the call's lock.
        assert.equal(talkEnd?.length, 2, JSON.stringify(talkEnd));
        assert.ok(talkEnd?.[1]?.some((t) => t.startsWith('/* deferred */ with "saved" as (update "agents"')), 'the agent is saved with its event');
        assert.equal(talkEnd?.[1]?.at(-1), 'commit');
        const rings = txs.filter((tx) => tx[0]?.some((t) => t.startsWith('/* deferred */ WITH moved AS (UPDATE calls SET state')));
        assert.equal(rings.length, 2, 'both calls rang');
        for (const ring of rings) assert.deepEqual(ring.map((w) => w.length), [3], `BEGIN, the call's move with its event, COMMIT: ${JSON.stringify(ring)}`);
        const answers = txs.filter((tx) => tx[0]?.some((t) => t.startsWith('WITH answered AS MATERIALIZED (SELECT * FROM calls')));
        assert.equal(answers.length, 1, 'the answered call');
        const [answer] = answers;
        assert.equal(answer?.length, 2, `the call and its agent locked by one statement, then the COMMIT: ${JSON.stringify(answer)}`);
        assert.ok(!answer?.flat().some((t) => t.startsWith('select "agents".*')), 'no second look for an agent');
        const acwEnds = txs.filter((tx) => tx[0]?.[1]?.startsWith('select * from "agents" where'));
        assert.equal(acwEnds.length, 1, JSON.stringify(txs.map((tx) => tx[0])));
        const [acwEnd] = acwEnds;
        assert.equal(acwEnd?.length, 2, JSON.stringify(acwEnd));
        assert.equal(acwEnd?.[0]?.length, 2, JSON.stringify(acwEnd));
        assert.ok(acwEnd?.[1]?.some((t) => t.startsWith('/* deferred */ with "saved" as (update "agents"')), 'the agent is saved with its event');
        assert.ok(!acwEnd?.flat().some((t) => t.includes('from "calls"')), 'the call the ACW followed is not read again');
      } finally {
        await p.close();
      }
    });
  });
}
