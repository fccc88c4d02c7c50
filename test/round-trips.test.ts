// Round trips of a change_status, on both stores: BEGIN leaves with the statement that locks the
// token slot and the agent (and reads the auxiliary state's name); the agent and its event are
// saved by one statement, which leaves with the COMMIT.
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
  });
}
