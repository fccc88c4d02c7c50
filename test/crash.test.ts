// SPEC §7: a request answered 2xx is durable. The embedded store's process is killed with SIGKILL
// right after an answer; a new process on the same data directory still has the change.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { killHard, startPacer } from './support/pacer-process.ts';

const start = (dataDir: string) => startPacer({ PACER_DATA_DIR: dataDir, PACER_DEMO_TOKEN: 'crash-token', DATABASE_URL: '' });

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
