// The `pacer` binary, run as a child process against a live Pacer on a socket.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { readCsv } from '../src/cli/csv.ts';
import { stopSharedEmbedded } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

const run = promisify(execFile);
const bin = new URL('../src/cli/main.ts', import.meta.url).pathname;

let p: TestPacer;
let url: string;

async function pacer(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [bin, ...args], { env: { ...process.env, PACER_URL: url, PACER_TOKEN: TOKEN, ...env }, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('pacer CLI', () => {
  before(async () => {
    p = await testPacer('pglite');
    await p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(p.pacer.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await p.close();
    await stopSharedEmbedded();
  });

  test('agents: change a state, list them as a table or JSON', async () => {
    const status = await pacer(['agents', 'status', '1001', 'ready', '--json']);
    assert.equal(status.code, 0, status.stderr);
    assert.equal(JSON.parse(status.stdout).agent.state, 'ready');
    const list = await pacer(['agents', '--state', 'ready']);
    assert.match(list.stdout, /^ID\s+NAME\s+STATE/);
    assert.match(list.stdout, /1001\s+Agent 1001\s+ready/);
    const events = await pacer(['events', '--type', 'agent.state', '--json']);
    assert.equal(JSON.parse(events.stdout.trim().split('\n')[0] ?? '{}').agent_id, '1001');
  });

  test('tokens: a created token works; errors exit non-zero with the reason', async () => {
    const created = await pacer(['tokens', 'create', 'cli test', '--json']);
    const token = JSON.parse(created.stdout).token as string;
    const withIt = await pacer(['agents', 'get', '1002', '--json'], { PACER_TOKEN: token });
    assert.equal(JSON.parse(withIt.stdout).id, '1002');
    const missing = await pacer(['agents', 'get', '9999']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Agent 9999 does not exist \(HTTP 404\)/);
    const noToken = await pacer(['agents'], { PACER_TOKEN: '' });
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, /a token is needed/);
    const unknown = await pacer(['teleport']);
    assert.equal(unknown.code, 2);
  });

  test('records import: batches, reports rejected rows by line, resumes from its checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pacer-cli-'));
    const file = join(dir, 'records.csv');
    writeFileSync(file, [
      'customer_id,customer_name,tel1,opt1',
      '300001,"Gómez, Ana",3001112233,"a ""quoted"" note"',
      '300002,Luis,not-a-phone,x',
      '300003,"Multi',
      'line",3001112244,y',
      '300004,Eva,3001112255,z',
      '',
    ].join('\r\n'));
    const first = await pacer(['records', 'import', file, '--campaign', '1', '--batch', '2', '--quiet']);
    assert.equal(first.code, 1, 'rejected rows make the exit code 1');
    assert.match(first.stdout, /4 rows: 2 added, 0 updated, 2 rejected/);
    const report = readFileSync(`${file}.rejected.tsv`, 'utf8').trim().split('\n');
    assert.equal(report.length, 3);
    assert.match(report[1] ?? '', /^3\t300002\t.*tel1/);
    assert.match(report[2] ?? '', /^4\t300003\tcustomer_name/, 'a row is reported at the line it starts on');
    assert.ok(!existsSync(`${file}.import-state.json`), 'a finished import leaves no checkpoint');
    const found = await p.call({ method: 'GET', url: '/api/v2/campaign.php?api=find_record&campaign_id=1&customer_id=300001', headers: { 'wolkvox-token': TOKEN } });
    assert.equal(found.statusCode, 200, found.body);
    assert.match(found.body, /"customer_name":"Gómez, Ana"/);
    assert.match(found.body, /a \\"quoted\\" note/);

    // An interrupted import: its checkpoint says two rows are in; --resume sends the rest only.
    writeFileSync(`${file}.import-state.json`, JSON.stringify({ file, campaign: '1', rowsDone: 2, added: 1, updated: 0, rejected: 1 }));
    const resumed = await pacer(['records', 'import', file, '--campaign', '1', '--resume', '--json']);
    const summary = JSON.parse(resumed.stdout);
    assert.deepEqual([summary.rows, summary.added, summary.updated, summary.rejected], [4, 1, 1, 2], 'rows 3 and 4 only: one rejected again, one updated');
  });
});

test('the CSV reader handles quotes, CRLF, newlines in fields and chunk boundaries', async () => {
  const text = 'a,b,c\r\n1,"x,""y""",z\n2,"multi\nline",\n"3",,"end"';
  for (const size of [1, 2, 3, 5, 100]) {
    const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, i * size + size));
    const rows = [];
    for await (const row of readCsv(chunks)) rows.push(row);
    assert.deepEqual(rows, [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x,"y"', 'z'] },
      { line: 3, fields: ['2', 'multi\nline', ''] },
      { line: 5, fields: ['3', '', 'end'] },
    ], `chunks of ${size}`);
  }
  await assert.rejects(async () => {
    for await (const _ of readCsv(['a,"open\n'])) void _;
  }, /line 1: a quoted field is not closed/);
});
