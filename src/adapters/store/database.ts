// Opens the database: PostgreSQL at DATABASE_URL, or the embedded PGlite in a worker thread.
// Both are reached with the same `pg` driver and the same Kysely dialect.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { startEmbedded, type EmbeddedDatabase } from './embedded.ts';
import { preparingPool } from './prepared.ts';
import type { Database } from './schema.ts';

// bigint (int8) columns come back as strings; counts are small enough to be numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => v);

export interface OpenDatabase {
  db: Kysely<Database>;
  /** The same database through connections of its own, for urgent transactions (the same `db` on the embedded store). */
  urgentDb: Kysely<Database>;
  kind: 'postgres' | 'embedded';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  /** Directory of the embedded store; null keeps it in memory. */
  dataDir: string | null;
  poolSize: number;
  /** PostgreSQL schema to use (tests isolate themselves this way). */
  schema?: string;
  /** Reuse an already running embedded database (tests share one per file). */
  embedded?: EmbeddedDatabase;
  /** Any one statement is cancelled after this long (a runaway query must not hold a connection). */
  statementTimeoutS: number;
}

/**
 * Connections to PostgreSQL for urgent transactions, beside the pool of PACER_DB_POOL. Answers come
 * in bunches after a dialer batch: with 3, at 500 agents and 46 answers a second, the p99 wait for
 * one of them was 110 ms; with 8, 42 ms (bench:sip, BENCHMARKS.md). Each is opened when first needed.
 */
export const urgentConnections = 8;

export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let poolConfig: pg.PoolConfig;
  if (options.databaseUrl) {
    poolConfig = { connectionString: options.databaseUrl, max: options.poolSize };
  } else {
    embedded = options.embedded ?? (await startEmbedded(options.dataDir));
    // PGlite is a single session: one connection, so transactions never interleave.
    const channel = embedded;
    poolConfig = { stream: () => channel.connect(), user: 'postgres', database: 'postgres', max: 1 };
  }
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  const timeoutMs = Math.round(options.statementTimeoutS * 1000);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new Error(`bad statement timeout ${options.statementTimeoutS}`);
  const kysely = (config: pg.PoolConfig) => {
    // Pipeline mode: a query is sent without waiting for the answers to those before it (Kysely still
    // awaits each one; only held statements go ahead, see held-statements.ts).
    const pool = new pg.Pool({ ...config, idleTimeoutMillis: 0, pipeline: true });
    pool.on('error', () => { /* a dropped idle connection is replaced on next use */ });
    // Every session: the statement timeout, and the schema of this Pacer when it has one (tests).
    pool.on('connect', (client) => {
      const inSchema = schema === undefined ? '' : `CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}; `;
      client.query(`${inSchema}SET statement_timeout = ${timeoutMs}`).catch(() => undefined);
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  };
  const db = kysely(poolConfig);
  // PostgreSQL: the answer path's own few connections. PGlite is one session: it shares it.
  const urgentDb = embedded ? db : kysely({ ...poolConfig, max: urgentConnections });
  const ownsEmbedded = embedded && !options.embedded;
  return {
    db, urgentDb,
    kind: embedded ? 'embedded' : 'postgres',
    async close() {
      await db.destroy();
      if (urgentDb !== db) await urgentDb.destroy();
      if (ownsEmbedded) await embedded?.stop();
    },
  };
}
