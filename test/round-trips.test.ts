// Round trips of agentbox requests, on both stores: BEGIN leaves with the statement that claims the
// token slot and makes the work's first reads (its agent, locked; the agent's call, locked; an
// auxiliary state's name); writes whose answer nobody reads leave with the next statement or the
// COMMIT.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

type Query = (this: unknown, ...args: unknown[]) => unknown;
const proto = pg.Client.prototype as unknown as { query: Query };

/**
 * The round trips of the transaction that claims the token slot, from that claim to its COMMIT:
 * the statements `pg` is asked to send, grouped by the tick they are sent in (one write). Other
 * transactions, such as the dialer's after a state change, are left out.
 */
async function roundTripsOf(run: () => Promise<unknown>): Promise<string[][]> {
  const groups: { client: unknown; texts: string[] }[] = [];
  let open: { client: unknown; texts: string[] } | undefined;
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text ?? '';
    if (!open || open.client !== this) {
      groups.push(open = { client: this, texts: [] });
      queueMicrotask(() => { open = undefined; });
    }
    open.texts.push(text.trim().replace(/\s+/g, ' ').slice(0, 40));
    return query.apply(this, args);
  };
  try {
    await run();
  } finally {
    proto.query = query;
  }
  const claim = groups.findIndex((g) => g.texts.some((t) => t.startsWith('WITH granted')));
  assert.ok(claim >= 0, 'no token claim');
  const mine = groups.slice(claim).filter((g) => g.client === groups[claim]?.client);
  const commit = mine.findIndex((g) => g.texts.includes('commit'));
  return mine.slice(0, commit + 1).map((g) => g.texts);
}

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
        // policy comes with the claim's operation); the call, its owner, the agent and the event with the COMMIT.
        const dial = await roundTripsOf(() => p.agentbox('dial', { agent_id: '1002', customer_phone: '3001234567' }));
        assert.deepEqual(dial.map((g) => g.length), [2, 1, 5], JSON.stringify(dial));
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
  });
}
