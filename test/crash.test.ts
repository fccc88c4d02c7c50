// SPEC §7: a request answered 2xx is durable. The embedded store's process is killed with SIGKILL
// right after an answer; a new process on the same data directory still has the change.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';

const main = new URL('../src/main.ts', import.meta.url).pathname;

async function start(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PACER_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PACER_DEMO_TOKEN: 'crash-token', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const base = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`pacer exited with ${code} before listening`)));
    lines.on('line', (line) => {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
  });
  return { child, base };
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const agentbox = (base: string, query: string) =>
  fetch(`${base}/api/v2/agentbox.php?${query}`, { method: 'POST', headers: { 'wolkvox-token': 'crash-token' } })
    .then(async (r) => ({ status: r.status, json: (await r.json()) as { msg: string } }));

test('an answered change survives a SIGKILL of the embedded-store process', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pacer-crash-'));
  try {
    const first = await start(dataDir);
    const changed = await agentbox(first.base, 'api=change_status&agent_id=1005&status=3');
    assert.equal(changed.status, 200);
    await killHard(first.child);

    const second = await start(dataDir);
    try {
      // Dialling needs a logged-in agent: it succeeds only if the change to aux 3 survived.
      const dial = await agentbox(second.base, 'api=dial&agent_id=1005&customer_phone=3001112222');
      assert.equal(dial.status, 200, dial.json.msg);
    } finally {
      await killHard(second.child);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
