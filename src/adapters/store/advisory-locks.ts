// PostgreSQL's advisory locks are the database's, not a schema's: Pacers in different schemas of one
// database (a staging beside production, the test suite's parallel files) would wait for each
// other's locks of the same name. Each lock here is a class (the first key) and a name hashed with
// the schema it is taken in (the second), so they never meet.
import { sql, type RawBuilder } from 'kysely';

/** The classes of Pacer's advisory locks. */
export const lockClass = {
  /** Migrations: one process migrates at a time, whatever the schema (global on purpose). */
  migrations: 7142001,
  /** The next campaign id of an operation. */
  campaignIds: 7142002,
  /** A pacing decision of an operation. */
  pacing: 7142003,
} as const;

/** Takes the transaction-scoped lock `name` of `lock` in the current schema. */
export function schemaLock(lock: Exclude<keyof typeof lockClass, 'migrations'>, name: string): RawBuilder<unknown> {
  return sql`SELECT pg_advisory_xact_lock(${lockClass[lock]}, hashtext(current_schema() || '/' || ${name}))`;
}
