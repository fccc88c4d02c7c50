// The sequencer numbers events without rewriting them (migrations/0027_event_numbers.sql): it
// finds what it has not numbered by the inserting transaction, from a horizon below which every
// committed event has its number. The horizon must move past what was numbered and past what
// rolled back (or every pass would read more of the log), and must not pass a transaction still
// open (or its events would never be numbered). On both stores; the open transaction on PostgreSQL.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { openEvent } from './support/open-event.ts';
import { eventRepo } from '../src/adapters/store/events.ts';
import { START, testPacer, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const horizon = async (p: TestPacer) =>
  BigInt((await sql<{ h: string }>`SELECT horizon::text AS h FROM event_sequencer`.execute(p.pacer.database.db)).rows[0]!.h);

const sequence = (p: TestPacer) => p.pacer.store.transaction((tx) => tx.events.sequence());

/**
 * Whether passes move the horizon past `xid`. The horizon is the snapshot's xmin, and on a shared
 * PostgreSQL another test file's open transaction holds it back until it ends: passes are
 * repeated for up to 30 s (at once on PGlite, where no one else runs).
 */
async function horizonPasses(p: TestPacer, xid: bigint): Promise<boolean> {
  for (let i = 0; i < 300; i++) {
    await sequence(p);
    if (await horizon(p) > xid) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

const seqs = (p: TestPacer, type: string) => p.pacer.store.transaction(async (tx) =>
  (await tx.events.list({ operationId: '0001', afterSeq: 0, limit: 10_000, types: [type] })).map((e) => e.seq));

for (const { kind, skip } of await storeKinds()) {
  describe(`event numbers on ${kind}`, { skip }, () => {
    test('the horizon moves past what a pass numbered', async () => {
      const p = await testPacer(kind);
      try {
        await sequence(p);
        await p.pacer.store.transaction(async (tx) => {
          for (let i = 0; i < 3; i++) await tx.events.append({ operationId: '0001', at: START + i, type: 'test.kept' });
        });
        assert.equal(await sequence(p), 3);
        const kept = (await sql<{ x: string }>`SELECT max(tx)::text AS x FROM events WHERE type = 'test.kept'`.execute(p.pacer.database.db)).rows[0]!.x;
        assert.ok(await horizonPasses(p, BigInt(kept)), `the horizon passes the numbered events' transaction ${kept}`);
        assert.equal(await sequence(p), 0, 'nothing is numbered twice');
        assert.equal((await seqs(p, 'test.kept')).length, 3);
      } finally {
        await p.close();
      }
    });

    test('a transaction that rolls back leaves no event and does not hold the horizon', async () => {
      const p = await testPacer(kind);
      try {
        await sequence(p);
        let undone = 0n;
        await assert.rejects(p.pacer.database.db.transaction().execute(async (trx) => {
          await sql`INSERT INTO events (operation_id, at, type, data) VALUES ('0001', now(), 'test.gone', '{}')`.execute(trx);
          undone = BigInt((await sql<{ x: string }>`SELECT pg_current_xact_id()::text AS x`.execute(trx)).rows[0]!.x);
          throw new Error('undone');
        }), /undone/);
        await p.pacer.store.transaction((tx) => tx.events.append({ operationId: '0001', at: START, type: 'test.kept' }));
        assert.equal(await sequence(p), 1);
        assert.ok(undone > 0n && await horizonPasses(p, undone), 'the horizon passes the rolled-back transaction');
        assert.deepEqual(await seqs(p, 'test.gone'), []);
      } finally {
        await p.close();
      }
    });

    test('more events than one pass numbers: the rest are numbered by the next pass, in order, without a gap', async () => {
      const p = await testPacer(kind);
      try {
        await sequence(p);
        const first = await p.pacer.store.transaction((tx) => tx.events.latestSeq('0001'));
        await sql`INSERT INTO events (operation_id, at, type, data) SELECT '0001', now(), 'test.many', '{}' FROM generate_series(1, 5003)`
          .execute(p.pacer.database.db);
        assert.equal(await sequence(p), 5000);
        assert.equal(await sequence(p), 3);
        assert.equal(await sequence(p), 0);
        const numbers = await seqs(p, 'test.many');
        assert.deepEqual(numbers, Array.from({ length: 5003 }, (_, i) => first + 1 + i));
      } finally {
        await p.close();
      }
    });

    test("a pass inside the caller's transaction leaves the caller's planner settings as they were", async () => {
      const p = await testPacer(kind);
      try {
        const settings = await p.pacer.database.db.transaction().execute(async (trx) => {
          await sql`SET LOCAL enable_hashjoin = off`.execute(trx);
          await eventRepo(trx).sequence();
          return (await sql<{ s: string; h: string; m: string; j: string }>`
            SELECT current_setting('enable_seqscan') AS s, current_setting('enable_hashjoin') AS h, current_setting('enable_mergejoin') AS m,
              current_setting('jit') AS j`.execute(trx)).rows[0];
        });
        const jit = (await sql<{ j: string }>`SELECT current_setting('jit') AS j`.execute(p.pacer.database.db)).rows[0]!.j;
        assert.deepEqual(settings, { s: 'on', h: 'off', m: 'on', j: jit });
      } finally {
        await p.close();
      }
    });

    if (kind === 'postgres') {
      test('an open transaction holds the horizon below it until it ends, and its event is numbered then', async () => {
        const p = await testPacer(kind);
        const slow = await openEvent(p.schema, 'test.slow');
        try {
          const slowXid = slow.xid;
          for (let i = 0; i < 3; i++) {
            await p.pacer.store.transaction((tx) => tx.events.append({ operationId: '0001', at: START + i, type: 'test.fast' }));
            assert.equal(await sequence(p), 1);
            assert.ok(await horizon(p) <= slowXid, 'the horizon stays at or below the open transaction');
          }
          await slow.commit();
          assert.equal(await sequence(p), 1);
          assert.ok(await horizonPasses(p, slowXid));
          const fast = await seqs(p, 'test.fast');
          assert.deepEqual(await seqs(p, 'test.slow'), [fast[2]! + 1], 'numbered after what was numbered while it was open');
        } finally {
          await slow.end();
          await p.close();
        }
      });
    }
  });
}
