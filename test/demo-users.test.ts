// `npm start` on a fresh machine: the demo operation comes with console users — one per agent
// (username = agent id), a supervisor and an admin — whose password is PACER_DEMO_PASSWORD, or a
// random one printed once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { killHard, scratchDatabase, startPacer } from './support/pacer-process.ts';
import { postgresAvailable } from './support/stores.ts';

const withPostgres = await postgresAvailable();

const signIn = (base: string, username: string, password: string) =>
  fetch(`${base}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
    .then(async (r) => ({ status: r.status, json: (await r.json()) as { user?: { role: string; agent_id: string | null } } }));

test('the demo has console users, with the password of PACER_DEMO_PASSWORD or one printed once', { timeout: 240_000 }, async () => {
  // The embedded store with a password made up and printed (the README's first command), and
  // PostgreSQL with PACER_DEMO_PASSWORD.
  const runs: Record<string, string>[] = [{}];
  const database = withPostgres ? await scratchDatabase('pacer_demo_users') : undefined;
  if (database) runs.push({ PACER_DEMO_PASSWORD: 'demo-password-1', DATABASE_URL: database.url });
  try {
    for (const env of runs) {
      const dataDir = mkdtempSync(join(tmpdir(), 'pacer-demo-users-'));
      const pacer = await startPacer({ PACER_DATA_DIR: dataDir, DATABASE_URL: '', PACER_DEMO_TOKEN: '', ...env }, /^Console users/);
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
        await killHard(pacer.child);
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await database?.drop();
  }
});
