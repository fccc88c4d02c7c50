// A write whose answer nobody reads, deferred inside a transaction: it leaves with the
// transaction's next statement or its COMMIT instead of costing a round trip of its own
// (held-statements.ts). Outside a transaction it runs at once. Its failure fails the statement it
// leaves with, so the transaction still commits nothing.
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { deferredMark } from './held-statements.ts';

export async function writeDeferred(db: Kysely<Database> | Transaction<Database>, query: CompiledQuery): Promise<void> {
  await db.executeQuery(CompiledQuery.raw(deferredMark + query.sql, [...query.parameters]));
}
