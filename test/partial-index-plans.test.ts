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
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/adapters/store/database.ts';
import { migrate } from '../src/adapters/store/migrate.ts';
import { kyselyStore } from '../src/adapters/store/store.ts';
import { ensureDemo } from '../src/demo.ts';
import type { Tx } from '../src/engine/ports/store.ts';
import { dropSchema, postgresUrl, sharedEmbedded, stopSharedEmbedded, storeKinds, uniqueSchema } from './support/stores.ts';

after(stopSharedEmbedded);

type Query = (this: unknown, ...args: unknown[]) => unknown;
const proto = pg.Client.prototype as unknown as { query: Query };

interface Sent { text: string; values: unknown[] }

/** The statements `work` has pg send (BEGIN and COMMIT aside). */
async function statementsOf(work: () => Promise<unknown>): Promise<Sent[]> {
  const sent: Sent[] = [];
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; values?: unknown[] };
    const text = typeof first === 'string' ? first : first.text ?? '';
    const values = typeof first === 'string' ? (args[1] as unknown[] | undefined) ?? [] : first.values ?? [];
    if (!/^(begin|commit|rollback)$/i.test(text.trim())) sent.push({ text, values });
    return query.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.query = query;
  }
  return sent;
}

const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

for (const { kind, skip } of await storeKinds()) {
  describe(`generic plans of the dialer's live reads on ${kind}`, { skip }, () => {
    test('each read of live calls or ready agents names its partial index in a generic plan', async () => {
      const schema = uniqueSchema();
      const database = await openDatabase({
        databaseUrl: kind === 'postgres' ? postgresUrl : null, dataDir: null, poolSize: 1, schema, statementTimeoutS: 30,
        embedded: kind === 'pglite' ? await sharedEmbedded() : undefined,
      });
      const db = database.db;
      try {
        await migrate(db);
        await ensureDemo(db, Date.now(), null);
        const store = kyselyStore(db, () => Promise.resolve());
        const reads: [string, (tx: Tx) => Promise<unknown>, RegExp][] = [
          ['waiting calls', (tx) => tx.dialing.waitingCalls('0001', '1'), /calls_waiting/],
          ['calls in flight', (tx) => tx.dialing.callsInFlight('0001', ['1']), /calls_in_flight|calls_campaign_live|calls_live/],
          ['the longest ready agent', (tx) => tx.agents.lockLongestReady('0001', '1'), /agents_ready/],
          ['trunk channels', (tx) => tx.calls.trunkChannels('0001'), /calls_live/],
        ];
        for (const [name, read, index] of reads) {
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
        }
      } finally {
        await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
        await database.close();
        if (kind === 'postgres') await dropSchema(schema);
      }
    });
  });
}
