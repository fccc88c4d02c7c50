// Applies the versioned SQL migrations in ./migrations, in order, once each. Several processes
// starting together on one PostgreSQL serialize on an advisory lock.
import { readdirSync, readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { lockClass } from './advisory-locks.ts';
import type { Database } from './schema.ts';

const dir = new URL('./migrations/', import.meta.url);

export function migrationFiles(): { version: number; name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 4)), name, sql: readFileSync(new URL(name, dir), 'utf8') }));
}

export async function migrate(db: Kysely<Database>): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    // A migration may rewrite a large table: the sessions' statement timeout does not apply to it.
    await sql`SET LOCAL statement_timeout = 0`.execute(trx);
    await sql`SELECT pg_advisory_xact_lock(${lockClass.migrations})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS pacer_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(trx);
    const done = await sql<{ version: number }>`SELECT version FROM pacer_migrations`.execute(trx);
    const applied = new Set(done.rows.map((r) => r.version));
    const ran: number[] = [];
    for (const m of migrationFiles()) {
      if (applied.has(m.version)) continue;
      await sql.raw(m.sql).execute(trx);
      await sql`INSERT INTO pacer_migrations (version, name) VALUES (${m.version}, ${m.name})`.execute(trx);
      ran.push(m.version);
    }
    return ran;
  });
}
