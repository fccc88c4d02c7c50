// The per-token concurrency limit through real sockets: parallel requests with one token, held in
// flight by a lock the test owns (no sleeps, no timing thresholds), on both stores, and across two
// Pacer processes' worth of instances sharing one PostgreSQL schema.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { postgresUrl, stopSharedEmbedded, storeKinds, type StoreKind } from './support/stores.ts';
import { TOKEN, testPacer, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const AGENT = '1001';
const tooMany = (limit: number) => ({ code: '403', error: 'FORBIDDEN', msg: `EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (${limit})` });

interface Answer { status: number; json: Record<string, unknown> }

/** The real app on a loopback socket; the base URL. */
function listen(p: TestPacer): Promise<string> {
  return p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
}

/** change_status of the held agent through the socket, with the one token. */
async function changeStatus(base: string, status = 'ready'): Promise<Answer> {
  const res = await fetch(`${base}/api/v2/agentbox.php?api=change_status&agent_id=${AGENT}&status=${status}`, {
    method: 'POST', headers: { 'wolkvox-token': TOKEN },
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

interface Hold {
  /** Backends of other sessions waiting for the held lock (PostgreSQL only). */
  waiters(): Promise<number>;
  release(): Promise<void>;
}

/**
 * Holds agent 1001 so that every request on it stays in flight, inside its transaction and with a
 * token slot taken, until `release`. PostgreSQL: a row lock from a separate session. PGlite has
 * one connection, which Pacer's pool shares: a transaction of the test that holds it (and the row).
 */
async function holdAgent(p: TestPacer, kind: StoreKind): Promise<Hold> {
  const hold = await holdAgentOnce(p, kind);
  let releasing: Promise<void> | undefined;
  const release = () => (releasing ??= hold.release());
  holds.push(release);
  return { waiters: () => hold.waiters(), release };
}

/** Releases what a failed test left held, so that closing its Pacer does not wait forever. */
const holds: (() => Promise<void>)[] = [];
async function releaseAll(): Promise<void> {
  await Promise.all(holds.splice(0).map((release) => release()));
}

async function holdAgentOnce(p: TestPacer, kind: StoreKind): Promise<Hold> {
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query('BEGIN');
    await client.query(`SELECT 1 FROM ${p.schema}.agents WHERE operation_id = '0001' AND id = $1 FOR UPDATE`, [AGENT]);
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
    const watcher = new pg.Client({ connectionString: postgresUrl });
    await watcher.connect();
    return {
      async waiters() {
        // Behind the first waiter the others queue on its tuple lock: follow the chain.
        const r = await watcher.query<{ n: number }>(`
          WITH RECURSIVE queue(pid) AS (
            SELECT $1::int
            UNION SELECT a.pid FROM pg_stat_activity a JOIN queue q ON q.pid = ANY(pg_blocking_pids(a.pid)))
          SELECT count(*)::int - 1 AS n FROM queue`, [pid]);
        return r.rows[0]?.n ?? 0;
      },
      async release() {
        await client.query('COMMIT');
        await client.end();
        await watcher.end();
      },
    };
  }
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let held!: () => void;
  const holding = new Promise<void>((resolve) => { held = resolve; });
  const done = p.pacer.database.db.transaction().execute(async (trx) => {
    await trx.selectFrom('agents').select('id').where('id', '=', AGENT).forUpdate().execute();
    held();
    await released;
  });
  await holding;
  return {
    waiters: () => Promise.reject(new Error('not on PGlite')),
    async release() {
      release();
      await done;
    },
  };
}

/** Polls the database (not the clock) until `n` requests wait on the held agent. */
async function untilWaiting(hold: Hold, n: number): Promise<void> {
  while ((await hold.waiters()) < n) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Sends `n` requests at once on the held agent; waits until the `n - limit` over the limit have
 * been refused (with the envelope) while the others are held, then releases them. The statuses, sorted.
 */
async function burst(base: string, hold: Hold, n: number, limit: number): Promise<number[]> {
  const answers = Array.from({ length: n }, () => changeStatus(base));
  const refused: Answer[] = [];
  await new Promise<void>((resolve, reject) => {
    for (const answer of answers) {
      answer.then((a) => {
        if (a.status === 403) refused.push(a);
        if (refused.length === n - limit) resolve();
      }, reject);
    }
  });
  for (const r of refused) assert.deepEqual(r.json, tooMany(limit));
  await hold.release();
  return (await Promise.all(answers)).map((a) => a.status).sort();
}

for (const { kind, skip } of await storeKinds()) {
  describe(`token concurrency on ${kind}`, { skip, timeout: 60_000 }, () => {
    test('six parallel requests with one token: two run, four get the 403 while they do', async () => {
      const p = await testPacer(kind);
      try {
        const base = await listen(p);
        const hold = await holdAgent(p, kind);
        const statuses = await burst(base, hold, 6, 2);
        assert.deepEqual(statuses, [200, 200, 403, 403, 403, 403]);
        // Both slots are free again once the held requests answered.
        assert.equal((await changeStatus(base, '1')).status, 200);
      } finally {
        await releaseAll();
        await p.close();
      }
    });

    test('PACER_TOKEN_CONCURRENCY=1 reproduces the older rule', async () => {
      const p = await testPacer(kind, { env: { PACER_TOKEN_CONCURRENCY: '1' } });
      try {
        const base = await listen(p);
        const hold = await holdAgent(p, kind);
        assert.deepEqual(await burst(base, hold, 3, 1), [200, 403, 403]);
      } finally {
        await releaseAll();
        await p.close();
      }
    });
  });
}

const postgres = (await storeKinds()).find((s) => s.kind === 'postgres');
describe('token concurrency across two Pacer instances on one PostgreSQL schema', { skip: postgres?.skip ?? 'no PostgreSQL', timeout: 60_000 }, () => {
  test('one request in flight on each instance fills the limit of 2 for both', async () => {
    const a = await testPacer('postgres', { keepSchema: true });
    const b = await testPacer('postgres', { schema: a.schema });
    try {
      const [baseA, baseB] = [await listen(a), await listen(b)];
      const hold = await holdAgent(a, 'postgres');
      // One request on each instance: each process's own counter is at 1 of 2, so only the slot
      // row locks in the database can refuse what comes next.
      const onA = changeStatus(baseA);
      const onB = changeStatus(baseB);
      await untilWaiting(hold, 2);
      for (const base of [baseA, baseB]) {
        const over = await changeStatus(base);
        assert.equal(over.status, 403);
        assert.deepEqual(over.json, tooMany(2));
      }
      await hold.release();
      assert.deepEqual([(await onA).status, (await onB).status], [200, 200]);
      assert.equal((await changeStatus(baseB, '1')).status, 200);
    } finally {
      await releaseAll();
      await a.close();
      await b.close();
    }
  });
});
