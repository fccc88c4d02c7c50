// `npm run bench:reports [-- --days 31] [--agents 200] [--runs 5] [--write] [--keep]`: how long
// reports_manager.php answers over a month of a busy operation, on PostgreSQL.
//
// The history is the shift simulator's (src/sim): one eight-hour predictive shift a day of A agents
// (default 200) on one campaign, each day its own seed, replayed on a virtual clock; every agent
// state change it logs becomes an agent.state event (from, to, its call), every call it places a
// calls row (placed, answered, connected, ended, result, agent) with its call.placed and call.ended
// events (who ended it), as the engine writes them. The rows go into a fresh schema (migrated like
// Pacer's, dropped afterwards) beside the demo operation, by COPY from a file (the server must run
// on this machine and read /var/tmp), then the tables' indexes and VACUUM ANALYZE. Pacer runs in-process
// on that schema (createPacer, the real routes) and each report is asked R times (default 5)
// through the app with the wolkvox token: agent_1 and agent_8 over the whole range, cdr_1 over the
// range (past 60,000 rows it is refused) and over one day, agent_14 over one day. Bounded: A ≤
// 500, days ≤ 31, 30 minutes.
import { appendFileSync, chmodSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { simulatedTelephony } from '../src/adapters/telephony/simulated.ts';
import { createPacer } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { ensureDemo } from '../src/demo.ts';
import { createStrategy } from '../src/domain/pacing/strategies.ts';
import { formatStamp } from '../src/domain/local-time.ts';
import { virtualClock } from '../src/engine/virtual-clock.ts';
import type { ShiftEvent } from '../src/sim/events.ts';
import { parseScenario } from '../src/sim/scenario.ts';
import { simulate } from '../src/sim/shift.ts';
import { machine, writeSection } from './benchmarks-file.ts';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '31' }, agents: { type: 'string', default: '200' }, runs: { type: 'string', default: '5' },
    write: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false }, reuse: { type: 'string' },
  },
});
const days = Number(values.days);
const agents = Number(values.agents);
const runs = Number(values.runs);
if (!Number.isInteger(days) || days < 1 || days > 31) throw new Error('--days must be from 1 to 31');
if (!Number.isInteger(agents) || agents < 1 || agents > 500) throw new Error('--agents must be from 1 to 500');
if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error('--runs must be from 1 to 50');

const databaseUrl = process.env.PACER_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** --reuse SCHEMA: a schema an earlier run loaded and kept (--keep): the history is not built again. */
const schema = values.reuse ?? `bench_reports_${process.pid}`;
if (!/^bench_reports_\d+$/.test(schema)) throw new Error('--reuse names a schema bench_reports_<pid>');
const zone = 'America/Bogota';
const token = 'bench-reports-token';
setTimeout(() => {
  console.error('bench reports: stopped after 30 minutes');
  process.exit(1);
}, 30 * 60_000).unref();

/** Sunday 1 March 2026, 08:00 in Bogota: the first shift; each day's shift starts at 08:00. */
const firstShift = Date.parse('2026-03-01T13:00:00Z');
const dayMs = 86_400_000;
const end = firstShift - 8 * 3600_000 + days * dayMs;

const scenario = parseScenario({
  name: 'reports', description: 'a busy predictive shift', seed: 1, duration_s: 8 * 3600, agents, records: 10_000_000, ring_timeout_s: 25,
  connect_deadline_s: 2, max_lines: agents * 4,
  talk_s: { dist: 'lognormal', mean: 150, sd: 120 }, acw_s: { dist: 'gamma', mean: 20, sd: 10 },
  outcomes: [
    { result: 'answer', p: 0.35, ring_s: { dist: 'lognormal', mean: 8, sd: 5 } },
    { result: 'answer-machine', p: 0.15, ring_s: { dist: 'uniform', min: 10, max: 20 }, detect_s: { dist: 'uniform', min: 2, max: 4 } },
    { result: 'busy', p: 0.1, ring_s: { dist: 'uniform', min: 3, max: 6 } },
    { result: 'no-answer', p: 0.35 },
    { result: 'failed', p: 0.05, ring_s: { dist: 'uniform', min: 1, max: 3 } },
  ],
});

/**
 * Rows written as CSV to a file the PostgreSQL server reads with COPY (it runs on this machine, as
 * the test server does): much faster than INSERTs for millions of rows. Empty unquoted is NULL.
 */
class CsvFile {
  readonly path: string;
  length = 0;
  constructor(name: string) {
    this.path = `/var/tmp/pacer-bench-reports-${process.pid}-${name}.csv`;
    writeFileSync(this.path, '');
    chmodSync(this.path, 0o644);
  }
  private lines: string[] = [];
  push(...row: (string | number | null)[]) {
    this.lines.push(row.map((v) => (v === null ? '' : `"${String(v).replaceAll('"', '""')}"`)).join(','));
    this.length++;
    if (this.lines.length >= 50_000) this.flush();
  }
  flush() {
    if (this.lines.length > 0) appendFileSync(this.path, `${this.lines.join('\n')}\n`);
    this.lines = [];
  }
  remove() {
    rmSync(this.path, { force: true });
  }
}

const agentId = (simId: string) => String(2000 + Number(simId.slice(1)));
/** Events come numbered (seq) past the demo's, as the sequencer would have numbered them: it has nothing left to do. */
const firstSeq = 1_000_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** One day's shift as Pacer's rows. */
function day(d: number, events: CsvFile, calls: CsvFile): void {
  const start = firstShift + d * dayMs;
  const log: ShiftEvent[] = [];
  simulate(scenario, createStrategy('predictive', { abandonTarget: scenario.abandon_limit, connectDeadlineS: scenario.connect_deadline_s }), { seed: d + 1, events: (e) => log.push(e) });
  const at = (t: number) => start + Math.round(t * 1000);
  const state = new Map<string, string>();
  const callOf = new Map<string, string>();
  const open = new Map<string, { placed: number; record: string; answered: number | null; connected: number | null; agent: string | null; by: string }>();
  for (const e of log) {
    if (e.type === 'agent') {
      const agent = agentId(e.agent);
      const from = state.get(agent) ?? 'logout';
      state.set(agent, e.state);
      const call = e.state === 'talking' ? (callOf.get(agent) ?? null) : null;
      events.push('0001', iso(at(e.t)), 'agent.state', agent, null, call, JSON.stringify({ from, to: e.state, next: null }), null);
    } else if (e.type === 'dial') {
      const id = `${d}.${e.call}`;
      open.set(id, { placed: at(e.t), record: e.record, answered: null, connected: null, agent: null, by: 'customer' });
      events.push('0001', iso(at(e.t)), 'call.placed', null, '3', id, '{}', null);
    } else {
      const id = `${d}.${e.call}`;
      const c = open.get(id);
      if (!c) continue;
      if (e.type === 'answer') {
        c.answered = at(e.t);
        if (e.by === 'machine') c.by = 'system';
      } else if (e.type === 'connect') {
        c.connected = at(e.t);
        c.agent = agentId(e.agent);
        callOf.set(c.agent, id);
      } else if (e.type === 'abandon') {
        c.by = 'system';
      } else if (e.type === 'end') {
        const result = e.result === 'answer' && c.connected === null ? 'abandon' : e.result;
        calls.push(id, '0001', c.agent, '3', `r${c.record}`, `3${c.record.padStart(9, '0')}`, 'campaign', 'ended', result, iso(c.placed),
          c.answered === null ? null : iso(c.answered), c.connected === null ? null : iso(c.connected), iso(at(e.t)));
        events.push('0001', iso(at(e.t)), 'call.ended', c.agent, '3', id, JSON.stringify({ result, by: c.by }), null);
        open.delete(id);
      }
    }
  }
}

async function load(pool: pg.Pool): Promise<{ events: number; calls: number; agentState: number; connected: number }> {
  await pool.query(`INSERT INTO agents (operation_id, id, name, state, state_since) SELECT '0001', (2000 + a)::text, 'Agent ' || (2000 + a), 'logout', $1 FROM generate_series(1, ${agents}) a`, [iso(firstShift - dayMs)]);
  await pool.query(`INSERT INTO campaigns (operation_id, id, name, type, status, created_at) VALUES ('0001', 3, 'Bench', 'predictive', 'stopped', $1)`, [iso(firstShift - dayMs)]);
  const events = new CsvFile('events');
  const calls = new CsvFile('calls');
  try {
    for (let d = 0; d < days; d++) {
      day(d, events, calls);
      process.stderr.write(`  day ${d + 1}/${days}: ${events.length} events, ${calls.length} calls so far\n`);
    }
    events.flush();
    calls.flush();
    // The indexes are built once the rows are in (as CREATE INDEX would on a loaded table), exactly as the migrations define them.
    const { rows: indexes } = await pool.query<{ name: string; def: string }>(`SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename IN ('events', 'calls') AND indexname NOT LIKE '%_pkey'`);
    for (const i of indexes) await pool.query(`DROP INDEX ${i.name}`);
    const { rows: [last] } = await pool.query<{ id: string }>('SELECT coalesce(max(id), 0) AS id FROM events');
    // tx is null: these events are numbered here, the sequencer never looks for them.
    await pool.query(`COPY events (operation_id, at, type, agent_id, campaign_id, call_id, data, tx) FROM '${events.path}' (FORMAT csv)`);
    await pool.query(`INSERT INTO event_numbers (operation_id, seq, event_id)
      SELECT operation_id, ${firstSeq} - 1 + row_number() OVER (ORDER BY id), id FROM events WHERE id > $1`, [last?.id ?? '0']);
    await pool.query(`COPY calls (id, operation_id, agent_id, campaign_id, customer_id, phone, origin, state, result, placed_at, answered_at, connected_at, ended_at)
      FROM '${calls.path}' (FORMAT csv)`);
    for (const i of indexes) await pool.query(i.def);
  } finally {
    events.remove();
    calls.remove();
  }
  await pool.query('VACUUM ANALYZE');
  return counted(pool);
}

async function counted(pool: pg.Pool): Promise<{ events: number; calls: number; agentState: number; connected: number }> {
  const { rows: [counts] } = await pool.query<{ events: number; calls: number; agent_state: number; connected: number }>(`SELECT
    (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM calls) AS calls,
    (SELECT count(*)::int FROM events WHERE type = 'agent.state') AS agent_state, (SELECT count(*)::int FROM calls WHERE connected_at IS NOT NULL) AS connected`);
  return { events: counts?.events ?? 0, calls: counts?.calls ?? 0, agentState: counts?.agent_state ?? 0, connected: counts?.connected ?? 0 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] ?? 0) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};

const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: `-c search_path=${schema}` });
try {
  if (values.reuse === undefined) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const clock = virtualClock(end);
  const pacer = await createPacer(loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl }), { clock, telephony: simulatedTelephony(clock), schema, inMemory: true });
  try {
    await ensureDemo(pacer.database.db, firstShift - dayMs, token);
    const loading = performance.now();
    const totals = values.reuse === undefined ? await load(pool) : await counted(pool);
    const loadS = (performance.now() - loading) / 1000;
    const stamp = (ms: number) => formatStamp(ms, zone);
    const rangeAll = { date_ini: stamp(firstShift - 8 * 3600_000), date_end: stamp(end - 1000) };
    const lastDay = { date_ini: stamp(end - dayMs), date_end: stamp(end - 1000) };
    const asks: [string, string, Record<string, string>][] = [
      [`agent_1, ${days} days, every agent`, 'agent_1', rangeAll],
      [`agent_8, ${days} days, every agent and hour`, 'agent_8', rangeAll],
      [`cdr_1, ${days} days`, 'cdr_1', rangeAll],
      ['cdr_1, one day', 'cdr_1', lastDay],
      ['agent_14, one day', 'agent_14', lastDay],
    ];
    const lines = ['| report | answer | rows | median s | runs (s) |', '|---|---|--:|--:|---|'];
    for (const [name, api, q] of asks) {
      const times: number[] = [];
      let answer = '';
      let rows = 0;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const r = await pacer.app.inject({ method: 'GET', url: `/api/v2/reports_manager.php?${new URLSearchParams({ api, ...q }).toString()}`, headers: { 'wolkvox-token': token } });
        times.push((performance.now() - started) / 1000);
        const body = JSON.parse(r.body) as { code: number; msg: string; data?: unknown[] };
        answer = `${r.statusCode}${r.statusCode === 200 ? '' : `: ${body.msg}`}`;
        rows = body.data?.length ?? 0;
      }
      lines.push(`| ${name} | ${answer} | ${rows.toLocaleString('en-US')} | ${median(times).toFixed(2)} | ${times.map((t) => t.toFixed(2)).join(', ')} |`);
      console.log(lines.at(-1));
    }
    const version = (await pool.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v.split(' on ')[0] ?? '';
    const load1 = (await import('node:os')).loadavg()[0]?.toFixed(1);
    const summary = `${days} days × ${agents} agents (eight-hour predictive shifts replayed by the simulator): ${totals.calls.toLocaleString('en-US')} calls `
      + `(${totals.connected.toLocaleString('en-US')} talked on), ${totals.events.toLocaleString('en-US')} events of which `
      + `${totals.agentState.toLocaleString('en-US')} agent.state; ${values.reuse === undefined ? `loaded in ${loadS.toFixed(0)} s` : 'the history of an earlier run (--reuse)'}.`;
    console.log(summary);
    const body = [
      '## Reports over a month (`npm run bench:reports`)', '',
      'Rerun: `npm run bench:reports -- --write` (PostgreSQL at `PACER_BENCH_DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/test`, in a fresh schema dropped',
      'afterwards). Options: `--days 31 --agents 200 --runs 5`. The history is the shift simulator\'s, written as the engine writes it (see the header of',
      '`bench/reports.ts`); each report is asked through the real app (`inject`) with a wolkvox token, end to end: admission, the statements, the formatting.', '',
      summary, '',
      ...lines, '',
      `Machine: ${machine()}, ${version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${load1} at the end. The machine is shared`,
      `with other engineers' work and noisy: the figures are medians of ${runs} runs, and single runs vary by tens of per cent.`,
    ].join('\n');
    if (values.write) writeSection('reports', body);
  } finally {
    await pacer.close();
  }
} finally {
  if (!values.keep && values.reuse === undefined) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  else console.log(`kept: --reuse ${schema}`);
  await pool.end();
}
