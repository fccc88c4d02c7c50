// `npm run bench:selection [-- N] [--claims 200] [--batch 10] [--write] [--keep]`: how long the dialer
// takes to select records as a campaign grows to millions of them (default N = 2,000,000).
//
// Loads one campaign in a fresh PostgreSQL schema (migrated like Pacer's, dropped afterwards) with
// INSERT … SELECT generate_series, in stages of 10k, 100k, 1M, 2M… up to N, with a mix of zones
// (one of them outside the calling window at the measured instant), records done, retries due and
// not yet due, two-phone records, DNC numbers and pending campaign recalls. After each stage it
// times, through the store's own repositories, the claims the dialer makes: records due for a
// retry first, never-tried records, and the whole selection of one pacing decision (due recalls,
// records, DNC check). Claims commit, as the dialer's do, so each one starts where the last ended.
// At the end it prints EXPLAIN (ANALYZE, BUFFERS) of the claim queries. --write puts the results
// into BENCHMARKS.md between `<!-- selection:start -->` and `<!-- selection:end -->`.
// Bounded: N ≤ 5,000,000, claims ≤ 2,000 per series, and the run stops after 30 minutes. --keep
// leaves the schema in place to look at plans by hand.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, type CompiledQuery, type Transaction } from 'kysely';
import pg from 'pg';
import { defaultCallingSchedule } from '../src/domain/calling-schedule.ts';
import { defaultOutboundPolicy } from '../src/domain/outbound-number.ts';
import { openTimeZones } from '../src/domain/calling-window.ts';
import { callbackRepo } from '../src/adapters/store/callbacks.ts';
import { dialingRepo } from '../src/adapters/store/dialing.ts';
import { dncRepo } from '../src/adapters/store/dnc.ts';
import { migrate } from '../src/adapters/store/migrate.ts';
import { preparingPool } from '../src/adapters/store/prepared.ts';
import type { Database } from '../src/adapters/store/schema.ts';
import type { DialCampaign } from '../src/engine/ports/dialing.ts';
import { machine, writeSection } from './benchmarks-file.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    claims: { type: 'string', default: '200' }, batch: { type: 'string', default: '10' }, write: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const total = Number(positionals[0] ?? 2_000_000);
const claims = Number(values.claims);
const batch = Number(values.batch);
if (!Number.isInteger(total) || total < 10_000 || total > 5_000_000) throw new Error('N must be a whole number from 10,000 to 5,000,000');
if (!Number.isInteger(claims) || claims < 10 || claims > 2000) throw new Error('--claims must be from 10 to 2,000');
if (!Number.isInteger(batch) || batch < 1 || batch > 100) throw new Error('--batch must be from 1 to 100');

const databaseUrl = process.env.PACER_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_selection_${process.pid}`;
const deadline = setTimeout(() => {
  console.error('bench:selection: stopped after 30 minutes');
  process.exit(1);
}, 30 * 60_000);
deadline.unref();

// The measured instant: Tuesday 3 March 2026, 10:00 in Bogota. Bogota, Lima, Mexico City (09:00),
// New York (10:00) and Madrid (16:00) are inside the default schedule; Tokyo (00:00) is not.
const t0 = Date.parse('2026-03-03T15:00:00Z');
/** Before every retry falls due, so that only never-tried records are claimable. */
const tEarly = Date.parse('2026-02-24T15:00:00Z');
const zones = ['America/Bogota', 'America/Mexico_City', 'America/Lima', 'America/New_York', 'Europe/Madrid', 'Asia/Tokyo'];

// Every connection reads the bench schema; the claims go through named prepared statements, as in Pacer.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: `-c search_path=${schema}` });
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
/** The same database, logging the statements it sends (to explain exactly those). */
const captured: CompiledQuery[] = [];
const logged = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => { if (event.level === 'query') captured.push(event.query); },
});

async function setup(): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await migrate(logged);
  const now = new Date(t0);
  await db.insertInto('operations').values({ id: '0001', name: 'Bench', time_zone: 'America/Bogota', created_at: now }).execute();
  await db.insertInto('campaigns').values({
    operation_id: '0001', id: 1, name: 'Bench', type: 'predictive', skill_id: null, start_time: null, end_time: null, created_at: now,
  }).execute();
}

/**
 * Records [from, to): 70 % Bogota, 10 % Mexico City, 8 % Lima, 5 % New York, 4 % Madrid, 3 % Tokyo;
 * 10 % done; 40 % retries (1–2 attempts, due uniformly from 36 h before t0 to 36 h after: half of
 * them are due at t0); a third with two phones; 1 % of numbers on the DNC list; 0.5 % of records
 * with a campaign recall pending tomorrow (never claimed as records) and 0.1 % with one due now.
 */
async function load(from: number, to: number): Promise<void> {
  const zoneCase = `CASE WHEN g % 100 < 70 THEN '${zones[0]}' WHEN g % 100 < 80 THEN '${zones[1]}' WHEN g % 100 < 88 THEN '${zones[2]}'
    WHEN g % 100 < 93 THEN '${zones[3]}' WHEN g % 100 < 97 THEN '${zones[4]}' ELSE '${zones[5]}' END`;
  const t = new Date(t0).toISOString();
  await pool.query(`
    INSERT INTO ${schema}.records (operation_id, campaign_id, customer_id, data, phones, status, attempts, last_result, next_attempt_at, time_zone, created_at)
    SELECT '0001', 1, 'c' || g, jsonb_build_object('customer_name', 'Customer ' || g),
      CASE WHEN g % 3 = 0 THEN ARRAY['3' || lpad(g::text, 9, '0'), '6' || lpad(g::text, 9, '0')] ELSE ARRAY['3' || lpad(g::text, 9, '0')] END,
      CASE WHEN g % 10 = 7 THEN 'done' ELSE 'fresh' END,
      CASE WHEN g % 5 IN (1, 2) THEN 1 + g % 2 ELSE 0 END,
      CASE WHEN g % 5 IN (1, 2) THEN 'no-answer' END,
      -- As Pacer writes them: a record with a pending recall waits for the recall's time.
      CASE WHEN g % 200 = 5 THEN timestamptz '${t}' + interval '1 day' WHEN g % 1000 = 6 THEN timestamptz '${t}' - interval '1 hour'
        WHEN g % 5 IN (1, 2) THEN timestamptz '${t}' + ((g::bigint * 7919) % (72 * 3600) - 36 * 3600) * interval '1 second' END,
      ${zoneCase}, timestamptz '${t}'
    FROM generate_series(${from}, ${to - 1}) g`);
  await pool.query(`
    INSERT INTO ${schema}.dnc_numbers (operation_id, phone, reason, created_at, expires_at)
    SELECT '0001', '3' || lpad(g::text, 9, '0'), 'bench', timestamptz '${t}', NULL FROM generate_series(${from}, ${to - 1}) g WHERE g % 100 = 42`);
  await pool.query(`
    INSERT INTO ${schema}.callbacks (operation_id, agent_id, campaign_id, customer_id, phone, due_at, type_recall, status, created_at)
    SELECT '0001', NULL, 1, 'c' || g, '3' || lpad(g::text, 9, '0'),
      timestamptz '${t}' + CASE WHEN g % 1000 = 6 THEN interval '-1 hour' ELSE interval '1 day' END, 'auto', 'pending', timestamptz '${t}'
    FROM generate_series(${from}, ${to - 1}) g WHERE g % 200 = 5 OR g % 1000 = 6`);
  await pool.query(`ANALYZE ${schema}.records; ANALYZE ${schema}.callbacks; ANALYZE ${schema}.dnc_numbers; ANALYZE ${schema}.campaign_zones`);
}

const campaign: DialCampaign = {
  operationId: '0001', id: '1', type: 'predictive', dialMode: 'predictive', skillId: null, maxAttempts: 3, speed: 50,
  startTime: null, endTime: null, callingSchedule: defaultCallingSchedule, oneContactPerDay: false, timeZone: 'America/Bogota',
  outboundPolicy: defaultOutboundPolicy, notDiallingAnnounced: null,
};

interface Series { p50: number; p95: number; max: number; rows: number }

function summary(ms: number[], rows: number): Series {
  const sorted = [...ms].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { p50: q(0.5), p95: q(0.95), max: sorted.at(-1) ?? 0, rows };
}

/** `claims` committed transactions, each timing `work` alone. */
async function time(work: (trx: Transaction<Database>) => Promise<number>): Promise<Series> {
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i < claims + 5; i++) {
    await db.transaction().execute(async (trx) => {
      const started = performance.now();
      const n = await work(trx);
      const elapsed = performance.now() - started;
      if (i >= 5) { ms.push(elapsed); rows += n; } // the first five warm the connection's prepared statements
    });
  }
  return summary(ms, rows);
}

async function openZones(now: number): Promise<string[]> {
  const window = { schedule: campaign.callingSchedule, startTime: campaign.startTime, endTime: campaign.endTime };
  return openTimeZones(window, await dialingRepo(db).timeZones('0001', '1'), now);
}

interface Stage { records: number; loadS: number; retry: Series; fresh: Series; selection: Series }

async function measure(records: number, loadS: number): Promise<Stage> {
  const open = await openZones(t0);
  const early = await openZones(tEarly);
  const retry = await time(async (trx) => (await dialingRepo(trx).claimRecords(campaign, t0, batch, open)).length);
  const fresh = await time(async (trx) => (await dialingRepo(trx).claimRecords(campaign, tEarly, batch, early)).length);
  // One pacing decision's selection: due recalls first, then records, then the DNC check of their numbers.
  const selection = await time(async (trx) => {
    const recalls = await callbackRepo(trx).claimCampaignDue('0001', '1', t0, batch, open);
    const claimed = await dialingRepo(trx).claimRecords(campaign, t0, batch - recalls.length, open);
    await dncRepo(trx).blocked('0001', [...recalls.map((r) => r.phone), ...claimed.map((r) => r.phone)], t0);
    return recalls.length + claimed.length;
  });
  return { records, loadS, retry, fresh, selection };
}

/**
 * The claim queries as the repositories send them, explained with their parameters and rolled
 * back: as planned for these values (what runs), and as a generic plan.
 */
async function explain(): Promise<string> {
  const open = await openZones(t0);
  captured.length = 0;
  const rollback = new Error('rollback');
  await logged.transaction().execute(async (trx) => {
    await callbackRepo(trx).claimCampaignDue('0001', '1', t0, batch, open);
    await dialingRepo(trx).claimRecords(campaign, t0, batch, open);
    await dialingRepo(trx).claimRecords(campaign, tEarly, batch, await openZones(tEarly));
    throw rollback;
  }).catch((e: unknown) => { if (e !== rollback) throw e; });
  const claimsSent = captured.filter((q) => /WITH (due|pick) AS MATERIALIZED/.test(q.sql));
  const shown: [string, CompiledQuery | undefined][] = [
    ['Due campaign recalls at t0', claimsSent[0]], ['Records due for a retry at t0', claimsSent[1]],
    ['Never-tried records (no retry due yet)', claimsSent.at(-1)],
  ];
  const out: string[] = [];
  const client = await pool.connect();
  const plan = async (text: string, values: readonly unknown[]) =>
    (await client.query<{ 'QUERY PLAN': string }>(text, [...values])).rows.map((r) => r['QUERY PLAN']).join('\n');
  try {
    for (const [title, q] of shown) {
      if (!q) continue;
      await client.query('BEGIN');
      out.push(`-- ${title}\n${await plan(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.sql}`, q.parameters)}`);
      await client.query('ROLLBACK');
    }
    for (const [title, q] of shown.slice(1)) {
      if (!q) continue;
      await client.query('BEGIN');
      // PostgreSQL keeps planning these statements per execution: the generic plan cannot see the
      // LIMIT or the zones, so it is costed far above the custom plans (and, past jit_above_cost
      // on a big table, would be JIT-compiled). Forced here only to check it reads the index too.
      await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await client.query('SET LOCAL jit = off');
      await client.query(`PREPARE bench_claim AS ${q.sql}`);
      // EXECUTE takes its arguments as SQL literals, not as bound parameters.
      const literal = (v: unknown): string => Array.isArray(v) ? `ARRAY[${v.map(literal).join(', ')}]`
        : v instanceof Date ? client.escapeLiteral(v.toISOString()) : typeof v === 'number' ? String(v) : client.escapeLiteral(String(v));
      const args = q.parameters.map(literal).join(', ');
      out.push(`-- ${title}: the generic plan, which PostgreSQL does not choose here (forced, JIT off)\n${await plan(`EXPLAIN (ANALYZE, COSTS OFF) EXECUTE bench_claim(${args})`, [])}`);
      await client.query('ROLLBACK');
      await client.query('DEALLOCATE bench_claim');
    }
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return out.join('\n\n');
}


const fmt = (x: number) => x.toFixed(2);
const row = (s: Stage) => `| ${s.records.toLocaleString('en-US')} | ${s.loadS.toFixed(1)} | ${fmt(s.retry.p50)} / ${fmt(s.retry.p95)} / ${fmt(s.retry.max)} | ${fmt(s.fresh.p50)} / ${fmt(s.fresh.p95)} / ${fmt(s.fresh.max)} | ${fmt(s.selection.p50)} / ${fmt(s.selection.p95)} / ${fmt(s.selection.max)} |`;

async function main(): Promise<void> {
  const sizes = [...new Set([10_000, 100_000, 1_000_000, 2_000_000].filter((s) => s < total).concat(total))];
  const loadAtStart = loadavg()[0] ?? 0;
  await setup();
  const stages: Stage[] = [];
  let loaded = 0;
  try {
    let plans = '';
    for (const size of sizes) {
      const started = performance.now();
      // Stages of at most 500k rows per statement, so one INSERT never holds a huge transition table.
      for (let from = loaded; from < size; from += 500_000) await load(from, Math.min(size, from + 500_000));
      loaded = size;
      const loadS = (performance.now() - started) / 1000;
      // Explained before the claims of the largest size, while its due recalls are still there.
      if (size === total) plans = await explain();
      const stage = await measure(size, loadS);
      stages.push(stage);
      console.log(row(stage));
    }
    const pgVersion = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
    const head = [
      `| records in the campaign | this stage's load, s | due retries: claim ms p50 / p95 / max | never tried: claim ms p50 / p95 / max | whole selection ms p50 / p95 / max |`,
      '|--:|--:|--:|--:|--:|',
    ];
    const table = [...head, ...stages.map(row)].join('\n');
    const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
    const report = `${table}\n\nMachine: ${machine()}, PostgreSQL ${pgVersion}, ${when} UTC, load average ${loadAtStart.toFixed(1)} at the start; ${claims} claims of ${batch} per series and size, each its own committed transaction.`;
    console.log(`\n${report}\n\nPlans at ${total.toLocaleString('en-US')} records:\n${plans}`);
    if (values.write) write(report, plans);
  } finally {
    if (values.keep) console.log(`schema ${schema} kept for inspection`);
    else await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.destroy();
    await logged.destroy().catch(() => undefined);
    clearTimeout(deadline);
  }
}

function write(report: string, plans: string): void {
  const section = `## Record selection (\`npm run bench:selection\`)

Rerun: \`npm run bench:selection -- --write\` (PostgreSQL at \`PACER_BENCH_DATABASE_URL\`, default
\`postgres://postgres@127.0.0.1:5432/test\`, in a fresh schema dropped afterwards). Options: \`N\` (records,
default 2,000,000, at most 5,000,000), \`--claims 200\`, \`--batch 10\`.

**How it runs.** One campaign grows in stages (10k, 100k, 1M, 2M records) loaded with
\`INSERT … SELECT generate_series\` into the migrated schema: 70 % of records in Bogota, the rest in
Mexico City, Lima, New York, Madrid and Tokyo; 10 % done; 40 % retries, half of them due; a third
with two phones; 1 % of numbers on the DNC list; 0.5 % of records with a campaign recall pending
tomorrow, 0.1 % with one due. At Tuesday 10:00 in Bogota five zones are inside the default
calling schedule and Tokyo (midnight) is not. After each stage, through the store's own
repositories, ${'`'}--claims${'`'} committed claims of ${'`'}--batch${'`'} records each: records due for a retry
(the dialer takes them first), never-tried records (at an instant when no retry is due), and the
whole selection of one pacing decision (due recalls, records, DNC check of their numbers). Each
claim starts where the previous one ended, as the dialer's do. The time is the client's, over
loopback, for the claim statement(s) alone.

The figures should stay flat as the campaign grows: each open zone's first rows are read from the
index \`records_dialable (operation_id, campaign_id, time_zone, next_attempt_at, seq)\` in order, so a
claim reads about (open zones × batch) index entries whatever the campaign's size. **The machine
is shared with other workers and noisy**: read the columns against each other within one run,
not as absolute figures; single slow claims (the max column) are mostly the machine.

Two things this benchmark found are fixed in migration 0008 and the store: a claim that
overflowed the GIN pending list of the phones' index spent 0.6–1 s merging it (the index now
merges at once, \`fastupdate = off\`); and records skipped because they wait for a campaign
recall piled up at the head of the ranges every claim reads (their next attempt now moves to
the recall's time). PostgreSQL keeps planning the claims per execution; the generic plan, shown
below for completeness, reads the same indexes.

${report}

<details><summary>EXPLAIN (ANALYZE, BUFFERS) of the claims at the largest size</summary>

\`\`\`
${plans}
\`\`\`
</details>`;
  writeSection('selection', section);
  console.log('BENCHMARKS.md updated');
}

await main();
