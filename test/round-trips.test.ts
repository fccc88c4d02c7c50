// Round trips of a change_status, on both stores: the token slot and the agent are locked by one
// statement, BEGIN leaves with it, the agent and its event are saved by one statement. Counted as
// the statements `pg` sends, BEGIN apart (it shares the first statement's write).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

type Query = (this: unknown, ...args: unknown[]) => unknown;
const proto = pg.Client.prototype as unknown as { query: Query };

/**
 * The statements of the transaction that claims the token slot, from that claim to its COMMIT,
 * BEGIN apart (other transactions, such as the dialer's after a state change, are left out).
 */
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  const seen: { client: unknown; text: string }[] = [];
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text ?? '';
    seen.push({ client: this, text: text.trim().replace(/\s+/g, ' ') });
    return query.apply(this, args);
  };
  try {
    await run();
  } finally {
    proto.query = query;
  }
  const claim = seen.findIndex((s) => s.text.startsWith('WITH granted'));
  assert.ok(claim >= 0, 'no token claim');
  const mine = seen.slice(claim).filter((s) => s.client === seen[claim]?.client && s.text !== 'begin');
  const commit = mine.findIndex((s) => s.text === 'commit');
  return mine.slice(0, commit + 1).map((s) => s.text.slice(0, 40));
}

for (const { kind, skip } of await storeKinds()) {
  describe(`round trips on ${kind}`, { skip }, () => {
    test('change_status: 3 round trips to ready, 4 to an aux state (its name is read)', async () => {
      const p = await testPacer(kind);
      try {
        // Background work (dialer, callbacks) stays idle: no campaign runs, no callback is due.
        const ready = await statementsOf(() => p.agentbox('change_status', { agent_id: '1001', status: 'ready' }));
        assert.equal(ready.length, 3, ready.join(' | '));
        assert.match(ready[2] ?? '', /^commit/);
        const aux = await statementsOf(() => p.agentbox('change_status', { agent_id: '1001', status: '1' }));
        assert.equal(aux.length, 4, aux.join(' | '));
      } finally {
        await p.close();
      }
    });
  });
}
