// One pacing owner per started campaign (src/engine/dialer/pacing-leases.ts) on the virtual clock,
// on both stores: several lease keepers with process ids of their own share one database, as
// processes do. A lease is taken, renewed while its owner beats, taken by another process once it
// expired (a dead owner), given back at once by a graceful stop, and the campaigns are spread
// between the processes. The test Pacer's own dialer is stopped first, so only these keepers hold leases.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, describe, test } from 'node:test';
import { leaseMoves } from '../src/domain/pacing/lease-share.ts';
import { createPacingBus } from '../src/engine/dialer/pacing-bus.ts';
import { createPacingLeases, LEASE_BEAT_MS, LEASE_MS, loneLeases, type PacingLeases } from '../src/engine/dialer/pacing-leases.ts';
import type { Tx } from '../src/engine/ports/store.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, type TestPacer } from './support/pacer.ts';
import { within } from './support/sipp/peer.ts';
import { lockClass } from '../src/adapters/store/advisory-locks.ts';

after(stopSharedEmbedded);
// Before any test is declared: a test declared before a top-level await runs, and the file's
// after-hook with it, before the tests declared after the await.
const kinds = await storeKinds();

const one = { operationId: '0001', campaignId: '1' };
const three = { operationId: '0001', campaignId: '3' };

/** The test Pacer without its dialer and its process row: the keepers below are the only processes. */
async function quiet(kind: 'pglite' | 'postgres'): Promise<TestPacer> {
  const p = await testPacer(kind);
  await p.pacer.engine.background.dialer.stop();
  await p.pacer.database.db.deleteFrom('pacer_processes').execute();
  return p;
}

function keeper(p: TestPacer, id: string): PacingLeases & { took: number } {
  const counted = { took: 0 };
  const k = createPacingLeases({ store: p.pacer.store, clock: p.clock, onError: (e) => { throw e; } }, id, () => { counted.took++; });
  return { ...k, get took() { return counted.took; } };
}

async function start(p: TestPacer, ...ids: string[]) {
  await p.pacer.database.db.updateTable('campaigns').set({ status: 'started' }).where('operation_id', '=', '0001').where('id', 'in', ids).execute();
}

async function addCampaign(p: TestPacer, id: number) {
  await p.pacer.database.db.insertInto('campaigns').values({
    operation_id: '0001', id, name: `Predictive ${id}`, type: 'predictive', skill_id: null, start_time: null, end_time: null, created_at: new Date(p.clock.now()),
  }).execute();
}

const lease = (p: TestPacer, campaignId: string) => p.pacer.database.db.selectFrom('pacing_leases').selectAll()
  .where('operation_id', '=', '0001').where('campaign_id', '=', campaignId).executeTakeFirst();

test('lease moves: take free campaigns up to the share, give back one over it only when none is free', () => {
  const view = (owners: (string | null)[]) => owners.map((owner, i) => ({ key: String(i), owner }));
  assert.deepEqual(leaseMoves(view([null, null, null]), 'a', 1), { take: ['0', '1', '2'], shed: [] });
  assert.deepEqual(leaseMoves(view([null, null, null]), 'a', 2), { take: ['0', '1'], shed: [] });
  assert.deepEqual(leaseMoves(view(['b', null, null]), 'a', 2), { take: ['1', '2'], shed: [] });
  assert.deepEqual(leaseMoves(view(['a', 'a', 'a', 'a']), 'a', 2), { take: [], shed: ['3'] });
  assert.deepEqual(leaseMoves(view(['a', 'a', 'a', null]), 'a', 2), { take: [], shed: [] });
  assert.deepEqual(leaseMoves(view(['b', 'b']), 'a', 2), { take: [], shed: [] });
  assert.deepEqual(leaseMoves([], 'a', 0), { take: [], shed: [] });
});

test('an outcome of a campaign this process surely paces stays in the process; any other is published to the others', async () => {
  const bus = createPacingBus();
  const published: string[] = [];
  const heard: string[] = [];
  const commits: (() => void)[] = [];
  const tx = { afterCommit: (f: () => void) => commits.push(f), pacing: { publish: (m: { callId?: string }) => { published.push(m.callId ?? ''); return Promise.resolve(); } } } as unknown as Tx;
  bus.listen((_o, _c, callId) => heard.push(callId));
  bus.pacedHere((operationId, campaignId) => operationId === '0001' && campaignId === '1');
  await bus.emit(tx, '0001', '1', 'mine', { type: 'dial', tS: 1 });
  await bus.emit(tx, '0001', '2', 'theirs', { type: 'dial', tS: 1 });
  for (const f of commits) f();
  assert.deepEqual(published, ['theirs'], 'no NOTIFY for the campaign paced here');
  assert.deepEqual(heard, ['mine', 'theirs'], 'this process hears both once they commit');
});

for (const { kind, skip } of kinds) {
  describe(`pacing leases on ${kind}`, { skip }, () => {
    test('one owner at a time: renewed while it beats, taken by another once it expired', async () => {
      const p = await quiet(kind);
      try {
        await start(p, '1');
        const a = keeper(p, 'process-a');
        const b = keeper(p, 'process-b');
        await a.beat();
        assert.ok(a.holds(one) && a.took === 1, 'the first process to beat takes the free campaign');
        const first = await lease(p, '1');
        assert.equal(first?.owner, 'process-a');
        assert.equal(first?.expires_at.getTime(), p.clock.now() + LEASE_MS, 'the lease runs on the engine clock');
        // Sure of it (its outcomes need not be published) while what the beat renewed has more than a second to run.
        const beatAt = p.clock.now();
        assert.ok(a.surelyHolds(one, beatAt) && a.surelyHolds(one, beatAt + LEASE_MS - 1001));
        assert.ok(!a.surelyHolds(one, beatAt + LEASE_MS - 1000), 'not in the last second of the lease: a stalled process is not sure');
        assert.ok(!b.surelyHolds(one, beatAt) && !a.surelyHolds(three, beatAt));
        // A beats every 2 s for a minute; B never gets it.
        for (let i = 0; i < 30; i++) {
          await p.clock.advance(LEASE_BEAT_MS);
          await a.beat();
          await b.beat();
          assert.ok(a.holds(one) && !b.holds(one), `A holds it at beat ${i}`);
        }
        // A dies: it stops beating. Its lease stands until it expires, then B takes it.
        await p.clock.advance(LEASE_MS - 1);
        await b.beat();
        assert.ok(!b.holds(one), 'not before the lease expired');
        await p.clock.advance(1);
        await b.beat();
        assert.ok(b.holds(one) && b.took === 1, 'B took the campaign once the lease expired');
        const taken = await lease(p, '1');
        assert.equal(taken?.owner, 'process-b');
        assert.equal(taken?.since.getTime(), first?.since.getTime(), 'the history of the campaign runs on');
        // A comes back (a stalled process): it does not get the campaign back, and knows it.
        await a.beat();
        assert.ok(!a.holds(one) && b.holds(one));
        const held = await p.pacer.store.transaction(async (tx) => [
          await tx.pacing.held(one, 'process-a', p.clock.now()), await tx.pacing.held(one, 'process-b', p.clock.now())]);
        assert.deepEqual(held.map((h) => h !== undefined), [false, true], 'a pacing decision checks the lease in the database');
      } finally {
        await p.close();
      }
    });

    test('a lone process takes every lease at its first beat, whoever held it, and keeps it with a beat a minute', async () => {
      const p = await quiet(kind);
      try {
        await start(p, '1');
        // A process that died holding the lease for an hour more (a lone process's lease is long).
        await p.pacer.database.db.insertInto('pacing_leases').values({
          operation_id: '0001', campaign_id: '1', owner: 'dead-process', expires_at: new Date(p.clock.now() + 3600_000), since: new Date(p.clock.now()),
        }).execute();
        const lone = createPacingLeases({ store: p.pacer.store, clock: p.clock, onError: (e) => { throw e; } }, 'process-lone', () => undefined, loneLeases);
        await lone.beat();
        assert.ok(lone.holds(one), 'taken at the first beat');
        assert.equal((await lease(p, '1'))?.expires_at.getTime(), p.clock.now() + loneLeases.leaseMs);
        assert.equal(loneLeases.beatMs, 60_000);
      } finally {
        await p.close();
      }
    });

    test('a graceful stop gives the lease back at once', async () => {
      const p = await quiet(kind);
      try {
        await start(p, '1');
        const a = keeper(p, 'process-a');
        const b = keeper(p, 'process-b');
        await a.beat();
        await b.beat();
        assert.ok(a.holds(one) && !b.holds(one));
        await a.stop();
        assert.equal((await lease(p, '1'))?.owner, null);
        await b.beat(); // no time has passed
        assert.ok(b.holds(one), 'the other process took it at its next beat');
      } finally {
        await p.close();
      }
    });

    test('processes spread the campaigns; a newcomer gets its share; a stopped campaign forgets its lease', async () => {
      const p = await quiet(kind);
      try {
        await addCampaign(p, 3);
        await start(p, '1', '3');
        const a = keeper(p, 'process-a');
        await a.beat();
        assert.ok(a.holds(one) && a.holds(three), 'alone, a process paces every campaign');
        const b = keeper(p, 'process-b');
        await b.beat(); // B is alive now, and finds nothing free
        assert.ok(!b.holds(one) && !b.holds(three));
        await p.clock.advance(LEASE_BEAT_MS);
        await a.beat(); // two processes: A's share is one, it gives one back
        await b.beat();
        assert.equal([a.holds(one), a.holds(three)].filter(Boolean).length, 1, 'A kept one campaign');
        assert.equal([b.holds(one), b.holds(three)].filter(Boolean).length, 1, 'B took the other');
        for (let i = 0; i < 10; i++) {
          await p.clock.advance(LEASE_BEAT_MS);
          await a.beat();
          await b.beat();
        }
        assert.equal([a.holds(one), a.holds(three), b.holds(one), b.holds(three)].filter(Boolean).length, 2, 'settled: no campaign traded back and forth');
        assert.ok(a.holds(one) !== b.holds(one));
        // A stopped campaign's lease is deleted: its next start begins a new history.
        const before = await lease(p, '1');
        await p.pacer.database.db.updateTable('campaigns').set({ status: 'stopped' }).where('id', '=', '1').execute();
        await a.beat();
        assert.equal(await lease(p, '1'), undefined);
        assert.ok(!a.holds(one) && !b.holds(one));
        await p.clock.advance(LEASE_BEAT_MS);
        await start(p, '1');
        await a.beat();
        await b.beat();
        const again = await lease(p, '1');
        assert.ok(again && before && again.since.getTime() > before.since.getTime());
      } finally {
        await p.close();
      }
    });
  });
}

// Advisory locks are the database's: the pacing lock is named with its schema (advisory-locks.ts),
// so Pacers in two schemas of one database never wait for each other's decisions.
describe('the pacing lock of an operation is its schema\'s own', { skip: kinds.find((k) => k.kind === 'postgres')?.skip ?? false }, () => {
  test('another schema decides at once; the same schema waits for the holder to commit', async () => {
    const a = await quiet('postgres');
    const b = await quiet('postgres');
    let release = () => {};
    const held = new Promise<void>((resolve) => { release = resolve; });
    try {
      let locked = () => {};
      const isLocked = new Promise<void>((resolve) => { locked = resolve; });
      const holding = a.pacer.store.transaction(async (tx) => { await tx.pacing.serialize('0001'); locked(); await held; });
      await isLocked;
      await within(5000, 'a decision in another schema', b.pacer.store.transaction((tx) => tx.pacing.serialize('0001')));
      let decided = false;
      const same = a.pacer.store.transaction(async (tx) => { await tx.pacing.serialize('0001'); decided = true; });
      // The second decision of schema a waits on the lock (seen in pg_locks), until the first commits.
      await within(5000, 'the second decision waiting on the lock', (async () => {
        for (;;) {
          const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = ${lockClass.pacing} AND NOT granted`.execute(a.pacer.database.db);
          if ((rows[0]?.n ?? 0) > 0) return;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })());
      assert.equal(decided, false);
      release();
      await holding;
      await same;
      assert.equal(decided, true);
    } finally {
      release();
      await a.close();
      await b.close();
    }
  });
});
