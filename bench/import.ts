// `npm run bench:import [-- ROWS]`: times `pacer records import` of a generated CSV (default
// 1,000,000 rows) into a fresh campaign on PostgreSQL, and samples the CLI's memory as it goes.
// Loopback only; the run is bounded by the row count and a 10-minute timeout.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { createPacer } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { ensureDemo } from '../src/demo.ts';
import { machine, writeSection } from './benchmarks-file.ts';

const args = process.argv.slice(2);
const write = args.includes('--write');
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const databaseUrl = process.env.PACER_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_import_${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'pacer-import-'));
const file = join(dir, 'records.csv');

async function writeCsv(): Promise<void> {
  const out = createWriteStream(file);
  out.write('customer_id,customer_name,customer_last_name,tel1,tel2,city,opt1\n');
  for (let i = 0; i < rows; i++) {
    const line = `${5_000_000 + i},Name ${i},"Last, ${i % 97}",3${String(100000000 + i).slice(-9)},60${String(10000000 + i).slice(-8)},Bogotá,segment-${i % 13}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** CPU seconds used so far by the PostgreSQL backends serving this run (found by application_name). */
async function backendCpuSeconds(): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows: backends } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [schema]);
  await client.end();
  let ticks = 0;
  for (const { pid } of backends) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(stat[11]) + Number(stat[12]);
    } catch { /* not on this machine, or gone */ }
  }
  return ticks / 100;
}

interface ImportResult {
  rows: number; file_mb: number; seconds: number; rows_per_s: number; added?: number; rejected?: number;
  cpu_s: { cli: number; server: number; postgres: number };
  cli_rss_mb: Record<'start' | '25%' | '50%' | '75%' | 'end' | 'max', number>;
  machine: { cpus: number; model?: string; node: string; load_average_1m: number };
}

function report(r: ImportResult): string {
  const m = r.cli_rss_mb;
  return [
    '## Record import (`npm run bench:import`)',
    '',
    `Rerun: \`npm run bench:import -- [ROWS] [--write]\` (default 1,000,000 rows; PostgreSQL at \`PACER_BENCH_DATABASE_URL\`,`,
    'default `postgres://postgres@127.0.0.1:5432/test`, in a fresh schema dropped afterwards). It writes a CSV of ROWS',
    'records (two phones, a quoted field with a comma, accented text), starts Pacer in-process, and times the real',
    '`pacer records import FILE --campaign 1 --batch 10000` (the CLI binary, a child process) into campaign 1,',
    'sampling the CLI\'s resident memory every 0.5 s.',
    '',
    '| rows | file | wall time | rows/s | added | rejected | CPU s: CLI | CPU s: server | CPU s: PostgreSQL | CLI RSS MB at 0 / 25 / 50 / 75 / 100 % (max) |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    `| ${r.rows.toLocaleString('en')} | ${r.file_mb} MB | ${r.seconds} s | ${r.rows_per_s.toLocaleString('en')} | ${r.added ?? '-'} | ${r.rejected ?? '-'} | ${r.cpu_s.cli} | ${r.cpu_s.server} | ${r.cpu_s.postgres} | ${m.start} / ${m['25%']} / ${m['50%']} / ${m['75%']} / ${m.end} (${m.max}) |`,
    '',
    `Machine: ${machine()}, load average ${r.machine.load_average_1m} when it ended`,
    `(a shared machine: other work was running), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    '',
    'Where the time goes: PostgreSQL\'s share is the largest (each record is a heap row and entries in three indexes, the',
    'GIN index on phones among them, kept with fast update off so that dialer claims never merge a pending list; and the',
    'WAL). The server parses, checks and upserts 10,000 rows per request in one statement per 5,000 (a JSON parameter,',
    'no per-row foreign-key check); the CLI parses the CSV and sends one batch at a time while it reads the next, so a',
    'customer_id repeated further down the file wins, and its memory stays flat however long the file.',
  ].join('\n');
}

async function main(): Promise<void> {
  await writeCsv();
  const config = loadConfig({ DATABASE_URL: `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}application_name=${schema}`, LOG_LEVEL: 'silent', PACER_DB_POOL: '4' });
  const pacer = await createPacer(config, { schema });
  const token = 'bench-import-token';
  await ensureDemo(pacer.database.db, Date.now(), token);
  await pacer.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(pacer.app.server.address() as AddressInfo).port}`;
  try {
    const started = Date.now();
    const child = spawn(process.execPath, [...(process.env.CLI_FLAGS ? process.env.CLI_FLAGS.split(' ') : []), 'src/cli/main.ts', 'records', 'import', file, '--campaign', '1', '--batch', '10000', '--json'], {
      env: { ...process.env, PACER_URL: url, PACER_TOKEN: token }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const rss: number[] = [];
    const serverCpu = process.cpuUsage();
    let cliCpuS = 0;
    const sampler = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        if (kb) rss.push(kb / 1024);
        // utime + stime (fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s).
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        cliCpuS = (Number(stat[11]) + Number(stat[12])) / 100;
      } catch { /* the process ended */ }
    }, 500);
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    const killer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    const [code] = await once(child, 'exit') as [number];
    clearTimeout(killer);
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    const server = process.cpuUsage(serverCpu);
    const postgresCpuS = await backendCpuSeconds();
    const summary = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { added?: number; rejected?: number };
    // The CLI's resident memory at each quarter of the run: flat memory means no growth with rows.
    const at = (f: number) => +(rss[Math.min(rss.length - 1, Math.floor(f * rss.length))] ?? 0).toFixed(0);
    const result = {
      rows, file_mb: +(statSync(file).size / 1e6).toFixed(1), exit: code, added: summary.added, rejected: summary.rejected,
      seconds: +seconds.toFixed(1), rows_per_s: Math.round(rows / seconds),
      // CPU seconds per process (the CLI's to its last sample; PostgreSQL's: the backends of this
      // run's pool): on a shared machine these say more than wall time about where the work goes.
      cpu_s: { cli: +cliCpuS.toFixed(1), server: +((server.user + server.system) / 1e6).toFixed(1), postgres: +postgresCpuS.toFixed(1) },
      cli_rss_mb: { start: at(0), '25%': at(0.25), '50%': at(0.5), '75%': at(0.75), end: at(1), max: +Math.max(0, ...rss).toFixed(0), samples: rss.length },
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, load_average_1m: +loadavg()[0]!.toFixed(1) },
    };
    console.log(JSON.stringify(result, null, 2));
    if (write) writeSection('import', report(result));
  } finally {
    await pacer.close();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
