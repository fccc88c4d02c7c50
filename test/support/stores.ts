// The stores every store and server suite runs on: the embedded PGlite (one per test file, each
// test in its own schema) and a real PostgreSQL (each test in its own schema). In CI both must
// run; elsewhere the PostgreSQL suite is skipped with a note when no server answers.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '../../src/adapters/store/database.ts';
import { startEmbedded, type EmbeddedDatabase } from '../../src/adapters/store/embedded.ts';

export type StoreKind = 'pglite' | 'postgres';

export const postgresUrl = process.env.PACER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const inCi = process.env.CI === 'true';

let embedded: Promise<EmbeddedDatabase> | undefined;

/** The embedded database of this test file, started on first use and stopped at exit. */
export function sharedEmbedded(): Promise<EmbeddedDatabase> {
  embedded ??= startEmbedded(null);
  return embedded;
}

export async function stopSharedEmbedded(): Promise<void> {
  if (embedded) await (await embedded).stop();
  embedded = undefined;
}

let postgresUp: Promise<boolean> | undefined;

export function postgresAvailable(): Promise<boolean> {
  postgresUp ??= (async () => {
    const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (error) {
      if (inCi) throw new Error(`PostgreSQL is required in CI and did not answer at ${postgresUrl}: ${String(error)}`);
      return false;
    }
  })();
  return postgresUp;
}

export function uniqueSchema(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** The suites to run in this environment: both stores, PostgreSQL only when it answers. */
export async function storeKinds(): Promise<{ kind: StoreKind; skip: string | false }[]> {
  const pgUp = await postgresAvailable();
  return [
    { kind: 'pglite', skip: false },
    { kind: 'postgres', skip: pgUp ? false : `no PostgreSQL at ${postgresUrl}` },
  ];
}

/** One connection to `kind` in `schema`, for a test that migrates or makes its own tables there. */
export async function openSchemaDatabase(kind: StoreKind, schema: string, statementTimeoutS = 30): Promise<OpenDatabase> {
  return openDatabase({
    databaseUrl: kind === 'postgres' ? postgresUrl : null, dataDir: null, poolSize: 1, schema, statementTimeoutS,
    embedded: kind === 'pglite' ? await sharedEmbedded() : undefined,
  });
}
