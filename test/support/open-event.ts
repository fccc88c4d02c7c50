// An event appended on a connection of its own whose transaction stays open until the test commits
// it (PostgreSQL only): how a test makes an event that commits after others were numbered.
import pg from 'pg';
import { postgresUrl } from './stores.ts';

export interface OpenEvent {
  /** The open transaction's id (xid8). */
  xid: bigint;
  commit(): Promise<void>;
  /** Closes the connection (rolls back what was not committed). */
  end(): Promise<void>;
}

export async function openEvent(schema: string, type: string): Promise<OpenEvent> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${schema}`);
    await client.query('BEGIN');
    await client.query(`INSERT INTO events (operation_id, at, type, data) VALUES ('0001', now(), $1, '{}')`, [type]);
    const xid = BigInt((await client.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0]!.x);
    return { xid, commit: async () => { await client.query('COMMIT'); }, end: () => client.end() };
  } catch (error) {
    await client.end();
    throw error;
  }
}
