// What Pacer answered, it keeps (SPEC §7, issue 10), on PostgreSQL: a Pacer process under load —
// recalls, dispositions and record loads sent in parallel — is killed with SIGKILL mid-flight. A
// new process on the same database has every change that was answered 2xx, and every callback that
// fell due across the kill and the restart is reminded exactly once. The processes are real (this is
// about a process dying), so the test waits on the wall clock, bounded, for callbacks to fall due.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { killHard, scratchDatabase, startPacer, type PacerProcess } from './support/pacer-process.ts';
import { postgresAvailable } from './support/stores.ts';

const TOKEN = 'durability-token-0001';
const available = await postgresAvailable();
/** A database of its own: `npm start` uses its database's default schema. */
const database = available ? await scratchDatabase('pacer_durability') : undefined;
after(() => database?.drop());

const start = (): Promise<PacerProcess> => startPacer({
  DATABASE_URL: database?.url ?? '', PACER_DEMO_TOKEN: TOKEN, PACER_NATIVE_RATE: '100000', PACER_QUOTA_PER_LICENSE: '1000000',
});

/** A native request; undefined when the process died before answering. */
async function v1(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any } | undefined> {
  try {
    const r = await fetch(`${base}${path}`, {
      method, headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, json: await r.json().catch(() => undefined) };
  } catch {
    return undefined;
  }
}

test('what was answered survives a SIGKILL under load, and callbacks due across the restart are reminded once', { skip: !available, timeout: 180_000 }, async (t) => {
  const first = await start();
  let second: PacerProcess | undefined;
  try {
    const answered = { callbacks: [] as string[], customers: [] as string[], dispositions: [] as { callId: string; code: string }[] };
    let killed = false;
    let n = 0;
    const unique = () => String(++n).padStart(7, '0');

    // Manual recalls due from 1.5 s to 6 s after they are made: some fall due before the kill, some
    // while no process runs, some after the restart.
    const recalls = async (agent: string) => {
      while (!killed) {
        const at = new Date(Date.now() + 1500 + Math.floor(Math.random() * 4500)).toISOString();
        const r = await v1(first.base, 'POST', `/v1/agents/${agent}/recall`, { phone: `300${unique()}`, at, type: 'manual' });
        if (r?.status === 201) answered.callbacks.push(String(r.json.callback_id));
        else if (r) assert.fail(`recall answered ${r.status}: ${JSON.stringify(r.json)}`);
      }
    };
    const loads = async () => {
      while (!killed) {
        const rows = Array.from({ length: 25 }, () => {
          const id = `D${unique()}`;
          return { customer_id: id, tel1: `310${id.slice(1)}`, customer_name: 'Durable' };
        });
        const r = await v1(first.base, 'POST', '/v1/campaigns/1/records', { records: rows });
        if (r?.status === 200 || r?.status === 201) answered.customers.push(...rows.map((x) => x.customer_id));
        else if (r) assert.fail(`record load answered ${r.status}: ${JSON.stringify(r.json)}`);
      }
    };
    // Each call of an agent: ready, dial, hang up, disposition.
    const dispositions = async (agent: string) => {
      const codes = ['SALE', 'NOSALE', 'CALLBACK', 'WRONG'];
      for (let i = 0; !killed; i++) {
        if ((await v1(first.base, 'POST', `/v1/agents/${agent}/status`, { status: 'ready' }))?.status !== 200) continue;
        const dial = await v1(first.base, 'POST', `/v1/agents/${agent}/dial`, { phone: `320${unique()}` });
        if (dial?.status !== 200) continue;
        if ((await v1(first.base, 'POST', `/v1/agents/${agent}/hang`))?.status !== 200) continue;
        const code = codes[i % codes.length] ?? 'SALE';
        const r = await v1(first.base, 'POST', `/v1/agents/${agent}/disposition`, { cod_act: code });
        if (r?.status === 200) answered.dispositions.push({ callId: String(dial.json.conn_id), code });
      }
    };

    const workers = [
      ...['1001', '1002', '1003', '1004'].map(recalls), loads(), loads(),
      ...['1006', '1007', '1008', '1009', '1010'].map(dispositions),
    ];
    // Kill once enough was answered, with requests of every kind still in flight.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (answered.callbacks.length < 300 || answered.customers.length < 500 || answered.dispositions.length < 20)) {
      await new Promise((r) => setTimeout(r, 50));
    }
    killed = true;
    const killedAt = Date.now();
    await killHard(first.child);
    await Promise.all(workers);
    assert.ok(answered.callbacks.length >= 300 && answered.customers.length >= 500 && answered.dispositions.length >= 20,
      `enough was answered before the kill: ${answered.callbacks.length} recalls, ${answered.customers.length} records, ${answered.dispositions.length} dispositions`);

    second = await start();
    const db = new pg.Client({ connectionString: database?.url });
    await db.connect();
    try {
      const callbacks = await db.query<{ id: string }>('SELECT id FROM callbacks WHERE id = ANY($1::bigint[])', [answered.callbacks]);
      assert.equal(callbacks.rowCount, answered.callbacks.length, 'every answered recall is there');
      const records = await db.query<{ n: string }>(`SELECT count(*) AS n FROM records WHERE operation_id = '0001' AND campaign_id = 1 AND customer_id = ANY($1)`, [answered.customers]);
      assert.equal(Number(records.rows[0]?.n), answered.customers.length, 'every answered record load is there, whole');
      const calls = await db.query<{ id: string; cod_act: string }>('SELECT id, cod_act FROM calls WHERE id = ANY($1)', [answered.dispositions.map((d) => d.callId)]);
      const codeOf = new Map(calls.rows.map((c) => [c.id, c.cod_act]));
      assert.ok(answered.dispositions.every((d) => codeOf.get(d.callId) === d.code), 'every answered disposition is there');

      // Every callback, answered or made in the last instant before the kill, is reminded once.
      const waitUntil = Date.now() + 60_000;
      let pending = Infinity;
      while (pending > 0 && Date.now() < waitUntil) {
        pending = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM callbacks WHERE status = 'pending'`)).rows[0]?.n);
        if (pending > 0) await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(pending, 0, 'every callback fell due and was reminded');
      const reminders = await db.query<{ id: string; n: string; first_at: Date }>(`
        SELECT data->>'callback_id' AS id, count(*) AS n, min(at) AS first_at FROM events
        WHERE type = 'callback.reminder' GROUP BY 1`);
      const count = new Map(reminders.rows.map((r) => [r.id, Number(r.n)]));
      const twice = reminders.rows.filter((r) => Number(r.n) > 1).map((r) => r.id);
      assert.deepEqual(twice, [], 'no callback reminded twice');
      assert.ok(answered.callbacks.every((id) => count.get(id) === 1), 'every answered recall reminded once');
      const before = reminders.rows.filter((r) => r.first_at.getTime() < killedAt).length;
      const afterRestart = reminders.rows.length - before;
      t.diagnostic(`answered before the kill: ${answered.callbacks.length} recalls, ${answered.customers.length} records, ${answered.dispositions.length} dispositions; ${reminders.rows.length} callbacks reminded, ${before} before the kill and ${afterRestart} after the restart, none twice`);
      assert.ok(before > 0 && afterRestart > 0, `reminders on both sides of the kill: ${before} before, ${afterRestart} after`);
    } finally {
      await db.end();
    }
  } finally {
    await killHard(first.child);
    if (second) await killHard(second.child);
  }
});
