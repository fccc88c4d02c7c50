// Pacer as a real process (`node src/main.ts`), for the tests that are about a process: killed
// with SIGKILL, started on a fresh machine. And a PostgreSQL database of its own for such a process
// (`npm start` uses its database's default schema, so a test schema will not do).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { postgresUrl } from './stores.ts';

const main = new URL('../../src/main.ts', import.meta.url).pathname;

export interface PacerProcess { child: ChildProcess; base: string; lines: string[] }

/**
 * Starts Pacer with `env` on a free loopback port and resolves once it has printed `readyLine`
 * (by default the line that it listens): its address and the lines it printed so far.
 */
export async function startPacer(env: Record<string, string>, readyLine = /listening on /): Promise<PacerProcess> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const base = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`pacer exited with ${code} before it was ready`)));
    reader.on('line', (line) => {
      lines.push(line);
      if (readyLine.test(line)) resolve(/listening on (http:\/\/\S+)/.exec(lines.join('\n'))?.[1] ?? '');
    });
  });
  return { child, base, lines };
}

/** SIGKILL, and wait until the process is gone (nothing if it already is). */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function onServer(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test PostgreSQL: its URL, and how to drop it. */
export async function scratchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
