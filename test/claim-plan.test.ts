// The dialer's record claim on a campaign whose records were loaded moments ago: PostgreSQL has no
// statistics for them yet (autovacuum analyzes within a minute or so), and the claim must not
// depend on them. Joined on customer_id it was planned as a nested loop over all the campaign's
// records for every record picked: 40,000 records and a pick of 1,650 (a 500-agent team's first
// pacing decision) took 24 s, past the statement timeout, and the dialer placed nothing.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../src/adapters/store/database.ts';
import { migrate } from '../src/adapters/store/migrate.ts';
import { kyselyStore } from '../src/adapters/store/store.ts';
import { ensureDemo } from '../src/demo.ts';
import { dropSchema, postgresAvailable, postgresUrl, uniqueSchema } from './support/stores.ts';

const schema = uniqueSchema();
after(() => dropSchema(schema));

test('a large claim from a campaign not analyzed yet is quick (PostgreSQL)', { skip: (await postgresAvailable()) ? false : `no PostgreSQL at ${postgresUrl}` }, async () => {
  // A bound far above the claim's time now (tens of ms), far below the nested loop's (seconds).
  const database = await openDatabase({ databaseUrl: postgresUrl, dataDir: null, poolSize: 2, statementTimeoutS: 5, schema });
  try {
    await migrate(database.db);
    const now = Date.now();
    await ensureDemo(database.db, now, null);
    await sql`INSERT INTO records (operation_id, campaign_id, customer_id, data, phones, created_at)
      SELECT '0001', 1, 'b' || g, '{}'::jsonb, ARRAY['31' || lpad(g::text, 8, '0')], now() FROM generate_series(1, 40000) g`.execute(database.db);
    const store = kyselyStore(database.db, () => Promise.resolve());
    const claimed = await store.transaction(async (tx) => {
      const campaign = await tx.dialing.campaign('0001', '1');
      assert.ok(campaign);
      return tx.dialing.claimRecords(campaign, now, 1650, ['America/Bogota']);
    });
    assert.equal(claimed.length, 1650);
    assert.equal(new Set(claimed.map((r) => r.customerId)).size, 1650);
    const [row] = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM records WHERE status = 'dialing' AND attempts = 1`.execute(database.db)).rows;
    assert.equal(row?.n, 1650, 'exactly the claimed records were marked');
  } finally {
    await database.close();
  }
});
