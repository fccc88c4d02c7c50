// The embedded store's channel (port-stream.ts, port-server.ts): `pg` over a MessagePort to the
// PGlite worker. Values parse as they do on PostgreSQL; transactions of two connections on the one
// PGlite session never interleave; a connection that goes away mid-transaction is rolled back.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import '../src/adapters/store/database.ts';
import { sharedEmbedded, stopSharedEmbedded, uniqueSchema } from './support/stores.ts';

after(stopSharedEmbedded);

async function client(): Promise<pg.Client> {
  const embedded = await sharedEmbedded();
  const c = new pg.Client({ stream: () => embedded.connect(), user: 'postgres', database: 'postgres' });
  await c.connect();
  return c;
}

describe('embedded channel', () => {
  test('values parse as pg parses them from PostgreSQL', async () => {
    const c = await client();
    try {
      const r = await c.query(`SELECT 9007199254740993::int8 AS big, 7::int4 AS small, '2026-03-02T15:00:00Z'::timestamptz AS at,
        '{"a":[1,"x"]}'::json AS j, '{"b":true}'::jsonb AS jb, 1.50::numeric AS num, NULL::text AS nothing, $1::text AS param`, ['é ü']);
      assert.deepEqual(r.rows[0], {
        big: '9007199254740993', small: 7, at: new Date('2026-03-02T15:00:00Z'), j: { a: [1, 'x'] }, jb: { b: true }, num: '1.50', nothing: null, param: 'é ü',
      });
    } finally {
      await c.end();
    }
  });

  test('a second connection waits for the first one\'s transaction', async () => {
    const schema = uniqueSchema();
    const a = await client();
    const b = await client();
    try {
      await a.query(`CREATE TABLE ${schema}_t (id int)`);
      await a.query('BEGIN');
      await a.query(`INSERT INTO ${schema}_t VALUES (1)`);
      // Sent while a's transaction is open: it runs after a's COMMIT, so it sees the row.
      const seen = b.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}_t`);
      await a.query(`INSERT INTO ${schema}_t VALUES (2)`);
      await a.query('COMMIT');
      assert.equal((await seen).rows[0]?.n, 2);
    } finally {
      await a.query(`DROP TABLE IF EXISTS ${schema}_t`);
      await a.end();
      await b.end();
    }
  });

  test('a connection closed mid-transaction is rolled back and frees the session', async () => {
    const schema = uniqueSchema();
    const a = await client();
    const b = await client();
    try {
      await b.query(`CREATE TABLE ${schema}_t (id int)`);
      await a.query('BEGIN');
      await a.query(`INSERT INTO ${schema}_t VALUES (1)`);
      const waiting = b.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}_t`);
      a.on('error', () => undefined);
      (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      assert.equal((await waiting).rows[0]?.n, 0);
    } finally {
      await b.query(`DROP TABLE IF EXISTS ${schema}_t`);
      await b.end();
    }
  });
});
