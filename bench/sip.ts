// `npm run bench:sip`: Pacer placing real SIP calls on loopback. A predictive campaign, N agents
// logged in with standing sessions on sipp phones, customers played by one sipp carrier behind the
// operation's trunk (30 % answer, 40 % busy, 30 % ring until Pacer cancels them: the dialled
// number says which, see bench/sipp/carrier_uas.xml), customers who talk a few seconds and hang
// up. The same campaign then runs on the simulated carrier (PACER_TELEPHONY=sim, same outcome
// shares, ring and talk times) for comparison. Pacer runs as a child process (bench/sip-server.ts)
// set up through its HTTP API; everything else (sipp, this process) is measured separately.
//
//   npm run bench:sip -- [--agents 100,500] [--modes sip,sim] [--duration 60] [--warmup 20]
//                        [--talk 4] [--acw 1] [--ring 1] [--ring-timeout 15] [--store postgres|pglite] [--freeze MS] [--write]
//
// Every run is bounded: sipp has -m and -timeout, every wait has a deadline, and every sipp this
// process started is killed when it ends, whatever happens. Traffic goes to 127.0.0.0/8 only.
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePorts } from '../test/support/sipp/peer.ts';
import { hasSection, machine, writeSection } from './benchmarks-file.ts';
import type { SipFromServer, SipRunStats, SipToServer } from './sip-protocol.ts';

const { values: args } = parseArgs({
  options: {
    agents: { type: 'string', default: '100,500' },
    modes: { type: 'string', default: 'sip,sim' },
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '60' },
    talk: { type: 'string', default: '4' },
    acw: { type: 'string', default: '1' },
    /**
     * Seconds to wait, once every call has ended, before the idle heap reading: the SIP stack keeps
     * a finished INVITE transaction 32 s (RFC 3261 Timer D), memory the calls cost while they run.
     */
    settle: { type: 'string', default: '33' },
    /** Seconds a customer who answers rings first: `min-max` (uniform) or one value. */
    ring: { type: 'string', default: '1-5' },
    /** Seconds before a busy signal: `min-max` (uniform) or one value. */
    busy: { type: 'string', default: '0.5-3' },
    'ring-timeout': { type: 'string', default: '30' },
    store: { type: 'string', default: 'postgres' },
    'phones-per-sipp': { type: 'string', default: '250' },
    write: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    /** Keep sipp's files (stats, errors, response times) in the temporary directory and say where. */
    keep: { type: 'boolean', default: false },
    /** Print the campaign second by second (placed, answered, connected, ended, live, talking). */
    timeline: { type: 'boolean', default: false },
    /** A directory: write a CPU profile of the Pacer process over each measured window there (.cpuprofile). */
    'cpu-prof': { type: 'string' },
    /** A directory: write a sampling heap profile of the Pacer process there, taken at the window's end (.heapprofile). */
    'heap-prof': { type: 'string' },
    /**
     * Milliseconds: freeze the Pacer process (SIGSTOP, then SIGCONT) that long every 10 s of the
     * window, as a stalled VM or a long collection would. A robustness run: every call must still
     * end and no transaction fail; its latencies include the freezes.
     */
    freeze: { type: 'string', default: '0' },
    /** Print Pacer's first logged errors in full. */
    verbose: { type: 'boolean', default: false },
  },
});

if (args['cpu-prof']) mkdirSync(args['cpu-prof'], { recursive: true });
if (args['heap-prof']) mkdirSync(args['heap-prof'], { recursive: true });
const agentCounts = args.agents.split(',').map(Number).filter((n) => n > 0);
const modes = args.modes.split(',').filter((m): m is 'sip' | 'sim' => m === 'sip' || m === 'sim');
const durationS = Number(args.duration);
const warmupS = Number(args.warmup);
const talkS = Number(args.talk);
const acwS = Number(args.acw);
/** `a-b` or `a`, seconds, as [min, max]. */
const range = (text: string): [number, number] => {
  const [a, b] = text.split('-').map(Number) as [number, number | undefined];
  return [a, b ?? a];
};
const ringS = range(args.ring);
const busyS = range(args.busy);
const rangeText = ([a, b]: [number, number]) => (a === b ? `${a} s` : `${a}–${b} s (uniform)`);
const ringTimeoutS = Number(args['ring-timeout']);
const store = args.store === 'pglite' ? 'pglite' : 'postgres';
const settleS = Number(args.settle);
const freezeMs = Math.max(0, Number(args.freeze));
const phonesPerSipp = Math.max(1, Number(args['phones-per-sipp']));
const postgresUrl = process.env.PACER_BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** The calls a customer waits for the bridge before it hangs up by itself (Pacer abandons at 2 s). */
const bridgeWaitS = 10;
const PACER_HOST = '127.0.0.10';
const PEER_HOST = '127.0.0.1';
const TOKEN = 'bench-sip-token-0001';
const ADMIN = 'bench-sip-admin-token-0001';
const firstAgent = 2001;
const began = performance.now();
const log = (line: string) => { if (!args.quiet) console.error(`[bench:sip] ${((performance.now() - began) / 1000).toFixed(1)} s: ${line}`); };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** `promise`, or `fallback()` once `ms` have passed; the timer does not outlive the race. */
async function within<T>(promise: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<T>((resolve, reject) => {
      timer = setTimeout(() => { try { resolve(fallback()); } catch (error) { reject(error instanceof Error ? error : new Error(String(error))); } }, ms);
    })]);
  } finally {
    clearTimeout(timer);
  }
}
const bench = new URL('.', import.meta.url).pathname;
const phoneScenario = join(bench, '..', 'test', 'support', 'sipp', 'phone_uas.xml');

// ---------------------------------------------------------------------------------------------
// The machine: /proc readings.

/** Busy and total jiffies of the whole machine. */
function machineTimes(): { busy: number; total: number } {
  const n = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - (n[3] ?? 0) - (n[4] ?? 0), total };
}

/** CPU ticks (1/100 s, user + system) of a process, by pid (none once it has ended). */
function ticksOf({ pid }: { pid: number }): Map<string, number> {
  const ticks = new Map<string, number>();
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks.set(String(pid), Number(fields[11]) + Number(fields[12]));
  } catch {
    // The process ended.
  }
  return ticks;
}
const cpuSince = (before: Map<string, number>, now: Map<string, number>) => {
  let t = 0;
  for (const [pid, v] of now) t += v - (before.get(pid) ?? 0);
  return t / 100;
};

function withApplicationName(url: string, name: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
}

/**
 * CPU of the PostgreSQL sessions of one Pacer (by application_name), sampled while it runs: a
 * session born meanwhile counts from zero, one that ends loses its last interval.
 */
function postgresMeter(applicationName: string) {
  const client = new pg.Client({ connectionString: postgresUrl });
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let sampling: Promise<void> = Promise.resolve();
  /** Sessions in a transaction at each sample: executing (or waiting for a lock), or waiting for Pacer. */
  const states = { samples: 0, active: 0, lockWait: 0, idleInTransaction: 0 };
  const sample = async (startNow: boolean) => {
    const { rows } = await client.query<{ pid: number; state: string | null; wait: string | null }>(
      'SELECT pid, state, wait_event_type AS wait FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    states.samples += 1;
    for (const r of rows) {
      if (r.state === 'active') states.active += 1;
      if (r.state === 'active' && r.wait === 'Lock') states.lockWait += 1;
      if (r.state === 'idle in transaction') states.idleInTransaction += 1;
    }
    for (const { pid } of rows) {
      const t = ticksOf({ pid }).get(String(pid));
      if (t === undefined) continue;
      if (!first.has(String(pid))) first.set(String(pid), startNow ? t : 0);
      last.set(String(pid), t);
    }
  };
  return {
    async start() {
      await client.connect();
      await sample(true);
      timer = setInterval(() => { sampling = sampling.then(() => sample(false)).catch(() => undefined); }, 250);
    },
    /** CPU seconds of those sessions since start, and how many were in a transaction on average. */
    async stop(): Promise<{ cpuS: number; active: number; lockWait: number; idleInTransaction: number }> {
      clearInterval(timer);
      await sampling;
      await sample(false);
      await client.end();
      let t = 0;
      for (const [pid, v] of last) t += v - (first.get(pid) ?? 0);
      const mean = (n: number) => n / Math.max(1, states.samples);
      return { cpuS: t / 100, active: mean(states.active), lockWait: mean(states.lockWait), idleInTransaction: mean(states.idleInTransaction) };
    },
  };
}

/** The UDP counters of the machine (/proc/net/snmp): receive-buffer drops show as RcvbufErrors. */
function udpCounters(): Record<string, number> {
  const lines = readFileSync('/proc/net/snmp', 'utf8').split('\n').filter((l) => l.startsWith('Udp:'));
  const names = (lines[0] ?? '').split(/\s+/).slice(1);
  const values = (lines[1] ?? '').split(/\s+/).slice(1).map(Number);
  return Object.fromEntries(names.map((n, i) => [n, values[i] ?? 0]));
}

/** One UDP socket's receive buffer and the datagrams it dropped because it was full (`ss -uamn`). */
function udpSocket(host: string, port: number): { drops: number; rcvbuf: number } | undefined {
  try {
    const out = execFileSync('ss', ['-uamn', `src ${host}:${port}`], { encoding: 'utf8', timeout: 5000 });
    const m = /rb(\d+),.*d(\d+)\)/.exec(out);
    return m ? { rcvbuf: Number(m[1]), drops: Number(m[2]) } : undefined;
  } catch {
    return undefined;
  }
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? null;
}

// ---------------------------------------------------------------------------------------------
// sipp peers: every one bounded by -m and -timeout, killed at the end whatever happens.

const running = new Set<ChildProcess>();
const killAll = () => { for (const p of running) p.kill('SIGKILL'); };
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => { killAll(); process.exit(130); });

interface Moment { what: 'answer' | 'ack' | 'bridge'; at: number; phone: string }

interface Sipp {
  name: string;
  port: number;
  pid: number;
  dir: string;
  /** SIGUSR1 (finish the calls in progress, then exit), then SIGKILL after `ms`. */
  stop(ms: number): Promise<number | null>;
  stats(): Record<string, number>;
  /** Lines of sipp's error log (unexpected messages, aborted calls…). */
  errors(): string[];
  /** The moments the scenario logs (answer, ack, bridge), by dialled number: [what, ms since the epoch, number]. */
  moments(): Moment[];
}

async function startSipp(name: string, scenario: string, options: { calls: number; timeoutS: number; pauseMs?: number; logs?: boolean }): Promise<Sipp> {
  const [port, mediaPort, controlPort] = await freePorts(PEER_HOST, [0, 9, 0]) as [number, number, number];
  const dir = mkdtempSync(join(tmpdir(), `pacer-bench-sipp-${name}-`));
  const sipp = [
    '-sf', scenario, '-i', PEER_HOST, '-p', String(port), '-mi', PEER_HOST, '-mp', String(mediaPort), '-cp', String(controlPort),
    '-m', String(options.calls), '-nostdin', '-timeout', `${options.timeoutS}s`, '-t', 'u1', '-buff_size', String(4 * 2 ** 20),
    '-trace_err', '-error_file', join(dir, 'errors.log'), '-trace_stat', '-stf', join(dir, 'stats.csv'), '-fd', '1',
    ...(options.pauseMs !== undefined ? ['-d', String(options.pauseMs)] : []),
    ...(options.logs ? ['-trace_logs', '-log_file', join(dir, 'moments.log')] : []),
  ];
  const child = spawn('sipp', sipp, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => { running.delete(child); resolve(code); });
    child.once('error', () => { running.delete(child); resolve(null); });
  });
  const read = (file: string) => { try { return readFileSync(join(dir, file), 'utf8'); } catch { return ''; } };
  // Listening once its UDP port is bound (read from /proc, no probe).
  const hex = `${PEER_HOST.split('.').map((b) => Number(b).toString(16).padStart(2, '0').toUpperCase()).reverse().join('')}:${port.toString(16).padStart(4, '0').toUpperCase()}`;
  const deadline = Date.now() + 5000;
  while (!readFileSync('/proc/net/udp', 'utf8').includes(hex)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`sipp ${name} did not start: ${stderr}`);
    await sleep(20);
  }
  return {
    name, port, dir, pid: child.pid ?? 0,
    async stop(ms) {
      if (child.exitCode === null) child.kill('SIGUSR1');
      const code = await within<number | null | 'timeout'>(exited, ms, () => 'timeout');
      if (code !== 'timeout') return code;
      child.kill('SIGKILL');
      return exited;
    },
    stats() {
      const lines = read('stats.csv').trim().split('\n');
      const head = (lines[0] ?? '').split(';');
      const last = (lines.at(-1) ?? '').split(';');
      const counters: Record<string, number> = {};
      head.forEach((h, i) => {
        const v = Number(last[i]);
        if (h !== '' && Number.isFinite(v)) counters[h] = v;
      });
      return counters;
    },
    errors() {
      // sipp logs every receive timeout as an event, also the ones the scenario takes on purpose (the
      // carrier's talk time); harmless epoll noise as well. What is left is what went wrong.
      return read('errors.log').split(/(?=\d{4}-\d\d-\d\d\t)/).map((l) => l.trim())
        .filter((l) => l !== '' && l !== 'The following events occurred:' && !/Failed to delete FD from epoll|receive timeout on message .*jumping to label/.test(l));
    },
    moments() {
      const out: Moment[] = [];
      for (const line of read('moments.log').split('\n')) {
        // `answer 2026-12-06\t21:04:48.095099\t1796591088.095099 sip:3100001234@127.0.0.1:5080`
        const m = /^(answer|ack|bridge)\s+\S+\s+\S+\s+(\d+\.\d+)\s+sip:(\d+)@/.exec(line);
        if (m) out.push({ what: m[1] as Moment['what'], at: Number(m[2]) * 1000, phone: m[3] ?? '' });
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The Pacer process.

class Pacer {
  private waiting: ((m: SipFromServer) => void)[] = [];
  readonly proc: ChildProcess;
  readonly port: number;
  private constructor(proc: ChildProcess, port: number) {
    this.proc = proc;
    this.port = port;
    proc.on('message', (m: SipFromServer) => this.waiting.shift()?.(m));
  }

  static async start(env: Record<string, string>): Promise<Pacer> {
    const proc = fork(new URL('./sip-server.ts', import.meta.url), [], {
      env: { ...process.env, ...env }, execArgv: [...process.execArgv, '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    running.add(proc);
    proc.once('exit', () => running.delete(proc));
    const ready = await within(Promise.race([
      new Promise<SipFromServer>((resolve) => proc.once('message', resolve)),
      new Promise<never>((_, reject) => proc.once('exit', (code) => reject(new Error(`the Pacer process exited with ${code}`)))),
    ]), 60_000, () => { throw new Error('the Pacer process did not start within 60 s'); });
    if (ready.type !== 'ready') throw new Error('the Pacer process did not start');
    return new Pacer(proc, ready.port);
  }

  ask<T extends SipFromServer['type']>(m: SipToServer, ms = 60_000): Promise<Extract<SipFromServer, { type: T }>> {
    return within(new Promise<Extract<SipFromServer, { type: T }>>((resolve) => {
      this.waiting.push(resolve as (m: SipFromServer) => void);
      this.proc.send(m);
    }), ms, () => { throw new Error(`the Pacer process did not answer ${m.type} within ${ms} ms`); });
  }

  async sql<R = Record<string, unknown>>(text: string): Promise<R[]> {
    const reply = await this.ask<'rows'>({ type: 'sql', text });
    if (reply.error) throw new Error(`${reply.error}\n${text}`);
    return reply.rows as R[];
  }

  async api(method: string, path: string, body?: unknown, token = TOKEN): Promise<Record<string, unknown>> {
    const res = await fetch(`http://127.0.0.1:${this.port}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }), signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) as Record<string, unknown> : {};
  }

  async exit(): Promise<number | null> {
    let closeMs: number | null = null;
    try {
      closeMs = (await this.ask<'closed'>({ type: 'exit' }, 30_000)).ms;
    } catch {
      // It is killed below.
    }
    if (this.proc.exitCode === null) await within(new Promise((resolve) => this.proc.once('exit', resolve)), 10_000, () => undefined);
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
    return closeMs;
  }
}

/** `n` jobs, `width` at a time. */
async function inParallel(n: number, width: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, n) }, async () => {
    while (next < n) await job(next++);
  }));
}

/** Stops `proc` for `ms` every 10 s until `stop()`, which resumes it and says how many times it froze. */
function freezeEvery(proc: ChildProcess, ms: number): { stop(): number } {
  let count = 0;
  let thaw: NodeJS.Timeout | undefined;
  const resume = () => { thaw = undefined; proc.kill('SIGCONT'); };
  const tick = setInterval(() => {
    if (proc.exitCode !== null) return;
    count++;
    proc.kill('SIGSTOP');
    thaw = setTimeout(resume, ms);
  }, 10_000);
  return {
    stop() {
      clearInterval(tick);
      if (thaw) { clearTimeout(thaw); resume(); }
      return count;
    },
  };
}

/** Polls `check` until it holds, or throws after `ms` (with what `explain` says). */
async function until<T>(ms: number, what: string, check: () => Promise<T | undefined | false>, explain?: () => Promise<string>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms${explain ? `\n${await explain()}` : ''}`);
    await sleep(250);
  }
}

/** The dialled number of record i: 31… answers (3 in 10), 32… is busy (4 in 10), 33… rings unanswered. */
function phoneOf(i: number): string {
  const d = i % 10;
  return `3${d < 3 ? 1 : d < 7 ? 2 : 3}${String(i).padStart(8, '0')}`;
}

interface Dist { p50: number | null; p99: number | null; max: number | null; n: number }
const dist = (values: number[]): Dist => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? null, n: sorted.length };
};

interface SipLatency {
  /** The carrier's 200 OK sent -> the carrier re-INVITEd with the agent phone's media (the bridge), ms. */
  bridge: Dist;
  /** 200 OK sent -> Pacer's ACK received (Pacer's SIP stack took the answer). */
  ack: Dist;
  /** 200 OK sent -> the answer in the engine's transaction (calls.answered_at; clocks of two processes). */
  engine: Dist;
  /** The engine chose the agent (calls.connected_at) -> the bridge re-INVITE reached the carrier. */
  afterEngine: Dist;
  /**
   * 200 OK sent -> bridge, for the answers an agent was ready for (chosen in the answer's own
   * transaction): the telephony's latency, without the wait for an agent the dialer chose to risk.
   */
  bridgeAgentReady: Dist;
  /** Answers that waited for an agent to free up (chosen after the answer's transaction), and how long, ms. */
  agentWait: Dist;
  /** Answers in the window that were never bridged (abandoned, or still waiting at the end). */
  unbridged: number;
}

/** Answer -> bridge per call, from the carrier's log (by dialled number) and the calls table. */
function sipLatency(moments: Moment[], calls: { phone: string; answered: number; connected: number | null }[], t0: number, t1: number): SipLatency {
  const byPhone = new Map<string, Moment[]>();
  for (const m of moments) {
    const list = byPhone.get(m.phone) ?? [];
    list.push(m);
    byPhone.set(m.phone, list);
  }
  const callsOf = new Map<string, { answered: number; connected: number | null }[]>();
  for (const c of calls) {
    const list = callsOf.get(c.phone) ?? [];
    list.push({ answered: Number(c.answered), connected: c.connected === null ? null : Number(c.connected) });
    callsOf.set(c.phone, list);
  }
  const bridge: number[] = [];
  const ack: number[] = [];
  const engine: number[] = [];
  const afterEngine: number[] = [];
  const bridgeAgentReady: number[] = [];
  const agentWait: number[] = [];
  let unbridged = 0;
  for (const [phone, list] of byPhone) {
    for (const a of list) {
      if (a.what !== 'answer' || a.at < t0 || a.at >= t1) continue;
      const next = (what: Moment['what']) => list.find((m) => m.what === what && m.at >= a.at);
      const acked = next('ack');
      const bridged = next('bridge');
      if (acked) ack.push(acked.at - a.at);
      if (bridged) bridge.push(bridged.at - a.at);
      else unbridged++;
      // The engine's row of this answer: the first answered at or after it (less a little clock skew).
      const call = (callsOf.get(phone) ?? []).filter((c) => c.answered >= a.at - 50).sort((x, y) => x.answered - y.answered)[0];
      if (!call) continue;
      engine.push(call.answered - a.at);
      if (bridged && call.connected !== null) afterEngine.push(bridged.at - call.connected);
      if (call.connected === null) continue;
      // One transaction stamps both when an agent was ready: the same instant.
      if (call.connected === call.answered) {
        if (bridged) bridgeAgentReady.push(bridged.at - a.at);
      } else {
        agentWait.push(call.connected - call.answered);
      }
    }
  }
  return {
    bridge: dist(bridge), ack: dist(ack), engine: dist(engine), afterEngine: dist(afterEngine),
    bridgeAgentReady: dist(bridgeAgentReady), agentWait: dist(agentWait), unbridged,
  };
}

// ---------------------------------------------------------------------------------------------
// One run.

interface Row {
  mode: 'sip' | 'sim';
  agents: number;
  windowS: number;
  attempts: number;
  attemptsPerS: number;
  answered: number;
  connected: number;
  abandoned: number;
  results: Record<string, number>;
  liveMean: number;
  liveMax: number;
  talkingMean: number;
  /** Answer -> bridge as the carrier saw it, and where that time went (sip mode). */
  sip: SipLatency | undefined;
  /** call.answered_at -> call.connected_at as Pacer wrote them (the agent chosen), ms. */
  engineP50: number | null;
  engineP99: number | null;
  stats: SipRunStats;
  pacerCores: number;
  cpuMsPerAttempt: number;
  heapPerLiveCallKb: number | null;
  /** Heap still held once every call had ended, released in the next `settle` seconds (finished transactions' timers), MB. */
  heapLingerMb: number;
  heapPerSessionKb: number | null;
  liveAtHeap: number;
  postgresCores: number | null;
  /** Pacer's PostgreSQL sessions (pool of PACER_DB_POOL, default 10), on average over the window: executing a statement, of which waiting for a lock, and inside a transaction waiting for Pacer. */
  postgresSessions: { active: number; lockWait: number; idleInTransaction: number } | null;
  sippCores: number | null;
  machineCpu: number;
  load: [number, number];
  failures: {
    pacerErrors: number;
    failedCalls: number;
    phoneLost: number;
    sippFailed: number | null;
    sippUnexpected: number | null;
    sippRetransmissions: number | null;
    sippErrorLines: number | null;
    /** Datagrams each socket dropped in the window because its receive buffer was full, and that buffer's size. */
    socketDrops: { name: string; drops: number; rcvbuf: number }[];
    rcvbufErrors: number;
    udpInErrors: number;
  };
  notes: string[];
}

async function run(mode: 'sip' | 'sim', agents: number): Promise<Row> {
  const notes: string[] = [];
  const records = Math.ceil(agents * (warmupS + durationS + 20) * 1.2) + 1000;
  const schema = `bench_sip_${randomBytes(4).toString('hex')}`;
  const dataDir = store === 'pglite' ? mkdtempSync(join(tmpdir(), 'pacer-bench-sip-')) : undefined;
  const sipps: Sipp[] = [];
  let pacer: Pacer | undefined;
  const budgetS = warmupS + durationS + ringTimeoutS + talkS + bridgeWaitS + 240;
  try {
    const env: Record<string, string> = {
      PACER_TELEPHONY: mode, PACER_NATIVE_RATE: '100000', PACER_ADMIN_TOKEN: ADMIN, BENCH_TOKEN: TOKEN,
      LOG_LEVEL: 'warn', PACER_SIP_ALLOW_PRIVATE: 'true',
      ...(args['cpu-prof'] ? { BENCH_CPU_PROFILE: join(args['cpu-prof'], `pacer-${mode}-${agents}.cpuprofile`) } : {}),
      ...(args['heap-prof'] ? { BENCH_HEAP_PROFILE: join(args['heap-prof'], `pacer-${mode}-${agents}.heapprofile`) } : {}),
      // Its PostgreSQL sessions carry the schema's name, so that their CPU is told apart from other users' of the server.
      ...(store === 'postgres' ? { DATABASE_URL: withApplicationName(postgresUrl, schema), BENCH_SCHEMA: schema } : { PACER_DATA_DIR: dataDir ?? '', DATABASE_URL: '' }),
    };
    let carrier: Sipp | undefined;
    const phones: Sipp[] = [];
    let sipPort = 0;
    if (mode === 'sip') {
      [sipPort] = await freePorts(PACER_HOST, [0]) as [number];
      env.PACER_SIP_LISTEN = `${PACER_HOST}:${sipPort}`;
      const scenarioDir = mkdtempSync(join(tmpdir(), 'pacer-bench-scenario-'));
      const carrierXml = join(scenarioDir, 'carrier_uas.xml');
      const fill: Record<string, number> = {
        RING_MIN_MS: ringS[0] * 1000, RING_MAX_MS: ringS[1] * 1000, BUSY_MIN_MS: busyS[0] * 1000, BUSY_MAX_MS: busyS[1] * 1000,
        TALK_MS: talkS * 1000, BRIDGE_WAIT_MS: bridgeWaitS * 1000,
      };
      writeFileSync(carrierXml, readFileSync(join(bench, 'sipp', 'carrier_uas.xml'), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(Math.round(fill[k] ?? 0))));
      carrier = await startSipp('carrier', carrierXml, { calls: records * 3, timeoutS: budgetS, logs: true });
      rmSync(scenarioDir, { recursive: true, force: true });
      sipps.push(carrier);
      for (let i = 0; i < Math.ceil(agents / phonesPerSipp); i++) {
        const phone = await startSipp(`phones${i}`, phoneScenario, { calls: phonesPerSipp * 2, timeoutS: budgetS, pauseMs: 0 });
        phones.push(phone);
        sipps.push(phone);
      }
    } else {
      const profile = {
        outcomes: [
          { result: 'answer', p: 0.3, ringS: { dist: 'uniform', min: ringS[0], max: ringS[1] } },
          { result: 'busy', p: 0.4, ringS: { dist: 'uniform', min: busyS[0], max: busyS[1] } },
          { result: 'no-answer', p: 0.3 },
        ],
        talkS: { dist: 'fixed', value: talkS },
        patienceS: null,
      };
      env.BENCH_SIM_PROFILE = JSON.stringify(profile);
    }
    pacer = await Pacer.start(env);
    const p = pacer;
    log(`${mode} ${agents} agents: Pacer up (${store}), setting up`);

    await p.api('PATCH', '/v1/operations/0001', { licenses: agents + 10, acw_s: acwS }, ADMIN);
    await inParallel(agents, 16, (i) => p.api('PUT', `/v1/agents/${firstAgent + i}`, { name: `Bench agent ${firstAgent + i}` }));
    if (mode === 'sip') {
      await p.api('POST', '/v1/trunks', { uri: `sip:${PEER_HOST}:${carrier?.port}`, ring_timeout_s: ringTimeoutS });
      await inParallel(agents, 16, (i) => {
        const phone = phones[Math.floor(i / phonesPerSipp)];
        return p.api('PUT', `/v1/agents/${firstAgent + i}/phone`, { contact: `sip:${firstAgent + i}@${PEER_HOST}:${phone?.port}` });
      });
    }
    const heapBeforeLogin = await p.ask<'heap'>({ type: 'heap' });
    await inParallel(agents, 16, (i) => p.api('POST', `/v1/agents/${firstAgent + i}/status`, { status: 'ready' }));
    if (mode === 'sip') {
      await until(60_000, 'every agent phone answered and parked', async () => {
        const [row] = await p.sql<{ n: number }>('SELECT count(*)::int AS n FROM sip_dialogs WHERE agent_id IS NOT NULL');
        return (row?.n ?? 0) >= agents;
      });
    }
    const [ready] = await p.sql<{ n: number }>(`SELECT count(*)::int AS n FROM agents WHERE state = 'ready' AND id::int >= ${firstAgent}`);
    if ((ready?.n ?? 0) !== agents) throw new Error(`${ready?.n} of ${agents} agents are ready`);
    const heapLoggedIn = await p.ask<'heap'>({ type: 'heap' });

    const always = ['00:00-23:59'];
    const calling_schedule = { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always, holidays: 'none' };
    const campaign = await p.api('POST', '/v1/campaigns', { name: `bench ${mode} ${agents}`, type: 'predictive', calling_schedule });
    const campaignId = String(campaign.id);
    if (campaign.dial_mode !== 'predictive') throw new Error(`the campaign dials ${String(campaign.dial_mode)}, not predictive`);
    for (let from = 0; from < records; from += 10_000) {
      const batch = Array.from({ length: Math.min(10_000, records - from) }, (_, k) => {
        const i = from + k;
        return { customer_id: `b${i}`, name: `Customer ${i}`, tel1: phoneOf(i) };
      });
      await p.api('POST', `/v1/campaigns/${campaignId}/records`, { records: batch });
    }
    log(`${mode} ${agents} agents: ${records} records; campaign started, warm-up ${warmupS} s`);
    await p.api('PATCH', `/v1/campaigns/${campaignId}`, { status: 'started' });
    await sleep(warmupS * 1000);

    // The measured window.
    const sippPids = sipps.map((s) => s.pid);
    const sockets: [string, string, number][] = [
      ...(mode === 'sip' ? [['Pacer', PACER_HOST, sipPort] as [string, string, number]] : []),
      ...sipps.map((x) => [`sipp ${x.name}`, PEER_HOST, x.port] as [string, string, number]),
    ];
    const socketsBefore = sockets.map(([, host, port]) => udpSocket(host, port));
    const before = {
      machine: machineTimes(), udp: udpCounters(),
      sipp: new Map(sippPids.flatMap((pid) => [...ticksOf({ pid })])), load: loadavg()[0] ?? 0,
    };
    const postgres = store === 'postgres' ? postgresMeter(schema) : undefined;
    await postgres?.start();
    await p.ask<'started'>({ type: 'start' });
    const t0 = Date.now();
    log(`${mode} ${agents} agents: measuring ${durationS} s (load average ${before.load.toFixed(2)})`);
    const freezes = freezeMs > 0 ? freezeEvery(p.proc, freezeMs) : undefined;
    await sleep(durationS * 1000);
    const frozen = freezes?.stop();
    if (frozen) notes.push(`Pacer frozen ${frozen} times for ${freezeMs} ms (--freeze): latencies include the freezes`);
    const { stats } = await p.ask<'stats'>({ type: 'stop' });
    const t1 = Date.now();
    const after = {
      machine: machineTimes(), udp: udpCounters(),
      sipp: new Map(sippPids.flatMap((pid) => [...ticksOf({ pid })])), load: loadavg()[0] ?? 0,
    };
    const socketsAfter = sockets.map(([, host, port]) => udpSocket(host, port));
    const postgresUse = await postgres?.stop();
    const wallS = (t1 - t0) / 1000;
    // What the live calls hold: the heap now (after a full collection), against the heap once they are gone.
    const heapLive = await p.ask<'heap'>({ type: 'heap' });
    const [liveNow] = await p.sql<{ n: number }>('SELECT count(*)::int AS n FROM calls WHERE ended_at IS NULL');

    await p.api('PATCH', `/v1/campaigns/${campaignId}`, { status: 'stopped' });
    log(`${mode} ${agents} agents: campaign stopped, waiting for the calls to end`);
    await until((ringTimeoutS + talkS + bridgeWaitS + 30) * 1000, 'every call ended', async () => {
      const [row] = await p.sql<{ n: number }>('SELECT count(*)::int AS n FROM calls WHERE ended_at IS NULL');
      return row?.n === 0;
    }, async () => {
      // Which calls did not end, and the events each had, to tell a stuck call from a slow machine.
      const stuck = await p.sql<Record<string, unknown>>(`
        SELECT c.id, c.phone, c.state, c.result, c.agent_id, c.placed_at, c.answered_at, c.connected_at,
               (SELECT string_agg(e.type, ' ' ORDER BY e.id) FROM events e WHERE e.call_id = c.id) AS events,
               (SELECT d.state FROM sip_dialogs d WHERE d.call_id = c.id LIMIT 1) AS dialog
        FROM calls c WHERE c.ended_at IS NULL ORDER BY c.placed_at LIMIT 20`);
      return stuck.map((r) => JSON.stringify(r)).join('\n');
    });
    // The SIP stack keeps a finished INVITE transaction for 32 s (RFC 3261 Timer D): that memory
    // is part of what the calls cost while they run, so it is let go (--settle) before the idle reading.
    const heapEnded = await p.ask<'heap'>({ type: 'heap' });
    if (settleS > 0) await sleep(settleS * 1000);
    const heapIdle = await p.ask<'heap'>({ type: 'heap' });

    // The window, from the calls table (read after the run).
    const from = `to_timestamp(${t0 / 1000})`;
    const to = `to_timestamp(${t1 / 1000})`;
    const [counts] = await p.sql<{ attempts: number; answered: number; connected: number; abandoned: number }>(`
      SELECT count(*) FILTER (WHERE placed_at >= ${from} AND placed_at < ${to})::int AS attempts,
             count(*) FILTER (WHERE answered_at >= ${from} AND answered_at < ${to})::int AS answered,
             count(*) FILTER (WHERE connected_at >= ${from} AND connected_at < ${to})::int AS connected,
             count(*) FILTER (WHERE answered_at >= ${from} AND answered_at < ${to} AND result = 'abandon')::int AS abandoned
      FROM calls WHERE campaign_id = ${campaignId}`);
    const results = Object.fromEntries((await p.sql<{ result: string; n: number }>(`
      SELECT coalesce(result, state) AS result, count(*)::int AS n FROM calls
      WHERE campaign_id = ${campaignId} AND placed_at >= ${from} AND placed_at < ${to} GROUP BY 1 ORDER BY 1`)).map((r) => [r.result, r.n]));
    const [latency] = await p.sql<{ p50: number | null; p99: number | null }>(`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
      FROM (SELECT extract(epoch FROM connected_at - answered_at) * 1000 AS ms FROM calls
            WHERE campaign_id = ${campaignId} AND answered_at >= ${from} AND answered_at < ${to} AND connected_at IS NOT NULL) s`);
    const [live] = await p.sql<{ mean: number; max: number; talking: number }>(`
      SELECT avg(n)::float AS mean, max(n)::int AS max, avg(t)::float AS talking FROM (
        SELECT (SELECT count(*) FROM calls c WHERE c.placed_at <= g AND (c.ended_at IS NULL OR c.ended_at > g)) AS n,
               (SELECT count(*) FROM calls c WHERE c.connected_at <= g AND (c.ended_at IS NULL OR c.ended_at > g)) AS t
        FROM generate_series(${from}, ${to}, interval '1 second') g) s`);
    const [failed] = await p.sql<{ n: number }>(`SELECT count(*)::int AS n FROM calls WHERE result IN ('failed', 'unknown', 'congestion')`);
    const [lost] = await p.sql<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE type = 'agent.phone_lost'`);
    const [untouched] = await p.sql<{ n: number }>(`SELECT count(*)::int AS n FROM records WHERE campaign_id = ${campaignId} AND attempts = 0`);
    if ((untouched?.n ?? 0) === 0) notes.push('the campaign ran out of records: raise the record count');
    const dnc = await p.sql<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE type = 'record.do_not_call'`);
    if ((dnc[0]?.n ?? 0) > 0) notes.push(`${dnc[0]?.n} numbers refused by the outbound policy`);

    if (args.timeline) {
      const seconds = await p.sql<Record<string, number>>(`
        WITH c AS (SELECT * FROM calls WHERE campaign_id = ${campaignId}),
             b AS (SELECT min(placed_at) AS t FROM c)
        SELECT s AS second,
          (SELECT count(*) FROM c WHERE placed_at >= b.t + s * interval '1 second' AND placed_at < b.t + (s + 1) * interval '1 second')::int AS placed,
          (SELECT count(*) FROM c WHERE answered_at >= b.t + s * interval '1 second' AND answered_at < b.t + (s + 1) * interval '1 second')::int AS answered,
          (SELECT count(*) FROM c WHERE connected_at >= b.t + s * interval '1 second' AND connected_at < b.t + (s + 1) * interval '1 second')::int AS connected,
          (SELECT count(*) FROM c WHERE ended_at >= b.t + s * interval '1 second' AND ended_at < b.t + (s + 1) * interval '1 second')::int AS ended,
          (SELECT count(*) FROM c WHERE result = 'abandon' AND ended_at >= b.t + s * interval '1 second' AND ended_at < b.t + (s + 1) * interval '1 second')::int AS abandoned,
          (SELECT count(*) FROM c WHERE placed_at <= b.t + s * interval '1 second' AND (ended_at IS NULL OR ended_at > b.t + s * interval '1 second'))::int AS live,
          (SELECT count(*) FROM c WHERE connected_at <= b.t + s * interval '1 second' AND (ended_at IS NULL OR ended_at > b.t + s * interval '1 second'))::int AS talking
        FROM b, generate_series(0, ${Math.ceil(warmupS + durationS + ringTimeoutS + talkS + 10)}) s`);
      console.error(`[bench:sip] ${mode} ${agents}: second placed answered connected ended abandoned live talking (window: ${Math.round((t0 - Date.parse(String((await p.sql<{ t: string }>(`SELECT min(placed_at)::text AS t FROM calls WHERE campaign_id = ${campaignId}`))[0]?.t))) / 1000)} s on)`);
      for (const r of seconds) console.error(`  ${Object.values(r).join('\t')}`);
    }

    const answeredCalls = await p.sql<{ phone: string; answered: number; connected: number | null }>(`
      SELECT phone, extract(epoch FROM answered_at) * 1000 AS answered, extract(epoch FROM connected_at) * 1000 AS connected
      FROM calls WHERE campaign_id = ${campaignId} AND answered_at IS NOT NULL`);

    // Pacer hangs up every session as it closes; then the sipps finish and exit.
    log(`${mode} ${agents} agents: closing Pacer`);
    const closeMs = await pacer.exit();
    pacer = undefined;
    log(`${mode} ${agents} agents: Pacer closed; stopping sipp`);
    if (closeMs !== null && closeMs > 5000) notes.push(`Pacer took ${Math.round(closeMs)} ms to close`);
    const sippStats: Record<string, number>[] = [];
    let sippErrorLines = 0;
    for (const s of sipps) {
      log(`sipp ${s.name}: ${s.stats()['CurrentCall'] ?? '?'} calls in progress; stopping`);
      await s.stop(10_000);
      log(`sipp ${s.name}: stopped`);
      sippStats.push(s.stats());
      // The watchdog says sipp itself was late (a loaded machine), not that a call went wrong.
      const lines = s.errors();
      const late = lines.filter((l) => /watchdog/.test(l));
      // A retransmission that arrives after sipp finished its call (an ACK for a final response
      // it sent twice, a BYE's last 200): nothing was lost.
      const dead = lines.filter((l) => /Dead call .* received/.test(l));
      const errors = lines.filter((l) => !/watchdog/.test(l) && !/Dead call .* received/.test(l));
      if (dead.length > 0) notes.push(`sipp ${s.name}: ${dead.length} retransmissions arrived after their call had finished (${[...new Set(dead.map((l) => /received '(\w+)/.exec(l)?.[1] ?? '?'))].join(', ')})`);
      sippErrorLines += errors.length;
      if (late.length > 0) notes.push(`sipp ${s.name} was late ${late.length} times (its watchdog: ${late[0]?.replace(/^\S+\s+\S+\s+\S+\s*/, '').slice(0, 120)})`);
      if (errors.length > 0) notes.push(`sipp ${s.name}: ${errors.length} error lines, first: ${errors[0]?.slice(0, 300)}`);
    }
    const sum = (key: string) => (mode === 'sip' ? sippStats.reduce((a, s) => a + (s[key] ?? 0), 0) : null);
    const sip = carrier ? sipLatency(carrier.moments(), answeredCalls, t0, t1) : undefined;

    const attempts = counts?.attempts ?? 0;
    const pacerCores = stats.cpuS / stats.wallS;
    const liveAtHeap = liveNow?.n ?? 0;
    const row: Row = {
      mode, agents, windowS: wallS, attempts, attemptsPerS: attempts / wallS,
      answered: counts?.answered ?? 0, connected: counts?.connected ?? 0, abandoned: counts?.abandoned ?? 0, results,
      liveMean: live?.mean ?? 0, liveMax: live?.max ?? 0, talkingMean: live?.talking ?? 0,
      sip,
      engineP50: latency?.p50 ?? null, engineP99: latency?.p99 ?? null,
      stats, pacerCores, cpuMsPerAttempt: attempts > 0 ? (stats.cpuS * 1000) / attempts : 0,
      heapPerLiveCallKb: heapLive.collected && liveAtHeap > 0 ? ((heapLive.heapMb - heapIdle.heapMb) * 1024) / liveAtHeap : null,
      heapLingerMb: heapEnded.heapMb - heapIdle.heapMb,
      heapPerSessionKb: mode === 'sip' && heapLoggedIn.collected ? ((heapLoggedIn.heapMb - heapBeforeLogin.heapMb) * 1024) / agents : null,
      liveAtHeap,
      postgresCores: postgresUse === undefined ? null : postgresUse.cpuS / wallS,
      postgresSessions: postgresUse ? { active: postgresUse.active, lockWait: postgresUse.lockWait, idleInTransaction: postgresUse.idleInTransaction } : null,
      sippCores: mode === 'sip' ? cpuSince(before.sipp, after.sipp) / wallS : null,
      machineCpu: (after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total),
      load: [before.load, after.load],
      failures: {
        pacerErrors: stats.errors, failedCalls: failed?.n ?? 0, phoneLost: lost?.n ?? 0,
        sippFailed: sum('FailedCall(C)'), sippUnexpected: sum('FailedUnexpectedMessage(C)'), sippRetransmissions: sum('Retransmissions(C)'),
        sippErrorLines: mode === 'sip' ? sippErrorLines : null,
        socketDrops: sockets.map(([name], i) => ({
          name, drops: (socketsAfter[i]?.drops ?? 0) - (socketsBefore[i]?.drops ?? 0), rcvbuf: socketsAfter[i]?.rcvbuf ?? 0,
        })),
        rcvbufErrors: (after.udp.RcvbufErrors ?? 0) - (before.udp.RcvbufErrors ?? 0),
        udpInErrors: (after.udp.InErrors ?? 0) - (before.udp.InErrors ?? 0),
      },
      notes,
    };
    for (const line of stats.firstLogged) notes.push(`logged: ${line.slice(0, 300)}`);
    if (args.verbose) for (const line of stats.firstLogged) console.error(line);
    console.log(JSON.stringify(row));
    return row;
  } finally {
    if (pacer) await pacer.exit();
    for (const s of sipps) {
      await s.stop(2000);
      if (args.keep) log(`sipp ${s.name}: files kept in ${s.dir}`);
      else rmSync(s.dir, { recursive: true, force: true });
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (store === 'postgres') {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The report.

const n0 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Math.round(v).toLocaleString('en-US'));
const n1 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (Math.round(v * 10) / 10).toLocaleString('en-US'));
const n2 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (Math.round(v * 100) / 100).toString());

function table(rows: Row[]): string {
  const head = '| carrier | agents | attempts/s | answered/s | abandoned | live calls mean / max | agents talking (mean) | answer → bridged, SIP p50 / p99 / max ms | answer → agent chosen, engine p50 / p99 ms | loop delay p50 / p99 / max ms | Pacer CPU (cores) | Pacer CPU ms / attempt | heap KB / live call | PostgreSQL CPU (cores) | sipp CPU (cores) | machine CPU | load avg (start → end) |';
  const sep = '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|';
  const lines = rows.map((r) => `| ${r.mode} | ${r.agents} | ${n1(r.attemptsPerS)} | ${n1(r.answered / r.windowS)} | ${r.abandoned} | ${n0(r.liveMean)} / ${n0(r.liveMax)} | ${n0(r.talkingMean)} | ${r.sip ? `${n0(r.sip.bridge.p50)} / ${n0(r.sip.bridge.p99)} / ${n0(r.sip.bridge.max)}` : '—'} | ${n1(r.engineP50)} / ${n1(r.engineP99)} | ${n2(r.stats.eldP50)} / ${n2(r.stats.eldP99)} / ${n2(r.stats.eldMax)} | ${n2(r.pacerCores)} | ${n2(r.cpuMsPerAttempt)} | ${n1(r.heapPerLiveCallKb)} | ${n2(r.postgresCores)} | ${n2(r.sippCores)} | ${Math.round(r.machineCpu * 100)} % | ${n2(r.load[0])} → ${n2(r.load[1])} |`);
  return [head, sep, ...lines].join('\n');
}

function failureTable(rows: Row[]): string {
  const head = '| carrier | agents | attempts in window | results | Pacer error lines | calls failed / unknown (whole run) | phones lost | sipp failed calls | sipp unexpected messages | sipp retransmissions | UDP drops by socket (receive buffer full) | UDP RcvbufErrors (machine) |';
  const sep = '|---|--:|--:|---|--:|--:|--:|--:|--:|--:|---|--:|';
  const lines = rows.map((r) => {
    const f = r.failures;
    const results = Object.entries(r.results).map(([k, v]) => `${k} ${v}`).join(', ');
    return `| ${r.mode} | ${r.agents} | ${r.attempts.toLocaleString('en-US')} | ${results} | ${f.pacerErrors} | ${f.failedCalls} | ${f.phoneLost} | ${n0(f.sippFailed)} | ${n0(f.sippUnexpected)} | ${n0(f.sippRetransmissions)} | ${f.socketDrops.map((d) => `${d.name} ${d.drops} (buffer ${Math.round(d.rcvbuf / 1024)} KB)`).join(', ') || '—'} | ${f.rcvbufErrors} |`;
  });
  return [head, sep, ...lines].join('\n');
}

function latencyTable(rows: Row[]): string {
  const d = (x: Dist | undefined) => (x ? `${n0(x.p50)} / ${n0(x.p99)} / ${n0(x.max)}` : '—');
  const sessions = (r: Row) => (r.postgresSessions ? `${n1(r.postgresSessions.active)} (${n1(r.postgresSessions.lockWait)}) / ${n1(r.postgresSessions.idleInTransaction)}` : '—');
  return [
    '| carrier | agents | answers bridged | 200 OK → bridge re-INVITE at the carrier | of which an agent was ready at the answer: count, 200 OK → bridge | the others: count, wait for an agent (answered_at → connected_at) | 200 OK → Pacer\'s ACK | 200 OK → the engine\'s transaction (answered_at) | agent chosen (connected_at) → bridge re-INVITE at the carrier | answered, never bridged | Pacer\'s PostgreSQL sessions: executing (on a lock) / in a transaction, waiting for Pacer |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map((r) => `| ${r.mode} | ${r.agents} | ${r.sip ? r.sip.bridge.n : '—'} | ${d(r.sip?.bridge)} | ${r.sip ? `${r.sip.bridgeAgentReady.n}: ${d(r.sip.bridgeAgentReady)}` : '—'} | ${r.sip ? `${r.sip.agentWait.n}: ${d(r.sip.agentWait)}` : '—'} | ${d(r.sip?.ack)} | ${d(r.sip?.engine)} | ${d(r.sip?.afterEngine)} | ${r.sip ? r.sip.unbridged : '—'} | ${sessions(r)} |`),
  ].join('\n');
}

const rows: Row[] = [];
const startedAt = new Date();
for (const agents of agentCounts) {
  for (const mode of modes) rows.push(await run(mode, agents));
}
const when = `${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const shape = `${durationS} s measured after a ${warmupS} s warm-up; customers: 30 % answer after ${rangeText(ringS)} of ringing and talk ${talkS} s after the bridge, 40 % busy after ${rangeText(busyS)}, 30 % ring until the trunk's ${ringTimeoutS} s ring timeout; after-call work ${acwS} s; store ${store}`;
const stallLines = rows.map((r) => {
  const s = r.stats.stalls;
  const share = (ms: number) => (s.totalMs > 0 ? `${Math.round((100 * ms) / s.totalMs)} %` : '—');
  return `${r.mode} ${r.agents}: ${s.count} stalls, ${n0(s.totalMs)} ms in all, the longest ${n0(s.maxMs)} ms; Pacer's thread on the CPU for ${share(s.cpuMs)} of it`
    + `${s.waitMs === null ? '' : `, waiting for a core ${share(s.waitMs)}, blocked ${share(Math.max(0, s.totalMs - s.cpuMs - s.waitMs))}`}`
    + `, in garbage collections ${share(s.gcMs)}`;
}).join('; ');
const memory = rows.map((r) => `${r.mode} ${r.agents}: heap ${n1(r.heapPerLiveCallKb)} KB per live call (${r.liveAtHeap} live at the reading; ${n1(r.heapLingerMb)} MB of it still held once every call had ended, gone ${settleS} s later)${r.heapPerSessionKb !== null ? `, ${n1(r.heapPerSessionKb)} KB per standing session` : ''}, RSS max ${n0(r.stats.rssMaxMb)} MB`).join('; ');
const notes = rows.flatMap((r) => r.notes.map((n) => `- ${r.mode} ${r.agents}: ${n}`));
const report = [
  table(rows), '', failureTable(rows), '',
  'Answer → bridge in SIP mode, p50 / p99 / max ms, and where it goes (the carrier\'s clock; the engine\'s stamps are another process\'s clock, same machine); Pacer\'s PostgreSQL sessions on average over the window:', '', latencyTable(rows), '',
  `Machine: ${machine()}, ${when}; ${shape}.`, '', `Memory: ${memory}.`, '',
  `Event-loop stalls of 50 ms or more (bench/loop-stalls.ts: waiting for a core is the machine's; on the CPU or blocked, Pacer's own): ${stallLines}.`,
  ...(notes.length > 0 ? ['', 'Notes:', ...notes] : []),
].join('\n');
console.log(`\n${report}`);
if (args.write) {
  // The sip section of BENCHMARKS.md is prose kept by hand around the generated results, which
  // live between `<!-- sip:results:start -->` and `<!-- sip:results:end -->`.
  if (hasSection('sip:results')) writeSection('sip:results', report);
  else writeSection('sip', `## SIP telephony (\`npm run bench:sip\`)\n\n<!-- sip:results:start -->\n${report}\n<!-- sip:results:end -->`);
  console.log('BENCHMARKS.md updated');
}
