// `npm run bench:api`: a load benchmark of the agentbox API on loopback, for the embedded store and
// for PostgreSQL, beside a plain Fastify route in the same process as the ceiling. Pacer runs as a
// child process (bench/server.ts) so that the load generator (autocannon, here) does not share its
// event loop; the child measures its own event-loop delay and CPU time during each run. Every run
// is bounded in time. Results go to stdout and, with --write, into BENCHMARKS.md between
// `<!-- api:start -->` and `<!-- api:end -->` (the table alone, when the section exists).
//
//   npm run bench:api -- [--duration 10] [--connections 16] [--stores pglite,postgres] [--streams 0]
//                        [--stream-scope consoles|all] [--paired K] [--profile DIR] [--write]
//
// --streams N keeps N clients on the live event stream (/v1/events/stream after /v1/events/latest, as
// consoles open it) during every run (all open before the measured window starts), reading and dropping what they receive; their events received are reported,
// and one stream in 25 measures each event's delivery delay (its arrival less its `at`: server and
// bench share the machine's clock). By default the streams are a floor's consoles: one per agent
// (its own events only, as the engine narrows an agent's stream; the load drives the first agents,
// the others are quiet), with one supervisor's stream in 50 (every event). `--stream-scope all` makes every stream
// an admin's that receives every event (ten per token: the most a token may hold), the worst case.
//
// --paired K measures what the streams cost against no streams in the same process, on the same
// schema: K pairs of windows, one without the streams and one with them (opened before it, closed
// after), in the order AB BA AB … so that a drift of the machine or of the growing tables weighs on
// both sides alike; it prints each pair's cost and their median. On a shared machine, where two
// runs of one configuration differ by up to 40 %, the pairs are what tells a cost from the noise.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { consoleTokenOf, firstAgent, tokenOf, type FromServer, type RunStats, type ToServer } from './protocol.ts';
import { hasSection, writeSection } from './benchmarks-file.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '16' },
    stores: { type: 'string', default: 'pglite,postgres' },
    scenarios: { type: 'string', default: 'ceiling,bare-tx,change_status,mix' },
    streams: { type: 'string', default: '0' },
    /**
     * Whose streams: `consoles` (as a floor holds them: agents' consoles, each narrowed by the
     * engine to its agent's events, and one supervisor's in 50 with every event) or `all` (every
     * stream an admin's with every event: the worst case).
     */
    'stream-scope': { type: 'string', default: 'consoles' },
    /** Pairs of windows without and with the streams, in one process (see above). */
    paired: { type: 'string', default: '0' },
    /** A CPU profile of the Pacer process over each measured window, written into this directory. */
    profile: { type: 'string' },
    write: { type: 'boolean', default: false },
  },
});
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const streams = Number(args.streams);
const streamScope = args['stream-scope'] === 'all' ? 'all' : 'consoles';
const paired = Number(args.paired);
if (!Number.isInteger(paired) || paired < 0 || (paired > 0 && streams === 0)) {
  console.error('--paired K needs a whole number K ≥ 0, and --streams N above 0 to pair against none');
  process.exit(2);
}
const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Row {
  store: string;
  scenario: string;
  /** Live event streams open during the window. */
  streams: number;
  /** With --paired: which pair the window belongs to. */
  pair: number | null;
  rps: number;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  codes: string;
  stats: RunStats;
  /** Share of both cores busy on the whole machine during the run (every process). */
  machineCpu: number;
  /** CPU of the PostgreSQL server's processes (PostgreSQL runs only), cores. */
  postgresCores: number | null;
  /** CPU of the load generator (autocannon, this process), cores. */
  loadCores: number;
  /** Events received by all the live event streams (--streams) during the run. */
  streamed: number;
  /** Delivery delay of the sampled streams' events, ms (p50, p99). */
  delivery: { p50: number; p99: number } | null;
}

/** Streams a token may hold open (src/engine/events/stream-admission.ts). */
const streamsPerToken = 10;

class Child {
  private waiting: ((m: FromServer) => void)[] = [];
  readonly proc: ChildProcess;
  private constructor(proc: ChildProcess) {
    this.proc = proc;
    proc.on('message', (m: FromServer) => this.waiting.shift()?.(m));
  }

  static async start(env: Record<string, string>): Promise<{ child: Child; port: number; store: string }> {
    const proc = fork(new URL('./server.ts', import.meta.url), [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const child = new Child(proc);
    const ready = await Promise.race([
      child.next(),
      new Promise<never>((_, reject) => proc.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)))),
    ]);
    if (ready.type !== 'ready') throw new Error('bench server did not start');
    return { child, port: ready.port, store: ready.store };
  }

  next(): Promise<FromServer> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  tell(m: ToServer): void {
    this.proc.send(m);
  }

  async ask(m: ToServer): Promise<FromServer> {
    const reply = this.next();
    this.proc.send(m);
    return reply;
  }

  async exit(): Promise<void> {
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    this.proc.send({ type: 'exit' } satisfies ToServer);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

/** Busy and total jiffies of the whole machine, from /proc/stat. */
function machineTimes(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const n = line.trim().split(/\s+/).slice(1).map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  return { busy: total - idle, total };
}

/** CPU ticks (user + system, 1/100 s) of each process named `postgres` on the machine, from /proc. */
function postgresTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended while the directory was read.
    }
  }
  return ticks;
}

/** CPU seconds the PostgreSQL processes spent since `before` (a process that ended meanwhile is missed). */
function postgresCpuSince(before: Map<string, number>): number {
  let ticks = 0;
  for (const [pid, now] of postgresTicks()) ticks += now - (before.get(pid) ?? 0);
  return ticks / 100;
}

/** A time 24 h from now as YYYYmmddHHiiss in America/Bogota (UTC-5 all year). */
function tomorrowStamp(): string {
  return new Date(Date.now() + 86_400_000 - 5 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);
}

const agentbox = (q: Record<string, string>) => `/api/v2/agentbox.php?${new URLSearchParams(q).toString()}`;

type Path = (client: number, step: number) => string;

interface Scenario {
  name: string;
  method: 'POST';
  /** The path of a client's `step`-th request; null for a fixed path. */
  path: Path | string;
}

// Agents: change_status uses agent firstAgent+i for connection i; the mix uses D (dials and hangs
// up) = firstAgent+C+i and H (on a connected call, held and unheld, schedules recalls) = firstAgent+2C+i.
const agentFor = (set: 0 | 1 | 2, client: number) => String(firstAgent + set * connections + client);

const recallAt = tomorrowStamp();
const mixSteps: ((i: number) => string)[] = [
  (i) => agentbox({ api: 'change_status', agent_id: agentFor(1, i), status: 'ready' }),
  (i) => agentbox({ api: 'dial', agent_id: agentFor(1, i), customer_phone: `31${String(5000000 + i).padStart(8, '0')}` }),
  (i) => agentbox({ api: 'hold', agent_id: agentFor(2, i) }),
  (i) => agentbox({ api: 'recall', agent_id: agentFor(2, i), customer_phone: '3009998877', date: recallAt, type_recall: 'manual' }),
  (i) => agentbox({ api: 'hang', agent_id: agentFor(1, i) }),
];

const scenarios: Scenario[] = [
  { name: 'ceiling', method: 'POST', path: '/bench/ceiling' },
  { name: 'bare-tx', method: 'POST', path: (i, step) => `/bench/bare-tx?k=${(i * 31 + step) % 1000}` },
  // ready and an auxiliary state in turn, so every request moves the agent and appends an event.
  { name: 'change_status', method: 'POST', path: (i, step) => agentbox({ api: 'change_status', agent_id: agentFor(0, i), status: step % 2 === 0 ? 'ready' : '1' }) },
  { name: 'mix', method: 'POST', path: (i, step) => mixSteps[step % mixSteps.length]!(i) },
];

async function load(port: number, scenario: Scenario, seconds: number): Promise<autocannon.Result> {
  let nextClient = 0;
  const steps = new Map<string, { client: number; step: number }>();
  const path = scenario.path;
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    timeout: 10,
    setupClient: (client) => {
      const i = nextClient++;
      client.setHeaders({ 'wolkvox-token': tokenOf(i) });
    },
    requests: [{
      method: scenario.method,
      setupRequest: (req) => {
        if (typeof path === 'string') return { ...req, path };
        const token = req.headers?.['wolkvox-token'];
        // autocannon builds the first request once before the client's headers are set.
        if (!token) return { ...req, path: '/bench/ceiling' };
        let s = steps.get(token);
        if (!s) steps.set(token, (s = { client: Number(token.split('-').pop()), step: 0 }));
        return { ...req, path: path(s.client, s.step++) };
      },
    }],
  });
}

/**
 * N live event streams from now on; `stop` closes them and tells how many events they received
 * and how late the sampled ones arrived.
 */
function openStreams(port: number, n: number): { opened: Promise<void>; stop(): Promise<{ received: number; delays: number[] }> } {
  const controller = new AbortController();
  let received = 0;
  const delays: number[] = [];
  const opens: Promise<void>[] = [];
  const readers = Array.from({ length: n }, async (_, i) => {
    const sampled = i % 25 === 0;
    let opened = () => undefined as void;
    opens.push(new Promise<void>((resolve) => { opened = resolve; }));
    try {
      // As the console opens its stream: after the log's current end (a stream from the start would
      // replay the set-up and the warm-up, and its first seconds would measure that history's age).
      const authorization = `Bearer ${streamScope === 'all' ? tokenOf(Math.floor(i / streamsPerToken)) : consoleTokenOf(i)}`;
      const latest = await fetch(`http://127.0.0.1:${port}/v1/events/latest`, { headers: { authorization }, signal: controller.signal });
      if (!latest.ok) throw new Error(`events/latest: HTTP ${latest.status}`);
      const { seq } = await latest.json() as { seq: number };
      const res = await fetch(`http://127.0.0.1:${port}/v1/events/stream?after=${seq}`, { headers: { authorization }, signal: controller.signal });
      if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
      opened();
      const decoder = new TextDecoder();
      for await (const chunk of res.body) {
        const text = decoder.decode(chunk as Uint8Array);
        received += (text.match(/^id: /gm) ?? []).length;
        if (sampled) {
          const now = Date.now();
          for (const m of text.matchAll(/"at":"([^"]+)"/g)) delays.push(now - Date.parse(m[1] ?? ''));
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  });
  return {
    opened: Promise.all(opens).then(() => undefined),
    async stop() {
      controller.abort();
      await Promise.all(readers);
      return { received, delays };
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function post(port: number, path: string, token: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'wolkvox-token': token } });
  await res.arrayBuffer();
  return res.status;
}

/** Before the mix: H agents on answered calls, D agents with no call. */
async function prepareMix(child: Child, port: number, first: boolean): Promise<void> {
  await Promise.all(Array.from({ length: connections }, async (_, i) => {
    const token = tokenOf(i);
    await post(port, agentbox({ api: 'hang', agent_id: agentFor(1, i) }), token);
    if (first) {
      await post(port, agentbox({ api: 'change_status', agent_id: agentFor(2, i), status: 'ready' }), token);
      await post(port, agentbox({ api: 'dial', agent_id: agentFor(2, i), customer_phone: `32${String(5000000 + i).padStart(8, '0')}` }), token);
    }
  }));
  // The demo carrier answers after 1–3 s of the system clock.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const m = await child.ask({ type: 'agents' });
    const states = m.type === 'agents' ? m.states : {};
    if ((states.talking ?? 0) + (states.held ?? 0) >= connections) return;
    if (Date.now() > deadline) throw new Error(`mix setup: calls not answered: ${JSON.stringify(states)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function runStore(kind: 'pglite' | 'postgres', wanted: Set<string>): Promise<Row[]> {
  const env: Record<string, string> = {
    ...(args.profile ? { BENCH_PROFILE_DIR: args.profile } : {}),
    BENCH_TOKENS: String(Math.max(connections, Math.ceil(streams / streamsPerToken))), BENCH_AGENTS: String(Math.max(3 * connections, streamScope === 'consoles' ? streams : 0)), LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    BENCH_CONSOLES: String(streamScope === 'consoles' ? streams : 0),
  };
  let dataDir: string | undefined;
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  if (kind === 'pglite') {
    dataDir = mkdtempSync(join(tmpdir(), 'pacer-bench-'));
    env.PACER_DATA_DIR = dataDir;
  } else {
    env.DATABASE_URL = postgresUrl;
    env.BENCH_SCHEMA = schema;
  }
  const rows: Row[] = [];
  let child: Child | undefined;
  try {
    const started = await Child.start(env);
    child = started.child;
    const { port, store } = started;
    let mixPrepared = false;
    for (const scenario of scenarios) {
      if (!wanted.has(scenario.name)) continue;
      if (scenario.name === 'bare-tx' && kind !== 'postgres') continue;
      if (scenario.name === 'mix') {
        await prepareMix(child, port, !mixPrepared);
        mixPrepared = true;
      }
      if (warmup > 0) await load(port, scenario, warmup);
      if (scenario.name === 'mix') await prepareMix(child, port, false);
      const plan = paired > 0 ? Array.from({ length: paired }, (_, i) => (i % 2 === 0 ? [0, streams] : [streams, 0])).flat() : [streams];
      for (const [i, open] of plan.entries()) {
        const row = await measure(child, port, store, scenario, open, kind);
        row.pair = paired > 0 ? Math.floor(i / 2) : null;
        rows.push(row);
        console.log(JSON.stringify(row));
      }
    }
  } finally {
    await child?.exit();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (kind === 'postgres') {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
  return rows;
}

/** One measured window of `scenario` with `open` live event streams. */
async function measure(child: Child, port: number, store: string, scenario: Scenario, open: number, kind: 'pglite' | 'postgres'): Promise<Row> {
  // The streams are open before the window: it measures their cost while they run, not their opening.
  const live = openStreams(port, open);
  await Promise.race([live.opened, new Promise((_, reject) => setTimeout(() => reject(new Error(`${open} streams not open within 60 s`)), 60_000).unref())]);
  const before = machineTimes();
  const postgresBefore = postgresTicks();
  const loadBefore = process.cpuUsage();
  const wallBefore = performance.now();
  child.tell({ type: 'start' });
  const result = await load(port, scenario, duration);
  const stats = await child.ask({ type: 'stop' });
  const { received: streamed, delays } = await live.stop();
  delays.sort((a, b) => a - b);
  const after = machineTimes();
  const wall = (performance.now() - wallBefore) / 1000;
  const loadCpu = process.cpuUsage(loadBefore);
  const cores = (seconds: number) => Math.round((seconds / wall) * 100) / 100;
  if (stats.type !== 'stats') throw new Error('no stats');
  const codes = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `${code}×${s.count}`).join(' ');
  return {
    store, scenario: scenario.name, streams: open, pair: null, rps: Math.round(result.requests.total / result.duration), requests: result.requests.total,
    p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, non2xx: result.non2xx,
    errors: result.errors + result.timeouts, codes, stats: stats.stats,
    machineCpu: Math.round(((after.busy - before.busy) / (after.total - before.total)) * 100),
    postgresCores: kind === 'postgres' ? cores(postgresCpuSince(postgresBefore)) : null,
    loadCores: cores((loadCpu.user + loadCpu.system) / 1e6),
    streamed,
    delivery: delays.length > 0 ? { p50: percentile(delays, 50), p99: percentile(delays, 99) } : null,
  };
}

function table(rows: Row[]): string {
  const withStreams = streams > 0;
  const head = `| store | scenario |${withStreams ? ' streams |' : ''} req/s | vs ceiling | p50 ms | p99 ms | max ms | non-2xx | errors | loop p99 ms | loop max ms | Pacer CPU (cores) | PostgreSQL CPU (cores) | load generator CPU (cores) | machine CPU |${withStreams ? ' events streamed | delivery p50 / p99 ms |' : ''}`;
  const sep = `|---|---|${withStreams ? '--:|' : ''}--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|${withStreams ? '--:|--:|' : ''}`;
  const lines = rows.map((r) => {
    const ceiling = rows.find((c) => c.store === r.store && c.scenario === 'ceiling');
    const ratio = ceiling ? `${Math.round((r.rps / ceiling.rps) * 100)} %` : '';
    return `| ${r.store} | ${r.scenario} |${withStreams ? ` ${r.streams} |` : ''} ${r.rps.toLocaleString('en-US')} | ${ratio} | ${r.p50} | ${r.p99} | ${r.max} | ${r.non2xx}${r.codes ? ` (${r.codes})` : ''} | ${r.errors} | ${r.stats.eldP99} | ${r.stats.eldMax} | ${r.stats.cpuCores} | ${r.postgresCores ?? ''} | ${r.loadCores} | ${r.machineCpu} % |${withStreams ? ` ${r.streamed.toLocaleString('en-US')} | ${r.delivery ? `${r.delivery.p50} / ${r.delivery.p99}` : ''} |` : ''}`;
  });
  return [head, sep, ...lines].join('\n');
}

/** With --paired: per store and scenario, each pair's cost of the streams (1 − with / without) and the median. */
function pairs(rows: Row[]): string {
  const groups = new Map<string, Row[]>();
  for (const r of rows) if (r.pair !== null) groups.set(`${r.store} ${r.scenario}`, [...(groups.get(`${r.store} ${r.scenario}`) ?? []), r]);
  const lines: string[] = [];
  for (const [name, group] of groups) {
    const costs: number[] = [];
    for (let k = 0; k < paired; k++) {
      const none = group.find((r) => r.pair === k && r.streams === 0);
      const some = group.find((r) => r.pair === k && r.streams > 0);
      if (none && some) costs.push(1 - some.rps / none.rps);
    }
    const sorted = [...costs].sort((a, b) => a - b);
    const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : ((sorted[sorted.length / 2 - 1] ?? 0) + (sorted[sorted.length / 2] ?? 0)) / 2;
    const pct = (x: number) => `${Math.round(x * 100)} %`;
    const withRows = group.filter((r) => r.streams > 0);
    const range = (xs: number[]) => `${Math.min(...xs)}–${Math.max(...xs)}`;
    lines.push(`| ${name} | ${costs.length} | ${costs.map(pct).join(', ')} | **${pct(median)}** | ${range(withRows.map((r) => r.stats.eldP99))} | ${range(withRows.flatMap((r) => (r.delivery ? [r.delivery.p99] : [])))} |`);
  }
  return ['| store, scenario | pairs | cost of the streams per pair (1 − with / without) | median | loop p99 ms with streams | delivery p99 ms |', '|---|--:|---|--:|--:|--:|', ...lines].join('\n');
}

const stores = (args.stores ?? '').split(',').filter((s): s is 'pglite' | 'postgres' => s === 'pglite' || s === 'postgres');
const wanted = new Set((args.scenarios ?? '').split(','));
const all: Row[] = [];
for (const kind of stores) all.push(...(await runStore(kind, wanted)));
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const scopeText = streamScope === 'all' ? 'each with every event' : 'one console per agent, one supervisor\'s in 50';
const withStreams = streams > 0 ? `, ${streams} live event stream${streams > 1 ? 's' : ''} (${scopeText}) open during ${paired > 0 ? 'half the windows' : 'each run'}` : '';
const pairing = paired > 0 ? `, in ${paired} pairs of windows without and with them (AB BA …, one process)` : '';
const report = `${table(all)}\n\n${paired > 0 ? `${pairs(all)}\n\n` : ''}Machine: ${machine}; ${connections} connections, ${duration} s per run after a ${warmup} s warm-up${withStreams}${pairing}.`;
console.log(`\n${report}`);

if (args.write) {
  // The api section of BENCHMARKS.md is prose kept by hand around a generated table, between
  // `<!-- api:results:start -->` and `<!-- api:results:end -->`; another section (the dialer's)
  // lives in the same file between its own markers and is never touched.
  if (hasSection('api:results')) writeSection('api:results', report);
  else writeSection('api', `## API load (npm run bench:api)\n\n<!-- api:results:start -->\n${report}\n<!-- api:results:end -->`);
  console.log('BENCHMARKS.md updated');
}
