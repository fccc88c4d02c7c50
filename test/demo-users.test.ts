// `npm start` on a fresh machine: the demo operation comes with console users — one per agent
// (username = agent id), a supervisor and an admin — whose password is PACER_DEMO_PASSWORD, or a
// random one printed once.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import pg from 'pg';
import { postgresAvailable, postgresUrl } from './support/stores.ts';

const main = new URL('../src/main.ts', import.meta.url).pathname;

async function start(dataDir: string, env: Record<string, string>): Promise<{ child: ChildProcess; base: string; lines: string[] }> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PACER_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', PACER_DEMO_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const base = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`pacer exited with ${code} before listening`)));
    reader.on('line', (line) => {
      lines.push(line);
      if (line.startsWith('Console users')) resolve(/listening on (http:\/\/\S+)/.exec(lines.join('\n'))?.[1] ?? '');
    });
  });
  return { child, base, lines };
}

/** A database of its own for the PostgreSQL run (`npm start` uses its database's default schema). */
const database = `pacer_demo_users_${process.pid}_${Date.now()}`;
async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}
const withPostgres = await postgresAvailable();
after(() => (withPostgres ? admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) : undefined));

const signIn = (base: string, username: string, password: string) =>
  fetch(`${base}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
    .then(async (r) => ({ status: r.status, json: (await r.json()) as { user?: { role: string; agent_id: string | null } } }));

test('the demo has console users, with the password of PACER_DEMO_PASSWORD or one printed once', { timeout: 240_000 }, async () => {
  // The embedded store with a password made up and printed (the README's first command), and
  // PostgreSQL with PACER_DEMO_PASSWORD.
  const runs: Record<string, string>[] = [{}];
  if (withPostgres) {
    await admin(`CREATE DATABASE ${database}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${database}`;
    runs.push({ PACER_DEMO_PASSWORD: 'demo-password-1', DATABASE_URL: url.toString() });
  }
  for (const env of runs) {
    const dataDir = mkdtempSync(join(tmpdir(), 'pacer-demo-users-'));
    const pacer = await start(dataDir, env);
    try {
      const said = pacer.lines.find((l) => l.startsWith('Console users')) ?? '';
      const password = env.PACER_DEMO_PASSWORD ?? /password (\S+) \(shown once\)/.exec(said)?.[1] ?? '';
      assert.ok(password.length >= 8, said);
      if (env.PACER_DEMO_PASSWORD) assert.ok(!said.includes(env.PACER_DEMO_PASSWORD), 'a password given is not printed');
      const agent = await signIn(pacer.base, '1001', password);
      assert.deepEqual([agent.status, agent.json.user?.role, agent.json.user?.agent_id], [200, 'agent', '1001']);
      assert.equal((await signIn(pacer.base, 'supervisor', password)).json.user?.role, 'supervisor');
      assert.equal((await signIn(pacer.base, 'admin', password)).json.user?.role, 'admin');
      assert.equal((await signIn(pacer.base, '1002', 'not the password')).status, 401);
    } finally {
      pacer.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
});
