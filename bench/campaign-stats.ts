// `npm run bench:stats [-- --records N] [--agents A] [--runs R] [--keep]`: what one read of
// GET /v1/campaigns/{id}/stats costs late in a busy day, on PostgreSQL.
//
// A fresh schema (migrated like Pacer's, dropped afterwards) holds one operation at 16:00 in Bogota
// after a nine-hour shift of A agents (default 200) on one campaign: every agent talks 2 min and
// wraps up 15 s in each 3 min cycle (three agent.state events a cycle), each call of the day with
// three unanswered attempts beside it, three earlier days of the same calls, as many other events
// as agent.state ones, and N records (default 500,000) in six zones, some done, some waiting for a
// retry. It times, through the store's own repositories, each statement of a stats read and the
// whole read (the use case in one transaction), and the same for the day's series in buckets of 15
// and 5 minutes (GET /v1/campaigns/{id}/stats/series), R times each (default 50), and prints the scans
// of each counting statement from EXPLAIN (ANALYZE, BUFFERS). Bounded: N ≤ 2,000,000, A ≤ 1,000, 15 minutes.
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { campaignStatsRepo } from '../src/adapters/store/campaign-stats.ts';
import { dialingRepo } from '../src/adapters/store/dialing.ts';
import { migrate } from '../src/adapters/store/migrate.ts';
import { preparingPool } from '../src/adapters/store/prepared.ts';
import type { Database } from '../src/adapters/store/schema.ts';
import { kyselyStore } from '../src/adapters/store/store.ts';
import { busyAgentStates, recordCountCap, seriesStarts, staffedAgentStates, statsWindows } from '../src/domain/campaign-stats.ts';
import { adminPrincipal } from '../src/domain/permission.ts';
import { campaignStats } from '../src/engine/campaign/stats.ts';
import { campaignSeries } from '../src/engine/campaign/series.ts';
import { systemClock } from '../src/adapters/clock/system-clock.ts';
import { simulatedTelephony } from '../src/adapters/telephony/simulated.ts';

/** The stats read on the simulated carrier: no trunk to look at. */
const simCarrier = { telephony: simulatedTelephony(systemClock()) };

const { values } = parseArgs({
  options: { records: { type: 'string', default: '500000' }, agents: { type: 'string', default: '200' }, runs: { type: 'string', default: '50' }, keep: { type: 'boolean', default: false } },
});
const records = Number(values.records);
const agents = Number(values.agents);
const runs = Number(values.runs);
if (!Number.isInteger(records) || records < 1000 || records > 2_000_000) throw new Error('--records must be from 1,000 to 2,000,000');
if (!Number.isInteger(agents) || agents < 1 || agents > 1000) throw new Error('--agents must be from 1 to 1,000');
if (!Number.isInteger(runs) || runs < 5 || runs > 1000) throw new Error('--runs must be from 5 to 1,000');

const databaseUrl = process.env.PACER_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_stats_${process.pid}`;
setTimeout(() => {
  console.error('bench campaign-stats: stopped after 15 minutes');
  process.exit(1);
}, 15 * 60_000).unref();

/** Tuesday 3 March 2026, 16:00 in Bogota; the shift began at 07:00. */
const now = Date.parse('2026-03-03T21:00:00Z');
const shiftStart = now - 9 * 3600_000;
const cycles = (9 * 3600) / 180;

const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: `-c search_path=${schema}` });
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
const captured: CompiledQuery[] = [];
const logged = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (e) => { if (e.level === 'query') captured.push(e.query); } });

async function setup(): Promise<void> {
  const t = (ms: number) => `timestamptz '${new Date(ms).toISOString()}'`;
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await migrate(db);
  await pool.query(`INSERT INTO operations (id, name, created_at) VALUES ('0001', 'Bench', ${t(shiftStart)})`);
  await pool.query(`INSERT INTO campaigns (operation_id, id, name, type, status, created_at) VALUES ('0001', 1, 'Bench', 'predictive', 'started', ${t(shiftStart)})`);
  await pool.query(`INSERT INTO agents (operation_id, id, name, state, state_since) SELECT '0001', (2000 + a)::text, 'Agent ' || a, 'ready', ${t(now - 15_000)} FROM generate_series(1, ${agents}) a`);
  // Each cycle of 180 s: ready → talking at +15 s, talking → acw at +135 s, acw → ready at +150 s.
  await pool.query(`
    INSERT INTO events (operation_id, at, type, agent_id, data)
    SELECT '0001', ${t(shiftStart)} + (c * 180 + s.off) * interval '1 second', 'agent.state', (2000 + a)::text,
      jsonb_build_object('from', s.f, 'to', s.t, 'next', null)
    FROM generate_series(1, ${agents}) a, generate_series(0, ${cycles - 1}) c,
      (VALUES (15, 'ready', 'talking'), (135, 'talking', 'acw'), (150, 'acw', 'ready')) AS s(off, f, t)`);
  await pool.query(`
    INSERT INTO events (operation_id, at, type, agent_id, data)
    SELECT '0001', ${t(shiftStart)} + (g % (9 * 3600)) * interval '1 second', 'call.placed', NULL, '{}'
    FROM generate_series(1, ${agents * cycles * 3}) g`);
  // Four attempts a cycle per agent (one answered, connected at once), today and the three days before.
  await pool.query(`
    INSERT INTO calls (id, operation_id, agent_id, campaign_id, customer_id, phone, origin, state, result, placed_at, answered_at, connected_at, ended_at)
    SELECT d || '-' || a || '-' || c || '-' || k, '0001', CASE WHEN k = 0 THEN (2000 + a)::text END, 1, 'c' || c, '3001234567', 'campaign', 'ended',
      CASE WHEN k = 0 THEN 'answer' WHEN k = 1 THEN 'busy' ELSE 'no-answer' END,
      p.at, CASE WHEN k = 0 THEN p.at + interval '3 seconds' END, CASE WHEN k = 0 THEN p.at + interval '3 seconds' END, p.at + interval '123 seconds'
    FROM generate_series(0, 3) d, generate_series(1, ${agents}) a, generate_series(0, ${cycles - 1}) c, generate_series(0, 3) k,
      LATERAL (SELECT ${t(shiftStart)} - d * interval '1 day' + (c * 180 + 12) * interval '1 second' AS at) p`);
  await pool.query(`
    INSERT INTO records (operation_id, campaign_id, customer_id, data, phones, status, attempts, next_attempt_at, time_zone, created_at)
    SELECT '0001', 1, 'r' || g, '{}', ARRAY['3' || lpad(g::text, 9, '0')], CASE WHEN g % 10 = 7 THEN 'done' ELSE 'fresh' END,
      CASE WHEN g % 5 IN (1, 2) THEN 1 ELSE 0 END,
      CASE WHEN g % 5 IN (1, 2) THEN ${t(now)} + ((g::bigint * 7919) % (72 * 3600) - 36 * 3600) * interval '1 second' END,
      (ARRAY['America/Bogota', 'America/Bogota', 'America/Bogota', 'America/Mexico_City', 'America/Lima', 'Asia/Tokyo'])[g % 6 + 1], ${t(shiftStart)}
    FROM generate_series(1, ${records}) g`);
  // As autovacuum leaves a table that has settled: statistics and the visibility map (index-only scans).
  await pool.query('VACUUM ANALYZE');
}

interface Series { p50: number; p95: number; max: number }

async function time(work: () => Promise<unknown>): Promise<Series> {
  const ms: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    const started = performance.now();
    await work();
    if (i >= 5) ms.push(performance.now() - started); // the first five warm the prepared statements
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? 0;
  return { p50: q(0.5), p95: q(0.95), max: ms.at(-1) ?? 0 };
}

try {
  const loading = performance.now();
  await setup();
  console.log(`loaded in ${((performance.now() - loading) / 1000).toFixed(1)} s: ${agents} agents, ${agents * cycles * 3} agent.state events today, `
    + `${agents * cycles * 4 * 4} calls over four days, ${records} records`);
  const windows = statsWindows(now, 'America/Bogota');
  const since = [windows.today, windows.recent];
  const buckets = seriesStarts(now, 'America/Bogota', 15 * 60_000);
  const stats = campaignStatsRepo(db);
  const store = kyselyStore(db, () => Promise.resolve());
  const ctx = { operationId: '0001', timeZone: 'America/Bogota', now, principal: adminPrincipal, actor: { id: 'bench', address: null, via: 'native' as const } };
  const series: [string, () => Promise<unknown>][] = [
    ['answers (two windows)', () => stats.answers('0001', '1', since, now)],
    ['agent time (two windows)', () => stats.agentTime('0001', null, since, now, { busy: busyAgentStates, staffed: staffedAgentStates })],
    ['records per zone', () => stats.records('0001', '1', now, recordCountCap)],
    ['agents', () => dialingRepo(db).agents('0001', null)],
    ['calls in flight', () => dialingRepo(db).callsInFlight('0001', ['1'])],
    ['whole read (one transaction)', () => store.transaction((tx) => campaignStats(tx, ctx, simCarrier, '1', () => undefined))],
    [`series: answers (${buckets.length} buckets of 15 min)`, () => stats.answers('0001', '1', buckets, now)],
    [`series: agent time (${buckets.length} buckets)`, () => stats.agentTime('0001', null, buckets, now, { busy: busyAgentStates, staffed: staffedAgentStates })],
    ['series: calls by result', () => stats.results('0001', '1', windows.today, now)],
    ['series: whole read, 15 min (one transaction)', () => store.transaction((tx) => campaignSeries(tx, ctx, '1', 15))],
    ['series: whole read, 5 min (one transaction)', () => store.transaction((tx) => campaignSeries(tx, ctx, '1', 5))],
  ];
  console.log(`| statement | p50 ms | p95 ms | max ms |\n|---|---|---|---|`);
  for (const [name, work] of series) {
    const s = await time(work);
    console.log(`| ${name} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)} |`);
  }
  const answer = await store.transaction((tx) => campaignStats(tx, ctx, simCarrier, '1', () => undefined));
  console.log(JSON.stringify({ today: answer.today, recent: answer.recent, records: answer.records }));
  // How each counting statement reads: its scans and their indexes, and its time.
  const explained: [string, () => Promise<unknown>][] = [
    ['answers', () => campaignStatsRepo(logged).answers('0001', '1', since, now)],
    ['agent time', () => campaignStatsRepo(logged).agentTime('0001', null, since, now, { busy: busyAgentStates, staffed: staffedAgentStates })],
    ['records per zone', () => campaignStatsRepo(logged).records('0001', '1', now, recordCountCap)],
  ];
  for (const [name, work] of explained) {
    await work();
    const q = captured.at(-1);
    if (!q) continue;
    const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.parameters]);
    const lines = plan.rows.map((r: Record<string, string>) => r['QUERY PLAN'] ?? '');
    console.log(`${name}:\n${lines.filter((l) => /Scan|Execution Time/.test(l)).map((l) => `  ${l.trim()}`).join('\n')}`);
  }
} finally {
  if (!values.keep) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.destroy();
}
