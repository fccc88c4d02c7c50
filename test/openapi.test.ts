// Both OpenAPI documents, as the server serves them: /openapi.json (native) and
// /openapi-wolkvox.json (the wolkvox-compatible face, written from its route tables). A standard
// linter (@redocly/cli, recommended rules) finds no error in either; every operation has a stable
// operationId, unique across both; both name their servers; every wolkvox api is in its document.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { agentboxApis } from '../src/adapters/http/wolkvox/agentbox.ts';
import { campaignApis } from '../src/adapters/http/wolkvox/campaign.ts';
import { configurationApis } from '../src/adapters/http/wolkvox/configuration.ts';
import { informationApis } from '../src/adapters/http/wolkvox/information.ts';
import { customerApis } from '../src/adapters/http/wolkvox/customer.ts';
import { realTimeApis } from '../src/adapters/http/wolkvox/real-time.ts';
import { reportsApis } from '../src/adapters/http/wolkvox/reports.ts';
import { operationIds } from '../src/adapters/http/native/operation-ids.ts';
import { stopSharedEmbedded } from './support/stores.ts';
import { testPacer } from './support/pacer.ts';

type Operation = { operationId?: string; summary?: string };
type Document = { openapi: string; servers?: { url: string }[]; paths: Record<string, Record<string, Operation>> };

const redocly = fileURLToPath(new URL('../node_modules/@redocly/cli/bin/cli.js', import.meta.url));
const documents: Record<string, Document> = {};
let dir = '';

before(async () => {
  const p = await testPacer('pglite');
  try {
    for (const url of ['/openapi.json', '/openapi-wolkvox.json']) {
      const res = await p.call({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      documents[url] = res.json as unknown as Document;
    }
  } finally {
    await p.close();
  }
  dir = mkdtempSync(join(tmpdir(), 'pacer-openapi-'));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await stopSharedEmbedded();
});

const operations = (doc: Document) => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

interface Problem { ruleId: string; severity: string; message: string; location?: { pointer?: string }[] }

/** @redocly/cli lint with the recommended rules, offline: its problems. */
async function lint(name: string, doc: Document): Promise<Problem[]> {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(doc));
  const run = promisify(execFile);
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  const args = [redocly, 'lint', file, '--extends=recommended', '--format=json', '--max-problems=1000'];
  // The linter exits 1 when it finds an error: its report says which.
  const output = await run(process.execPath, args, { env, maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }));
  const report = JSON.parse(output.stdout) as { problems: Problem[] };
  return report.problems;
}

describe('OpenAPI documents', () => {
  for (const [name, url] of [['native', '/openapi.json'], ['wolkvox', '/openapi-wolkvox.json']] as const) {
    test(`${url}: @redocly/cli lint (recommended) finds no error`, async (t) => {
      const doc = documents[url];
      assert.ok(doc);
      assert.equal(doc.openapi, '3.1.0');
      assert.ok((doc.servers ?? []).length > 0, 'it names its servers');
      const problems = await lint(name, doc);
      for (const w of problems.filter((x) => x.severity !== 'error')) t.diagnostic(`${w.severity} ${w.ruleId}: ${w.message} ${w.location?.[0]?.pointer ?? ''}`);
      const errors = problems.filter((x) => x.severity === 'error').map((x) => `${x.ruleId}: ${x.message} ${x.location?.[0]?.pointer ?? ''}`);
      assert.deepEqual(errors, []);
    });
  }

  test('every operation of both documents has an operationId, unique across them', () => {
    const all = Object.values(documents).flatMap(operations);
    const missing = all.filter((o) => !o.op.operationId).map((o) => `${o.method.toUpperCase()} ${o.path}`);
    assert.deepEqual(missing, [], 'a new native route adds its line to src/adapters/http/native/operation-ids.ts');
    const ids = all.map((o) => o.op.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    // The native table names only routes that exist (a removed route takes its line along).
    const native = new Set(operations(documents['/openapi.json'] ?? { openapi: '', paths: {} }).map((o) => o.op.operationId));
    assert.deepEqual(Object.values(operationIds).filter((id) => !native.has(id)), []);
  });

  test('the wolkvox document has every api of the route tables, with its method and its stable id', () => {
    const doc = documents['/openapi-wolkvox.json'];
    assert.ok(doc);
    const expected = [
      ...Object.entries(agentboxApis).map(([api, def]) => [`/api/v2/agentbox.php#api=${api}`, (def.method ?? 'POST').toLowerCase()]),
      ...Object.entries(campaignApis).map(([api, def]) => [`/api/v2/campaign.php#api=${api}`, def.method.toLowerCase()]),
      ...Object.entries(informationApis).map(([api, def]) => [`/api/v2/information.php#api=${api}`, def.method.toLowerCase()]),
      ...Object.entries(configurationApis).map(([api, def]) => [`/api/v2/configuration.php#api=${api}`, def.method.toLowerCase()]),
      ...([['real_time', realTimeApis], ['reports_manager', reportsApis], ['customer', customerApis]] as const)
        .flatMap(([file, apis]) => Object.entries(apis).map(([api, def]) => [`/api/v2/${file}.php#api=${api}`, def.method.toLowerCase()])),
    ];
    assert.deepEqual(operations(doc).map((o) => [o.path, o.method]).sort(), expected.sort());
    assert.equal(doc.paths['/api/v2/agentbox.php#api=change_status']?.post?.operationId, 'agentboxChangeStatus');
    assert.equal(doc.paths['/api/v2/campaign.php#api=add_record']?.post?.operationId, 'campaignAddRecord');
    assert.equal(doc.paths['/api/v2/information.php#api=token_info']?.get?.operationId, 'informationTokenInfo');
    assert.equal(doc.paths['/api/v2/configuration.php#api=add_ip']?.post?.operationId, 'configurationAddIp');
    assert.equal(doc.paths['/api/v2/reports_manager.php#api=agent_8_1']?.get?.operationId, 'reportsManagerAgent81');
    assert.equal(doc.paths['/api/v2/real_time.php#api=calls_last_10']?.get?.operationId, 'realTimeCallsLast10');
  });
});
