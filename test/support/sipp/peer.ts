// Real SIP peers for the SIP tests: sipp processes playing carrier, customer or agent phone on
// 127.0.0.1, and Pacer's own stack on 127.0.0.10 (a different host, so the stack never takes a
// peer's URI for one of its own). Every sipp is bounded by -m and -timeout and killed when the
// test ends; ports are chosen free at run time, since test files run in parallel.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../src/adapters/clock/system-clock.ts';
import { createSipStack, type SipStack, type SipTransport } from '../../../src/adapters/telephony/sip/stack.ts';
import { createUserAgent, type UserAgent, type UserAgentOptions } from '../../../src/adapters/telephony/sip/user-agent.ts';

export const PEER_HOST = '127.0.0.1';
export const PACER_HOST = '127.0.0.10';
const scenarios = new URL('.', import.meta.url).pathname;

const sippInstalled = spawnSync('sipp', ['-v'], { stdio: 'ignore' }).error === undefined;

/**
 * `skip` for a SIP test: outside CI a machine without sipp skips with a reason; in CI the tests
 * run and fail (CI installs sipp in .ci/run, so its absence is a broken CI, not a reason to pass).
 */
export const sippSkip: string | false = sippInstalled || process.env.CI === 'true'
  ? false
  : 'sipp is not installed (apt-get install sip-tester); the SIP peer tests are skipped';

function tcpFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A UDP socket bound to a port the system chose, held until released. */
function holdUdpPort(host: string, port = 0): Promise<{ port: number; release(): Promise<void> } | null> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => { socket.close(); resolve(null); });
    socket.bind(port, host, () => resolve({
      port: socket.address().port,
      release: () => new Promise<void>((done) => socket.close(() => done())),
    }));
  });
}

/**
 * Ports free on `host`: each free for UDP and TCP, and each followed by `spans[i]` ports free for
 * UDP (sipp's media binds several from -mp). They are held while chosen, so no two are the same.
 */
export async function freePorts(host: string, spans: number[]): Promise<number[]> {
  const held: { release(): Promise<void> }[] = [];
  const ports: number[] = [];
  try {
    for (const span of spans) {
      for (let tries = 0; ; tries++) {
        if (tries > 50) throw new Error('no free port');
        const first = await holdUdpPort(host);
        if (!first) continue;
        const group = [first];
        let free = first.port + span <= 65535 && await tcpFree(first.port, host);
        for (let i = 1; free && i <= span; i++) {
          const next = await holdUdpPort(host, first.port + i);
          if (next) group.push(next);
          else free = false;
        }
        held.push(...group);
        if (free) {
          ports.push(first.port);
          break;
        }
      }
    }
    return ports;
  } finally {
    await Promise.all(held.map((h) => h.release()));
  }
}

/** A port free for UDP and TCP on `host`, and the `span` ports above it free for UDP. */
export async function freePort(host: string, span = 0): Promise<number> {
  const [port] = await freePorts(host, [span]);
  return port!;
}

/** Whether a socket is bound (UDP) or listening (TCP) on host:port, read from /proc: no probe bind. */
function listening(port: number, host: string, kind: 'udp' | 'tcp'): boolean {
  const address = host.split('.').map((b) => Number(b).toString(16).padStart(2, '0').toUpperCase()).reverse().join('');
  const wanted = `${address}:${port.toString(16).padStart(4, '0').toUpperCase()}`;
  const table = readFileSync(`/proc/net/${kind}`, 'utf8').split('\n').slice(1);
  return table.some((line) => {
    const [, local, , state] = line.trim().split(/\s+/);
    return local === wanted && (kind === 'udp' || state === '0A');
  });
}

/** Resolves once the peer listens on `port`, or rejects after `ms`. */
async function bound(port: number, host: string, kind: 'udp' | 'tcp', ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (listening(port, host, kind)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`nothing listens on ${kind} ${host}:${port} after ${ms} ms`);
}

export interface TracedMessage {
  direction: 'sent' | 'received';
  text: string;
  /** The request method or the response status line's code. */
  first: string;
}

export interface SippPeer {
  port: number;
  mediaPort: number;
  uri(user?: string): string;
  /** Resolves with sipp's exit code (0: every call passed its scenario). */
  exited: Promise<number | null>;
  /** The SIP messages sipp sent and received (its -trace_msg file), read when asked. */
  messages(): TracedMessage[];
  errors(): string;
  kill(): void;
}

export interface SippOptions {
  scenario: string;
  /** -d: the pause of the scenario (ring time), in ms. */
  pauseMs?: number;
  transport?: SipTransport;
  timeoutS?: number;
  calls?: number;
  /** -key NAME VALUE: keywords the scenario writes as [NAME]. */
  keys?: Record<string, string>;
  /** Files written into sipp's working directory before it starts (e.g. the audio an rtp_stream plays). */
  files?: Record<string, Uint8Array>;
  /** A UAC scenario: the address:port it sends to (Pacer). */
  remote?: string;
  /** More sipp arguments (-au, -ap, -s, -set, -oocsf with a scenario of this folder…). */
  args?: string[];
  /** The loopback address sipp runs on (default 127.0.0.1). */
  host?: string;
}

/** The path of a scenario of this folder (for -oocsf). */
export function scenarioPath(name: string): string {
  return join(scenarios, name);
}

const live = new Set<ChildProcess>();
process.on('exit', () => { for (const child of live) child.kill('SIGKILL'); });

/** Starts a sipp on 127.0.0.1 (a UAS, or a UAC with `remote`) and resolves once it listens. */
export async function startSipp(options: SippOptions): Promise<SippPeer> {
  if (!sippInstalled) throw new Error('sipp is not installed: .ci/run installs it (apt-get install sip-tester)');
  const host = options.host ?? PEER_HOST;
  const [port, mediaPort, controlPort] = await freePorts(host, [0, 9, 0]) as [number, number, number];
  const dir = mkdtempSync(join(tmpdir(), 'pacer-sipp-'));
  const transport = options.transport ?? 'udp';
  const args = [
    ...(options.remote === undefined ? [] : [options.remote]),
    '-sf', join(scenarios, options.scenario), '-i', host, '-p', String(port), '-mi', host, '-mp', String(mediaPort),
    '-cp', String(controlPort), '-m', String(options.calls ?? 1), '-nostdin', '-timeout', `${options.timeoutS ?? 20}s`,
    '-trace_msg', '-message_file', join(dir, 'messages.log'), '-trace_err', '-error_file', join(dir, 'errors.log'),
    '-t', transport === 'tcp' ? 't1' : 'u1',
  ];
  if (options.pauseMs !== undefined) args.push('-d', String(options.pauseMs));
  for (const [name, value] of Object.entries(options.keys ?? {})) args.push('-key', name, value);
  for (const [name, bytes] of Object.entries(options.files ?? {})) writeFileSync(join(dir, name), bytes);
  args.push(...(options.args ?? []));
  const child = spawn('sipp', args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
  live.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => { live.delete(child); resolve(code); });
    child.once('error', () => { live.delete(child); resolve(null); });
  });
  const read = (file: string) => {
    try { return readFileSync(join(dir, file), 'utf8'); } catch { return ''; }
  };
  const peer: SippPeer = {
    port, mediaPort, exited,
    uri: (user = 'peer') => `sip:${user}@${host}:${port}${transport === 'tcp' ? ';transport=tcp' : ''}`,
    messages: () => parseTrace(read('messages.log')),
    errors: () => `${stderr}${read('errors.log')}`,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    // A UAC may be done before it is seen listening.
    await Promise.race([bound(port, host, transport, 5000), exited.then((code) => {
      if (options.remote === undefined || code === null) throw new Error(`sipp exited (${code}): ${stderr}`);
    })]);
  } catch (error) {
    peer.kill();
    throw error;
  }
  return peer;
}

/** The messages of a sipp -trace_msg file. */
export function parseTrace(log: string): TracedMessage[] {
  const out: TracedMessage[] = [];
  for (const block of log.split(/^-{20,}.*$/m)) {
    const head = /^\s*(?:UDP|TCP)\s+message\s+(sent|received)[^\n]*\n\n?([\s\S]*)$/m.exec(block.trim());
    if (!head?.[1] || head[2] === undefined) continue;
    const text = head[2].trim();
    const line = text.split(/\r?\n/)[0] ?? '';
    const first = line.startsWith('SIP/2.0') ? (line.split(' ')[1] ?? '') : (line.split(' ')[0] ?? '');
    out.push({ direction: head[1] as 'sent' | 'received', text, first });
  }
  return out;
}

/** The value of a header in one traced message. */
export function traceHeader(message: TracedMessage, name: string): string | undefined {
  const match = new RegExp(`^${name}\\s*:\\s*(.*)$`, 'im').exec(message.text);
  return match?.[1]?.trim();
}

export interface Pacer {
  stack: SipStack;
  ua: UserAgent;
  /** Every debug trace the stack wrote, one per message (credentials redacted). */
  traces: string[];
  /** Resolves with the first trace (past or future) that matches. */
  trace(match: RegExp): Promise<string>;
  errors: unknown[];
  close(): Promise<void>;
}

/** Pacer's side: a stack on 127.0.0.10 (free port, UDP and TCP) and a user agent on the system clock. */
export async function startPacer(options: Partial<Omit<UserAgentOptions, 'stack' | 'clock'>> = {}): Promise<Pacer> {
  const traces: string[] = [];
  const errors: unknown[] = [];
  const waiting: { match: RegExp; resolve: (line: string) => void }[] = [];
  const port = await freePort(PACER_HOST);
  const stack = createSipStack({
    address: PACER_HOST, port,
    logger: {
      debug(line) {
        traces.push(line);
        for (const w of waiting.filter((x) => x.match.test(line))) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(line);
        }
      },
      error: (error) => errors.push(error),
    },
  });
  await stack.start();
  const ua = createUserAgent({ stack, clock: systemClock(), ...options });
  return {
    stack, ua, traces, errors,
    trace(match) {
      const seen = traces.find((line) => match.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => waiting.push({ match, resolve }));
    },
    async close() {
      await stack.stop();
    },
  };
}

/** Awaits `promise`, failing the test with `what` if it takes more than `ms` (a bound, not a sleep). */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/** A listener turned into a promise: resolves with the first value passed to it. */
export function once<T>(): { listener: (value: T) => void; promise: Promise<T> } {
  let listener!: (value: T) => void;
  const promise = new Promise<T>((resolve) => { listener = resolve; });
  return { listener, promise };
}

/** The SDP Pacer offers when it stands for a phone in the tests: PCMU and telephone-event on `port`. */
export function testOffer(port: number, direction = 'sendrecv'): string {
  return [
    'v=0', 'o=test 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
    `m=audio ${port} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', `a=${direction}`, '',
  ].join('\r\n');
}
