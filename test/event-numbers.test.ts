// The sequencer numbers events without rewriting them (migrations/0027_event_numbers.sql): it
// finds what it has not numbered by the inserting transaction. The events without a number are
// those of transactions from a horizon on, and of the transactions a pass saw in progress (pending,
// migrations/0028_event_pending.sql); every other event has exactly one. The horizon must move past
// what was numbered and what rolled back, at once (or every pass would read more of the log), and
// a transaction still open must stay pending (or its events would never be numbered), without
// holding the horizon back. On both stores; open transactions on PostgreSQL.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { openEvent } from './support/open-event.ts';
import { eventRepo } from '../src/adapters/store/events.ts';
import { START, testPacer, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const state = async (p: TestPacer) => {
  const row = (await sql<{ h: string; p: string[] }>`SELECT horizon::text AS h, pending::text[] AS p FROM event_sequencer`
    .execute(p.pacer.database.db)).rows[0]!;
  return { horizon: BigInt(row.h), pending: row.p.map(BigInt) };
};

const sequence = async (p: TestPacer) => (await p.pacer.store.transaction((tx) => tx.events.sequence())).numbered;

const txOf = async (p: TestPacer, type: string) =>
  BigInt((await sql<{ x: string }>`SELECT max(tx)::text AS x FROM events WHERE type = ${type}`.execute(p.pacer.database.db)).rows[0]!.x);

const seqs = (p: TestPacer, type: string) => p.pacer.store.transaction(async (tx) =>
  (await tx.events.list({ operationId: '0001', afterSeq: 0, limit: 20_000, types: [type] })).map((e) => e.seq));

for (const { kind, skip } of await storeKinds()) {
  describe(`event numbers on ${kind}`, { skip }, () => {
    test('one pass numbers what committed and moves the horizon past it', async () => {
      const p = await testPacer(kind);
      try {
        await sequence(p);
        await p.pacer.store.transaction(async (tx) => {
          for (let i = 0; i < 3; i++) await tx.events.append({ operationId: '0001', at: START + i, type: 'test.kept' });
        });
        assert.equal(await sequence(p), 3);
        const kept = await txOf(p, 'test.kept');
        const after = await state(p);
        assert.ok(after.horizon > kept && !after.pending.includes(kept), `one pass moves the horizon past the numbered transaction ${kept}`);
        assert.equal(await sequence(p), 0, 'nothing is numbered twice');
        assert.equal((await seqs(p, 'test.kept')).length, 3);
      } finally {
        await p.close();
      }
    });

    test('a transaction that rolls back leaves no event and is not kept pending', async () => {
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
        const after = await state(p);
        assert.ok(undone > 0n && after.horizon > undone && !after.pending.includes(undone), 'the horizon passes the rolled-back transaction');
        assert.deepEqual(await seqs(p, 'test.gone'), []);
      } finally {
        await p.close();
      }
    });

    test('more events than one pass numbers: whole transactions, the rest by the next pass, in order, without a gap', async () => {
      const p = await testPacer(kind);
      try {
        await sequence(p);
        const first = await p.pacer.store.transaction((tx) => tx.events.latestSeq('0001'));
        const insert = (type: string, n: number) => sql`INSERT INTO events (operation_id, at, type, data) SELECT '0001', now(), ${type}, '{}' FROM generate_series(1, ${n})`
          .execute(p.pacer.database.db);
        // Three transactions of 2,000: a pass of at most 5,000 takes the first two whole.
        for (const type of ['test.many.a', 'test.many.b', 'test.many.c']) await insert(type, 2000);
        const pass = () => p.pacer.store.transaction((tx) => tx.events.sequence());
        assert.deepEqual(await pass(), { numbered: 4000, more: true });
        assert.deepEqual(await pass(), { numbered: 2000, more: false });
        // One transaction of 5,003: a transaction is never split, so one pass takes all of it.
        await insert('test.many.d', 5003);
        assert.equal(await sequence(p), 5003);
        assert.equal(await sequence(p), 0);
        const numbers = await seqs(p, 'test.many.');
        assert.deepEqual(numbers, Array.from({ length: 11_003 }, (_, i) => first + 1 + i));
        const total = (await sql<{ n: string; d: string }>`SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM event_numbers`.execute(p.pacer.database.db)).rows[0]!;
        assert.equal(total.n, total.d, 'no event has two numbers');
      } finally {
        await p.close();
      }
    });

    test("a pass leaves the caller's own events to a pass after its commit, even those appended after it", async () => {
      const p = await testPacer(kind);
      try {
        await sequence(p);
        const during = await p.pacer.store.transaction(async (tx) => {
          await tx.events.append({ operationId: '0001', at: START, type: 'test.own.before' });
          const n = (await tx.events.sequence()).numbered;
          await tx.events.append({ operationId: '0001', at: START + 1, type: 'test.own.after' });
          return n;
        });
        assert.equal(during, 0, "a pass does not number its caller's events");
        assert.equal(await sequence(p), 2);
        assert.equal(await sequence(p), 0);
        const [before, later] = [await seqs(p, 'test.own.before'), await seqs(p, 'test.own.after')];
        assert.equal(before.length + later.length, 2);
        assert.ok(before[0]! < later[0]!);
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
      test('an open transaction stays pending, does not hold the horizon, and its event is numbered once it commits', async () => {
        const p = await testPacer(kind);
        const slow = await openEvent(p.schema, 'test.slow');
        try {
          for (let i = 0; i < 3; i++) {
            await p.pacer.store.transaction((tx) => tx.events.append({ operationId: '0001', at: START + i, type: 'test.fast' }));
            assert.equal(await sequence(p), 1);
            const now = await state(p);
            assert.ok(now.horizon > slow.xid, 'the horizon moves past the open transaction');
            assert.ok(now.pending.includes(slow.xid), 'which stays pending');
          }
          await slow.commit();
          assert.equal(await sequence(p), 1);
          assert.ok(!(await state(p)).pending.includes(slow.xid), 'committed and numbered: no longer pending');
          const fast = await seqs(p, 'test.fast');
          assert.deepEqual(await seqs(p, 'test.slow'), [fast[2]! + 1], 'numbered after what was numbered while it was open');
        } finally {
          await slow.end();
          await p.close();
        }
      });

      test('a pass reads only the newest events while a transaction stays open (no event looked up for a number)', async () => {
        const p = await testPacer(kind);
        const slow = await openEvent(p.schema, 'test.slow');
        try {
          await sequence(p);
          await sql`INSERT INTO events (operation_id, at, type, data) SELECT '0001', now(), 'test.bulk', '{}' FROM generate_series(1, 3000)`
            .execute(p.pacer.database.db);
          assert.equal(await sequence(p), 3000);
          await p.pacer.store.transaction((tx) => tx.events.append({ operationId: '0001', at: START, type: 'test.fast' }));
          // What the pass's candidates read: the events of transactions from the horizon on and of
          // the pending ones, while the open transaction is still open.
          const { horizon, pending } = await state(p);
          const seen = (await sql<{ n: string }>`SELECT count(*) AS n FROM events WHERE tx >= ${String(horizon)}::xid8 OR tx = ANY(${pending.map(String)}::xid8[])`
            .execute(p.pacer.database.db)).rows[0]!.n;
          assert.equal(Number(seen), 1, 'only the new event is read, not the 3,000 since the open transaction began');
          assert.equal(await sequence(p), 1);
        } finally {
          await slow.end();
          await p.close();
        }
      });
    }
  });
}
