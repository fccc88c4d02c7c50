// The `pacer` binary, run as a child process against a live Pacer on a socket.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { timeArg } from '../src/cli/callbacks.ts';
import { readCsv, readCsvRecords, rejectedLines } from '../packages/client/src/csv.ts';
import { stopSharedEmbedded } from './support/stores.ts';
import { START, testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

const run = promisify(execFile);
const bin = new URL('../src/cli/main.ts', import.meta.url).pathname;

let p: TestPacer;
let url: string;

async function pacer(args: string[], env: Record<string, string> = {}, input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const running = run(process.execPath, [bin, ...args], { env: { ...process.env, PACER_URL: url, PACER_TOKEN: TOKEN, ...env }, timeout: 60_000 });
    running.child.stdin?.end(input);
    const r = await running;
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

  test('common options go before or after the command', async () => {
    // The environment points nowhere: only the options given before the command can make these work.
    const nowhere = { PACER_URL: 'http://127.0.0.1:9', PACER_TOKEN: 'wrong' };
    const before = await pacer(['--url', url, `--token=${TOKEN}`, '--json', 'agents', 'get', '1003'], nowhere);
    assert.equal(before.code, 0, before.stderr);
    assert.equal(JSON.parse(before.stdout).id, '1003');
    const mixed = await pacer(['--json', 'agents', 'get', '1003', '--url', url, '--token', TOKEN], nowhere);
    assert.equal(JSON.parse(mixed.stdout).id, '1003');
    const missing = await pacer(['--url']);
    assert.equal(missing.code, 2);
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

  test('callbacks: list with filters as a table or JSON, show, reschedule, cancel; refusals exit 1', async () => {
    const due = (minutes: number) => new Date(START + minutes * 60_000).toISOString();
    const made = await p.call({
      method: 'POST', url: '/v1/callbacks', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ agent_id: '1005', phone: '3005550005', due_at: due(90), type: 'manual' }),
    });
    const id = String(made.json.id);
    await p.agentbox('recall', { agent_id: '1006', customer_phone: '3005550006', date: '20260302120000', type_recall: 'auto' });

    const list = await pacer(['callbacks', '--agent', '1005']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^ID\s+AGENT_ID\s+CAMPAIGN_ID\s+CUSTOMER_ID\s+PHONE\s+DUE_AT\s+TYPE\s+STATUS/);
    assert.match(list.stdout, new RegExp(`\\n${id}\\s+1005\\s+-\\s+-\\s+3005550005\\s+${due(90).replace(/\./g, '\\.')}\\s+manual\\s+pending`));
    assert.doesNotMatch(list.stdout, /3005550006/);
    const json = await pacer(['callbacks', 'list', '--status', 'pending', '--json']);
    assert.deepEqual(JSON.parse(json.stdout).data.map((c: { agent_id: string }) => c.agent_id).sort(), ['1005', '1006']);
    const paged = await pacer(['callbacks', '--limit', '1']);
    assert.match(paged.stdout, /\(more: --cursor \d+_\d+\)/);

    const moved = await pacer(['callbacks', 'reschedule', id, due(120), '--json']);
    assert.equal(moved.code, 0, moved.stderr);
    assert.equal(JSON.parse(moved.stdout).due_at, due(120));
    const shown = await pacer(['callbacks', 'show', id]);
    assert.match(shown.stdout, new RegExp(`${id}\\s+1005.*${due(120).replace(/\./g, '\\.')}`));
    const cancelled = await pacer(['callbacks', 'cancel', id]);
    assert.match(cancelled.stdout, new RegExp(`^callback ${id} cancelled\\n`));
    assert.match(cancelled.stdout, /manual\s+cancelled/);

    const late = await pacer(['callbacks', 'reschedule', id, due(150)]);
    assert.equal(late.code, 1);
    assert.match(late.stderr, new RegExp(`Callback ${id} is cancelled: only a pending or waiting callback can be rescheduled \\(HTTP 409\\)`));
    const missing = await pacer(['callbacks', 'show', '999999']);
    assert.deepEqual([missing.code, /Callback 999999 does not exist \(HTTP 404\)/.test(missing.stderr)], [1, true]);
    const badTime = await pacer(['callbacks', 'reschedule', id, 'tomorrow']);
    assert.equal(badTime.code, 2);
    assert.match(badTime.stderr, /neither an ISO 8601 time/);
    assert.equal((await pacer(['callbacks', '--status', 'fired'])).code, 2);
  });

  test('outbound-policy: show it, change a part of it', async () => {
    assert.match((await pacer(['outbound-policy'])).stdout, /country code\s+57\n.*\nallowed prefixes\s+\(any\)\nblocked prefixes\s+\(none\)/);
    const set = await pacer(['outbound-policy', 'set', '--block', '1900,+1', '--json']);
    assert.deepEqual(JSON.parse(set.stdout), { country_code: '57', min_digits: 7, allowed_prefixes: [], blocked_prefixes: ['1900', '+1'] });
    assert.match((await pacer(['outbound-policy', 'set', '--min-digits', '8'])).stdout, /min digits\s+8 .*\nallowed prefixes\s+\(any\)\nblocked prefixes\s+1900, \+1/);
    const bad = await pacer(['outbound-policy', 'set', '--allow', '+']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /HTTP 400/);
  });

  test('trunks: add (the password from standard input), list, show, change, remove; refusals exit 1, misuse 2; no password printed', async () => {
    const secret = 'cli-Secret-71d2';
    const added = await pacer(['trunks', 'add', 'sip:carrier.example:5060;transport=udp', '--username', 'acme', '--password', '-', '--caller-id', '+5716001234', '--json'], {}, `${secret}\n`);
    assert.equal(added.code, 0, added.stderr);
    const trunk = JSON.parse(added.stdout);
    assert.deepEqual([trunk.uri, trunk.username, trunk.has_password, trunk.caller_id, trunk.default], ['sip:carrier.example:5060;transport=udp', 'acme', true, '+5716001234', true]);
    const backup = await pacer(['trunks', 'add', 'sips:backup.carrier.invalid', '--strip', '2', '--prefix', '9', '--ring-timeout', '20', '--max-calls', '50']);
    assert.match(backup.stdout, /^trunk (\d+) added\nID\s+URI\s+DEFAULT\s+USERNAME\s+HAS_PASSWORD\s+CALLER_ID\s+MAX_CALLS\s+PREFIX\s+STRIP\s+RING_TIMEOUT_S\n\d+\s+sips:backup\.carrier\.invalid\s+false\s+-\s+false\s+-\s+50\s+9\s+2\s+20$/m);
    const backupId = /^trunk (\d+) added/.exec(backup.stdout)?.[1] ?? '';
    const list = await pacer(['trunks']);
    assert.match(list.stdout, new RegExp(`\\n${String(trunk.id)}\\s+sip:carrier\\.example:5060;transport=udp\\s+true\\s+acme\\s+true\\s+\\+5716001234\\s+-\\s+-?\\s+0\\s+30\\n${backupId}\\s+sips:`));
    assert.deepEqual(JSON.parse((await pacer(['trunks', 'show', String(trunk.id), '--json'])).stdout), trunk);

    const changed = JSON.parse((await pacer(['trunks', 'change', String(trunk.id), '--caller-id', 'none', '--max-calls', '10', '--json'])).stdout);
    assert.deepEqual([changed.caller_id, changed.max_calls, changed.has_password], [null, 10, true]);
    const uncredentialed = JSON.parse((await pacer(['trunks', 'change', String(trunk.id), '--username', 'none', '--json'])).stdout);
    assert.deepEqual([uncredentialed.username, uncredentialed.has_password], [null, false]);
    assert.equal((await pacer(['trunks', 'remove', String(trunk.id)])).stdout.trim(), `trunk ${String(trunk.id)} removed`);
    const gone = await pacer(['trunks', 'show', String(trunk.id)]);
    assert.deepEqual([gone.code, gone.stderr.trim()], [1, `pacer trunks: Trunk ${String(trunk.id)} does not exist (HTTP 404)`]);
    assert.equal(JSON.parse((await pacer(['trunks', 'show', backupId, '--json'])).stdout).default, true);

    const refused = await pacer(['trunks', 'add', 'sip:127.0.0.1']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /uri points at a loopback address \(127\.0\.0\.1\).*PACER_SIP_ALLOW_PRIVATE=true.*\(HTTP 400\)/);
    for (const misuse of [['trunks', 'add'], ['trunks', 'change', backupId], ['trunks', 'add', 'sip:x.example', '--max-calls', 'none'],
      ['trunks', 'add', 'sip:x.example', '--strip', 'two'], ['trunks', 'fly', '1']]) {
      assert.equal((await pacer(misuse)).code, 2, misuse.join(' '));
    }
    const empty = await pacer(['trunks', 'add', 'sip:x.example', '--username', 'u', '--password', '-'], {}, '');
    assert.deepEqual([empty.code, /standard input has no password/.test(empty.stderr)], [2, true]);
    for (const out of [added, backup, list]) assert.ok(!`${out.stdout}${out.stderr}`.includes(secret));
  });

  test('agents phone: set a password (from standard input) or a contact, show it, remove it', async () => {
    const secret = 'cli-Phone-Secret-5c';
    const set = await pacer(['agents', 'phone', '1004', '--password', '-'], {}, `${secret}\n`);
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stdout.trim(), 'agent 1004: its phone registers as <operation>-1004 (password set); not registered');
    const shown = JSON.parse((await pacer(['agents', 'phone', '1004', '--json'])).stdout);
    assert.deepEqual([shown.mode, shown.contact, shown.has_password], ['registration', null, true]);
    assert.equal((await pacer(['agents', 'phone', '1004', '--contact', 'sip:1004@desk.example:5060'])).stdout.trim(), 'agent 1004: its phone is at sip:1004@desk.example:5060');
    assert.equal((await pacer(['agents', 'phone', '1004', '--remove'])).stdout.trim(), 'agent 1004: phone removed');
    const none = await pacer(['agents', 'phone', '1004']);
    assert.deepEqual([none.code, none.stderr.trim()], [1, 'pacer agents: Agent 1004 has no phone: set one with PUT /v1/agents/1004/phone (HTTP 404)']);
    const bad = await pacer(['agents', 'phone', '1004', '--contact', 'sip:1004@127.0.0.1']);
    assert.deepEqual([bad.code, /contact points at a loopback address/.test(bad.stderr)], [1, true]);
    assert.equal((await pacer(['agents', 'phone', '1004', '--password', 'x', '--contact', 'sip:a@b.example'])).code, 2);
    assert.ok(!`${set.stdout}${set.stderr}${JSON.stringify(shown)}`.includes(secret));
  });

  test('skills: create, list, assign to an agent', async () => {
    assert.equal((await pacer(['skills', 'put', '12', 'Retention'])).stdout.trim(), 'skill 12: Retention');
    assert.equal((await pacer(['skills', 'put', '14', 'Sales', 'Outbound sales'])).stdout.trim(), 'skill 14: Sales');
    assert.match((await pacer(['skills'])).stdout, /^ID\s+NAME\s+DESCRIPTION\n12\s+Retention\s*\n14\s+Sales\s+Outbound sales/);
    assert.equal((await pacer(['skills', 'assign', '1007', '12'])).stdout.trim(), 'agent 1007: skills 12');
    assert.deepEqual(JSON.parse((await pacer(['agents', 'get', '1007', '--json'])).stdout).skills, [12]);
    assert.equal((await pacer(['skills', 'assign', '1007', 'none'])).stdout.trim(), 'agent 1007: skills (none)');
    const unknown = await pacer(['skills', 'assign', '1007', '13']);
    assert.deepEqual([unknown.code, /Skill 13 does not exist/.test(unknown.stderr)], [1, true]);
  });

  test('campaigns and records: create, start, speed, search, show, remove', async () => {
    const created = await pacer(['campaigns', 'create', 'CLI renewals', '--start', '08:00', '--end', '18:30', '--json']);
    assert.equal(created.code, 0, created.stderr);
    const campaign = JSON.parse(created.stdout) as { id: string; start_time: string; status: string };
    assert.deepEqual([campaign.start_time, campaign.status], ['08:00:00', 'stopped']);
    const speed = await pacer(['campaigns', 'speed', campaign.id, '20', '--json']);
    assert.equal(JSON.parse(speed.stdout).speed, 20);
    const list = await pacer(['campaigns', '--type', 'predictive']);
    assert.match(list.stdout, /^ID\s+NAME\s+TYPE\s+STATUS/);
    assert.match(list.stdout, new RegExp(`${campaign.id}\\s+CLI renewals\\s+predictive\\s+stopped\\s+20`));
    assert.equal((await pacer(['campaigns', 'speed', campaign.id, '101'])).code, 2);

    const firstPage = await pacer(['records', 'search', '--campaign', '2', '--limit', '3']);
    assert.match(firstPage.stdout, /\(more: --cursor 2_200003\)$/m, 'a page says how to get the next');
    const nextPage = await pacer(['records', 'search', '--campaign', '2', '--limit', '3', '--cursor', '2_200003', '--json']);
    assert.equal(JSON.parse(nextPage.stdout).data[0].customer_id, '200004');
    const found = await pacer(['records', 'search', '--campaign', '2', '--limit', '3', '--json']);
    assert.deepEqual(JSON.parse(found.stdout).data.map((r: { customer_id: string }) => r.customer_id), ['200001', '200002', '200003']);
    const all = await pacer(['records', 'search', '--campaign', '2', '--limit', '7', '--all']);
    assert.equal(all.stdout.trim().split('\n').length, 1 + 20);
    assert.equal(all.stdout.match(/CUSTOMER_ID/g)?.length, 1, 'one header over every page');
    // --json --all: one document, every record, as one page with nothing after it.
    const allJson = await pacer(['records', 'search', '--campaign', '2', '--limit', '7', '--all', '--json']);
    const doc = JSON.parse(allJson.stdout) as { data: { customer_id: string }[]; next_cursor: string | null };
    assert.deepEqual(doc.data.map((r) => r.customer_id), Array.from({ length: 20 }, (_, i) => String(200001 + i)));
    assert.equal(doc.next_cursor, null);
    const named = await pacer(['records', 'search', '--name', 'CUSTOMER 200007', '--json']);
    assert.deepEqual(JSON.parse(named.stdout).data.map((r: { customer_id: string }) => r.customer_id), ['200007']);
    const none = await pacer(['records', 'search', '--campaign', '2', '--customer', '999999', '--all', '--json']);
    assert.deepEqual(JSON.parse(none.stdout), { data: [], next_cursor: null });
    // A reader that stops early (head) ends the command quietly, not with an EPIPE stack trace.
    const piped = await run('bash', ['-c', `"${process.execPath}" "${bin}" records search --campaign 2 --limit 1 --all | head -1; exit \${PIPESTATUS[0]}`],
      { env: { ...process.env, PACER_URL: url, PACER_TOKEN: TOKEN }, timeout: 60_000 });
    assert.match(piped.stdout, /^CAMPAIGN_ID/);
    assert.equal(piped.stderr, '');
    const shown = await pacer(['records', 'show', '2', '200004']);
    assert.match(shown.stdout, /200004\s+fresh\s+0/);
    assert.equal((await pacer(['records', 'remove', '2', '200004'])).code, 0);
    const gone = await pacer(['records', 'show', '2', '200004']);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /200004/);
  });

  test('reports agent-time: an agent\'s day as CSV; a range past 31 days is refused', async () => {
    assert.equal((await pacer(['agents', 'status', '1009', 'ready'])).code, 0);
    await p.clock.advance(90_000);
    assert.equal((await pacer(['agents', 'status', '1009', 'logout'])).code, 0);
    const day = ['--from', '2026-03-02T00:00:00-05:00', '--to', '2026-03-03T00:00:00-05:00'];
    const r = await pacer(['reports', 'agent-time', ...day, '--agent', '1009', '--csv']);
    assert.equal(r.code, 0, r.stderr);
    const [header, row, rest] = r.stdout.split('\r\n');
    assert.equal(header, 'agent_id,agent_name,from,to,calls,ready_s,ringing_s,talking_s,held_s,acw_s,aux_s,logged_in_s,handle_avg_s,occupancy,first_login,last_logout');
    assert.match(row ?? '', /^1009,Agent 1009,2026-03-02T00:00:00-05:00,2026-03-03T00:00:00-05:00,0,90,0,0,0,0,0,90,,0,2026-03-02T\d\d:\d\d:\d\d-05:00,2026-03-02T/);
    assert.equal(rest, '');
    const calls = await pacer(['reports', 'calls', ...day, '--connected', 'yes', '--json']);
    assert.equal(calls.code, 0, calls.stderr);
    assert.equal(JSON.parse(calls.stdout).time_zone, 'America/Bogota');
    const wide = await pacer(['reports', 'agent-time', '--from', '2026-03-01T00:00:00-05:00', '--to', '2026-04-10T00:00:00-05:00']);
    assert.notEqual(wide.code, 0);
    assert.match(wide.stderr, /31 days/);
  });

  test('campaigns stats: the live state; show says why a campaign is not dialling (to a supervisor)', async () => {
    const human = await pacer(['campaigns', 'stats', '2']);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^campaign 2 \(stopped\) at 2026-\d\d-\d\dT\d\d:\d\d:\d\d-05:00 \(America\/Bogota\)$/m);
    assert.match(human.stdout, /^not dialling: stopped/m);
    assert.match(human.stdout, /^WINDOW\s+ANSWERED\s+ABANDONED\s+ABANDON_RATE\s+BUSY_S\s+STAFFED_S\s+UTILISATION$/m);
    assert.match(human.stdout, /^today\s+0\s+0\s+-\s+0\s+\d+\s+/m);
    assert.match(human.stdout, /^records: (\d+) dialable now, \1 pending; abandon target 1.5 %$/m);
    const json = JSON.parse((await pacer(['campaigns', 'stats', '2', '--json'])).stdout) as { records: { pending: number }; not_dialling: { reason: string }[] };
    assert.ok(json.records.pending > 0);
    assert.deepEqual([json.records, json.not_dialling[0]?.reason], [{ dialable_now: json.records.pending, pending: json.records.pending, capped: false }, 'stopped']);

    const shown = await pacer(['campaigns', 'show', '2']);
    assert.match(shown.stdout, /^2\s+Demo preview\s+preview\s+stopped/m);
    assert.match(shown.stdout, /^not dialling: stopped/m);
    assert.equal(JSON.parse((await pacer(['campaigns', 'show', '2', '--json'])).stdout).not_dialling[0].reason, 'stopped');
    // An agent's token shows the campaign without the reasons (stats are the floor's).
    const made = await p.call({ method: 'POST', url: '/v1/tokens', headers: { authorization: `Bearer ${TOKEN}` }, payload: { description: 'cli agent', role: 'agent', agent_id: '1003' } });
    const asAgent = await pacer(['campaigns', 'show', '2'], { PACER_TOKEN: String(made.json.token) });
    assert.equal(asAgent.code, 0, asAgent.stderr);
    assert.doesNotMatch(asAgent.stdout, /dialling/);
    assert.equal((await pacer(['campaigns', 'stats', '2'], { PACER_TOKEN: String(made.json.token) })).code, 1);
  });

  test('campaigns series: the day bucket by bucket, as the API gives it; a bucket the API does not take is a usage error', async () => {
    const human = await pacer(['campaigns', 'series', '1', '--bucket', '60']);
    assert.equal(human.code, 0, human.stderr);
    const json = JSON.parse((await pacer(['campaigns', 'series', '1', '--bucket', '60', '--json'])).stdout) as { bucket_minutes: number; buckets: { start: string }[] };
    assert.equal(json.bucket_minutes, 60);
    assert.ok(json.buckets.length >= 1);
    assert.match(human.stdout, /^campaign 1 today by 60 min, at 2026-\d\d-\d\dT\d\d:\d\d:\d\d-05:00 \(America\/Bogota\); abandon target [\d.]+ %, ceiling 3.0 %$/m);
    assert.match(human.stdout, /^FROM\s+TO\s+ANSWERED\s+ABANDONED\s+ABANDON_RATE\s+DAY_ABANDON_RATE\s+UTILISATION$/m);
    const rows = human.stdout.split('\n').filter((l) => /^\d\d:\d\d\s/.test(l));
    assert.equal(rows.length, json.buckets.length, 'a row per bucket');
    assert.equal(rows[0]?.slice(0, 5), json.buckets[0]?.start.slice(11, 16));
    assert.match(human.stdout, /^calls by result: /m);
    const bad = await pacer(['campaigns', 'series', '1', '--bucket', '7']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--bucket must be one of 5, 10, 15, 30, 60/);
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

test('CSV records: the header names the fields, empty ones are left out, rejected rows keep their lines', async () => {
  const text = 'customer_id,customer_name,tel1\n1,Ana,3001\n\n2,,3002\n"3","Luis\nPérez",\n';
  const records = [];
  for await (const r of readCsvRecords([text])) records.push(r);
  assert.deepEqual(records, [
    { line: 2, record: { customer_id: '1', customer_name: 'Ana', tel1: '3001' } },
    { line: 4, record: { customer_id: '2', tel1: '3002' } },
    { line: 5, record: { customer_id: '3', customer_name: 'Luis\nPérez' } },
  ]);
  const resumed = [];
  for await (const r of readCsvRecords([text], 2)) resumed.push(r.line);
  assert.deepEqual(resumed, [5], 'skip passes over rows already loaded');
  assert.deepEqual(rejectedLines(records, { rejected: [{ index: 1, customer_id: '2', reason: 'no phone' }] }), [{ line: 4, customer_id: '2', reason: 'no phone' }]);
  assert.deepEqual(rejectedLines(records.slice(0, 1), { refusal: 'campaign 9 does not exist' }), [{ line: 2, customer_id: '1', reason: 'campaign 9 does not exist' }]);
  await assert.rejects(async () => {
    for await (const _ of readCsvRecords(['name,tel1\nAna,3001\n'])) void _;
  }, /line 1: the header must name a customer_id column/);
});

test('callback times on the command line: ISO 8601 as given, or relative to now', () => {
  const now = Date.parse('2026-03-02T15:00:00Z');
  assert.equal(timeArg('2026-03-02T10:30:00-05:00', now), '2026-03-02T10:30:00-05:00');
  assert.equal(timeArg('+30m', now), '2026-03-02T15:30:00.000Z');
  assert.equal(timeArg('+2h', now), '2026-03-02T17:00:00.000Z');
  assert.equal(timeArg('+1d', now), '2026-03-03T15:00:00.000Z');
  assert.equal(timeArg('+45s', now), '2026-03-02T15:00:45.000Z');
  assert.throws(() => timeArg('tomorrow', now), /neither an ISO 8601 time/);
  assert.throws(() => timeArg('+3w', now), /neither an ISO 8601 time/);
  assert.throws(() => timeArg('1700000000', now), /neither an ISO 8601 time/);
});
