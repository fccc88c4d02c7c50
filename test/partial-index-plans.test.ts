// The dialer's hot reads of live calls and ready agents use the partial indexes built for them
// (calls_waiting, calls_in_flight, agents_ready, calls_live) also once PostgreSQL plans their
// prepared statements generically (after five runs, src/adapters/store/prepared.ts). A generic
// plan holds for any parameter value, so a constant sent as a parameter (`state = $2`) cannot
// prove a partial index's predicate (`state = 'ready'`), and the statement scanned every call of
// the operation: ever slower as the day's calls pile up (bench:sip saw the waiting calls' read
// take 3 ms for no rows). The statements are taken as the repositories send them and planned
// with plan_cache_mode = force_generic_plan, sequential scans off so that a tiny table still shows
// which indexes a plan can use.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { migrate } from '../src/adapters/store/migrate.ts';
import { kyselyStore } from '../src/adapters/store/store.ts';
import { ensureDemo } from '../src/demo.ts';
import type { Tx } from '../src/engine/ports/store.ts';
import { sentStatements } from './support/sent-statements.ts';
import { dropSchema, openSchemaDatabase, stopSharedEmbedded, storeKinds, uniqueSchema } from './support/stores.ts';

after(stopSharedEmbedded);

/** The statements `work` has pg send (BEGIN and COMMIT aside). */
async function statementsOf(work: () => Promise<unknown>) {
  return (await sentStatements(work)).filter((s) => !/^(begin|commit|rollback)$/i.test(s.text.trim()));
}

const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

for (const { kind, skip } of await storeKinds()) {
  describe(`generic plans of the dialer's live reads on ${kind}`, { skip }, () => {
    test('each read of live calls or ready agents names its partial index in a generic plan', async () => {
      const schema = uniqueSchema();
      const database = await openSchemaDatabase(kind, schema);
      const db = database.db;
      try {
        await migrate(db);
        await ensureDemo(db, Date.now(), null);
        const store = kyselyStore(db, () => Promise.resolve());
        // The agent reads take the first ready agent in the index's own order (migration 0031): no sort of them all.
        const reads: [string, (tx: Tx) => Promise<unknown>, RegExp, RegExp?][] = [
          ['waiting calls', (tx) => tx.dialing.waitingCalls('0001', '1'), /calls_waiting/],
          ['calls in flight', (tx) => tx.dialing.callsInFlight('0001', ['1']), /calls_in_flight|calls_campaign_live|calls_live/],
          ['the longest ready agent', (tx) => tx.agents.lockLongestReady('0001', '1'), /agents_ready/, /Sort/],
          ['the agent of an answer, with its call', (tx) => tx.calls.lockForAnswer('no-such-call'), /agents_ready/, /Sort/],
          ['trunk channels', (tx) => tx.calls.trunkChannels('0001'), /calls_live/],
        ];
        for (const [name, read, index, never] of reads) {
          const [statement, ...more] = await statementsOf(() => store.transaction(read));
          assert.ok(statement, `${name}: no statement sent`);
          assert.equal(more.length, 0, `${name}: one statement`);
          const plan = await db.connection().execute(async (c) => {
            await sql`SET plan_cache_mode = force_generic_plan`.execute(c);
            await sql`SET enable_seqscan = off`.execute(c);
            await sql.raw(`PREPARE generic_plan AS ${statement.text}`).execute(c);
            try {
              const args = statement.values.length > 0 ? `(${statement.values.map(literal).join(', ')})` : '';
              const { rows } = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE generic_plan${args}`).execute(c);
              return rows.map((r) => r['QUERY PLAN']).join('\n');
            } finally {
              await sql`DEALLOCATE generic_plan`.execute(c);
              await sql`RESET plan_cache_mode`.execute(c);
              await sql`RESET enable_seqscan`.execute(c);
            }
          });
          assert.match(plan, index, `${name}: ${statement.text}\n${plan}`);
          if (never) assert.doesNotMatch(plan, never, `${name}: ${statement.text}\n${plan}`);
        }
      } finally {
        await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
        await database.close();
        if (kind === 'postgres') await dropSchema(schema);
      }
    });
  });
}
