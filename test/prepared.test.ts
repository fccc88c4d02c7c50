// Named prepared statements (src/adapters/store/prepared.ts) on both stores: a statement is
// reused, and one whose table changed under it fails once and is then prepared afresh.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { dropSchema, openSchemaDatabase, stopSharedEmbedded, storeKinds, uniqueSchema } from './support/stores.ts';

after(stopSharedEmbedded);

for (const { kind, skip } of await storeKinds()) {
  describe(`prepared statements on ${kind}`, { skip }, () => {
    test('a table changed under a prepared statement: one failure, then a fresh statement', async () => {
      const schema = uniqueSchema();
      const database = await openSchemaDatabase(kind, schema);
      const db = database.db;
      try {
        await sql`CREATE TABLE IF NOT EXISTS ${sql.id(schema)}.things (id int PRIMARY KEY, name text)`.execute(db);
        await sql`INSERT INTO ${sql.id(schema)}.things VALUES (1, 'one')`.execute(db);
        const read = () => sql<Record<string, unknown>>`SELECT * FROM ${sql.id(schema)}.things WHERE id = ${1}`.execute(db);
        for (let i = 0; i < 3; i++) assert.deepEqual((await read()).rows, [{ id: 1, name: 'one' }]);
        await sql`ALTER TABLE ${sql.id(schema)}.things ADD COLUMN extra int NOT NULL DEFAULT 7`.execute(db);
        await assert.rejects(read(), /cached plan must not change result type/);
        assert.deepEqual((await read()).rows, [{ id: 1, name: 'one', extra: 7 }]);
      } finally {
        await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
        await database.close();
        if (kind === 'postgres') await dropSchema(schema);
      }
    });
  });
}
