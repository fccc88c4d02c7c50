// `npm run bench:pacing`: a predictive shift paced by one Pacer process, then the same shift with
// two processes on one PostgreSQL database (issue 13: one pacing owner per campaign), and their
// abandon rates and agent utilisation side by side. Each run has a database of its own, the
// demo operation with N agents (made ready through the processes in turn), 20,000 records callable
// at any hour, and a carrier of 30 % live answers (bench/stress-like mixed outcomes, talks of
// 20-120 s, customers who hang up after 1-4 s waiting). The processes are real
// (bench/pacing-process.ts) on a clock BENCH_CLOCK_SCALE times faster than the wall clock.
//
//   npm run bench:pacing -- [--agents 20] [--minutes 30] [--scale 4] [--runs 1] [--processes 1,2] [--write]
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { machine, writeSection } from './benchmarks-file.ts';

const { values: args } = parseArgs({
  options: {
    agents: { type: 'string', default: '20' },
    minutes: { type: 'string', default: '30' },
    scale: { type: 'string', default: '4' },
    runs: { type: 'string', default: '1' },
    /** Which shifts: with 1 process, 2, or both. */
    processes: { type: 'string', default: '1,2' },
    write: { type: 'boolean', default: false },
  },
});
const agents = Number(args.agents);
const minutes = Number(args.minutes);
const scale = Number(args.scale);
const runs = Number(args.runs);
if (!(agents >= 1 && agents <= 200 && minutes > 0 && scale >= 1 && scale <= 20 && runs >= 1 && runs <= 10)) {
  throw new Error('--agents 1-200, --minutes > 0, --scale 1-20, --runs 1-10');
}
const server = process.env.PACER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TOKEN = 'bench-pacing-token-01';
const profile = {
  outcomes: [
    { result: 'answer', p: 0.3, ringS: { dist: 'uniform', min: 3, max: 12 } },
    { result: 'answer-machine', p: 0.1, ringS: { dist: 'uniform', min: 3, max: 8 } },
    { result: 'no-answer', p: 0.4, ringS: { dist: 'uniform', min: 10, max: 25 } },
    { result: 'busy', p: 0.2, ringS: { dist: 'uniform', min: 1, max: 4 } },
  ],
  talkS: { dist: 'uniform', min: 20, max: 120 },
  patienceS: { dist: 'uniform', min: 1, max: 4 },
};
const child = new URL('./pacing-process.ts', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function onServer(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

function start(url: string, epoch: number): Promise<{ child: ChildProcess; base: string }> {
  const c = spawn(process.execPath, [child], {
    env: {
      ...process.env, DATABASE_URL: url, PACER_DEMO_TOKEN: TOKEN, PACER_NATIVE_RATE: '100000', PACER_QUOTA_PER_LICENSE: '1000000',
      LOG_LEVEL: 'error', BENCH_SIM_PROFILE: JSON.stringify(profile), BENCH_CLOCK_EPOCH: String(epoch), BENCH_CLOCK_SCALE: String(scale),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: c.stdout as NodeJS.ReadableStream });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('a Pacer process did not start within 60 s')), 60_000);
    c.once('exit', (code) => reject(new Error(`a Pacer process exited with ${code}`)));
    lines.on('line', (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child: c, base: m[1] });
      }
    });
  });
}

async function request(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const r = await fetch(`${base}${path}`, {
    method, headers: { authorization: `Bearer ${TOKEN}`, 'wolkvox-token': TOKEN, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

interface Shift { processes: number; answered: number; abandonRate: number; utilisation: number; placedBy: number; handovers: number; calls: number; load: string }

async function shift(processes: 1 | 2, run: number): Promise<Shift> {
  const name = `pacer_bench_pacing_${process.pid}_${processes}_${run}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const children: ChildProcess[] = [];
  try {
    const epoch = Date.now();
    const first = await start(url.toString(), epoch);
    children.push(first.child);
    const bases = [first.base];
    if (processes === 2) {
      const second = await start(url.toString(), epoch);
      children.push(second.child);
      bases.push(second.base);
    }
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      const always: Record<string, unknown> = { holidays: 'none' };
      for (const d of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) always[d] = ['00:00-24:00'];
      await db.query(`UPDATE campaigns SET calling_schedule = $1, dial_mode = 'predictive' WHERE operation_id = '0001' AND id = 1`, [JSON.stringify(always)]);
      await db.query(`INSERT INTO agents (operation_id, id, name, state_since)
        SELECT '0001', (1000 + i)::text, 'Agent ' || (1000 + i), now() FROM generate_series(11, $1::int) i`, [agents]);
      await db.query(`INSERT INTO records (operation_id, campaign_id, customer_id, data, phones, created_at)
        SELECT '0001', 1, 'B' || i, '{}', ARRAY['31' || lpad(i::text, 8, '0')], now() FROM generate_series(1, 20000) i`);
      await db.query(`UPDATE operations SET acw_s = 10 WHERE id = '0001'`);
    } finally {
      await db.end();
    }
    for (let i = 0; i < agents; i++) await request(bases[i % bases.length] ?? '', 'POST', `/v1/agents/${1001 + i}/status`, { status: 'ready' });
    await request(first.base, 'PUT', '/api/v2/campaign.php?api=start&campaign_id=1');
    await sleep((minutes * 60_000) / scale);
    const load = loadavg().map((l) => l.toFixed(1)).join(' ');
    const stats = await request(first.base, 'GET', '/v1/campaigns/1/stats') as { today: { answered: number; abandon_rate: number; agent_utilisation: number } };
    await request(first.base, 'PUT', '/api/v2/campaign.php?api=stop&campaign_id=1');
    const check = new pg.Client({ connectionString: url.toString() });
    await check.connect();
    let placedBy = 0;
    let handovers = 0;
    let calls = 0;
    try {
      // Which process placed each call, in placing order: a change of process is a change of pacing owner.
      const { rows } = await check.query<{ process_id: string }>(`SELECT process_id FROM calls WHERE origin = 'campaign' ORDER BY placed_at, id`);
      placedBy = new Set(rows.map((r) => r.process_id)).size;
      handovers = rows.filter((r, i) => i > 0 && r.process_id !== rows[i - 1]?.process_id).length;
      calls = rows.length;
    } finally {
      await check.end();
    }
    return { processes, answered: stats.today.answered, abandonRate: stats.today.abandon_rate, utilisation: stats.today.agent_utilisation, placedBy, handovers, calls, load };
  } finally {
    for (const c of children) {
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    }
    await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

const results: Shift[] = [];
for (let run = 0; run < runs; run++) {
  for (const processes of args.processes.split(',').map(Number).filter((n): n is 1 | 2 => n === 1 || n === 2)) {
    const r = await shift(processes, run);
    results.push(r);
    console.log(JSON.stringify(r));
  }
}
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const table = [
  `${agents} agents, ${minutes} virtual minutes per shift at ${scale}× the wall clock, predictive at speed 50 (target 1.5 %), 30 % live answers; ${machine()}.`,
  '',
  '| processes | answered | abandon rate | agent utilisation | calls placed | placed by | owner changes | load average |',
  '|---|---|---|---|---|---|---|---|',
  ...results.map((r) => `| ${r.processes} | ${r.answered} | ${pct(r.abandonRate)} | ${r.utilisation.toFixed(3)} | ${r.calls} | ${r.placedBy} process${r.placedBy === 1 ? '' : 'es'} | ${r.handovers} | ${r.load} |`),
].join('\n');
console.log(table);
if (args.write) writeSection('pacing', table);
