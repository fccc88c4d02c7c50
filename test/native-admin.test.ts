// Onboarding through the API: the admin API creates an operation with its first token
// (PACER_ADMIN_TOKEN), that token creates agents, and the wolkvox face serves them at once.
// Agents are created, renamed and deleted; the admin API is off without its token.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { db } from './support/campaign.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

after(stopSharedEmbedded);

const ADMIN = 'admin-token-for-tests-0001';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const admin = bearer(ADMIN);
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function v1(p: TestPacer, method: Method, url: string, body?: unknown, headers: Record<string, string> = bearer(TOKEN)) {
  const r = await p.call({ method, url, headers, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  return { status: r.statusCode, json: r.json as Record<string, any> };
}

async function withPacer(kind: Parameters<typeof testPacer>[0], env: Record<string, string>, work: (p: TestPacer) => Promise<void>) {
  const p = await testPacer(kind, { env });
  try {
    await work(p);
  } finally {
    await p.close();
  }
}

for (const { kind, skip } of await storeKinds()) {
  describe(`admin API and agent onboarding on ${kind}`, { skip }, () => {
    test('an operation created by the admin API works at once on both faces', () => withPacer(kind, { PACER_ADMIN_TOKEN: ADMIN }, async (p) => {
      const created = await v1(p, 'POST', '/v1/operations', { id: '0002', name: 'Lima', time_zone: 'America/Lima', licenses: 3 }, admin);
      assert.equal(created.status, 201);
      assert.deepEqual(created.json.operation, { id: '0002', name: 'Lima', time_zone: 'America/Lima', licenses: 3, acw_s: 15 });
      const token = created.json.token.token as string;
      assert.ok(token.length >= 24);
      const hashes = await db(p).selectFrom('api_tokens').select('hash').where('operation_id', '=', '0002').execute();
      assert.equal(hashes.length, 1);
      assert.notEqual(hashes[0]?.hash, token, 'stored as a hash');

      assert.deepEqual((await v1(p, 'GET', '/v1/operation', undefined, bearer(token))).json.id, '0002');
      const agent = await v1(p, 'PUT', '/v1/agents/2001', { name: 'Rosa' }, bearer(token));
      assert.deepEqual([agent.status, agent.json.state, agent.json.name], [201, 'logout', 'Rosa']);
      // The wolkvox face: the new token, the new operation by header, the new agent.
      const query = new URLSearchParams({ api: 'change_status', agent_id: '2001', status: 'ready' }).toString();
      const wolkvox = await p.call({ method: 'POST', url: `/api/v2/agentbox.php?${query}`, headers: { 'wolkvox-token': token, wolkvox_server: '0002' } });
      assert.equal(wolkvox.statusCode, 200, wolkvox.body);
      // Operations stay apart: neither token sees the other's agents.
      assert.equal((await v1(p, 'GET', '/v1/agents/2001')).status, 404);
      assert.equal((await v1(p, 'GET', '/v1/agents/1001', undefined, bearer(token))).status, 404);

      const list = await v1(p, 'GET', '/v1/operations?limit=1', undefined, admin);
      assert.deepEqual([list.json.data[0].id, list.json.next_cursor], ['0001', '0001']);
      const rest = await v1(p, 'GET', '/v1/operations?cursor=0001', undefined, admin);
      assert.deepEqual(rest.json.data.map((o: { id: string }) => o.id), ['0002']);

      // A lost first token is not the end: the admin API mints another.
      const spare = await v1(p, 'POST', '/v1/operations/0002/tokens', { description: 'spare' }, admin);
      assert.equal(spare.status, 201);
      assert.equal((await v1(p, 'GET', '/v1/operation', undefined, bearer(spare.json.token))).json.id, '0002');
      assert.equal((await v1(p, 'POST', '/v1/operations/0009/tokens', { description: 'x' }, admin)).status, 404);
      const changed = await v1(p, 'PATCH', '/v1/operations/0002', { time_zone: 'america/bogota', acw_s: 30 }, admin);
      assert.deepEqual([changed.json.time_zone, changed.json.acw_s, changed.json.name], ['America/Bogota', 30, 'Lima'], 'the zone in its canonical spelling');
      const events = await db(p).selectFrom('events').select('type').where('operation_id', '=', '0002').orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.type), ['operation.created', 'token.created', 'agent.created', 'agent.state', 'token.created', 'operation.updated']);
    }));

    test('admin refusals: wrong tokens either way, duplicates, bad zones, unknown fields', () => withPacer(kind, { PACER_ADMIN_TOKEN: ADMIN }, async (p) => {
      const code = (r: { status: number; json: Record<string, any> }) => [r.status, r.json.error?.code];
      assert.deepEqual(code(await v1(p, 'GET', '/v1/operations')), [403, 'TOKEN_INVALID'], 'an operation token is not the admin token');
      assert.deepEqual(code(await v1(p, 'GET', '/v1/operations', undefined, {})), [401, 'TOKEN_MISSING']);
      assert.deepEqual(code(await v1(p, 'GET', '/v1/agents', undefined, admin)), [403, 'TOKEN_INVALID'], 'the admin token is no operation token');
      assert.deepEqual(code(await v1(p, 'POST', '/v1/operations', { id: '0001', name: 'Again', time_zone: 'America/Bogota' }, admin)), [409, 'OPERATION_EXISTS']);
      assert.deepEqual(code(await v1(p, 'POST', '/v1/operations', { id: '0003', name: 'X', time_zone: 'Mars/Olympus' }, admin)), [400, 'BAD_VALUE']);
      assert.deepEqual(code(await v1(p, 'POST', '/v1/operations', { id: '3', name: 'X', time_zone: 'UTC' }, admin)), [400, 'BAD_VALUE']);
      assert.deepEqual(code(await v1(p, 'POST', '/v1/operations', { id: '0003', name: 'X', time_zone: 'UTC', colour: 'red' }, admin)), [400, 'BAD_VALUE']);
      assert.deepEqual(code(await v1(p, 'PATCH', '/v1/operations/0009', { name: 'Y' }, admin)), [404, 'OPERATION_NOT_FOUND']);
      assert.deepEqual(code(await v1(p, 'PATCH', '/v1/operations/0001', {}, admin)), [400, 'BAD_VALUE']);
      // Authentication follows the route the router matched, not the raw URL: a percent-encoded
      // path reaches the same route and needs the same token.
      assert.deepEqual(code(await v1(p, 'GET', '/v1/%6Fperations')), [403, 'TOKEN_INVALID']);
      assert.deepEqual(code(await v1(p, 'GET', '/%761/operations', undefined, {})), [401, 'TOKEN_MISSING']);
      assert.deepEqual(code(await v1(p, 'PATCH', '/v1/%6Fperations/0001', { name: 'Taken' })), [403, 'TOKEN_INVALID']);
      assert.deepEqual(code(await v1(p, 'GET', '/%761/agents', undefined, {})), [401, 'TOKEN_MISSING']);
      assert.equal((await v1(p, 'GET', '/v1/%61gents')).status, 200, 'an encoded operation route works with its token');
      // An Idempotency-Key on an admin create is accepted (the operation id already makes it safe).
      const keyed = await p.call({ method: 'POST', url: '/v1/operations', headers: { ...admin, 'idempotency-key': 'k1' }, payload: { id: '0004', name: 'K', time_zone: 'UTC' } });
      assert.equal(keyed.statusCode, 201);
    }));

    test('without PACER_ADMIN_TOKEN the admin API is off', () => withPacer(kind, {}, async (p) => {
      const r = await v1(p, 'GET', '/v1/operations', undefined, admin);
      assert.deepEqual([r.status, r.json.error.code], [403, 'ADMIN_DISABLED']);
    }));

    test('agents: create, rename, refuse deleting a logged-in one, delete with its callbacks cancelled', () => withPacer(kind, {}, async (p) => {
      assert.equal((await v1(p, 'PUT', '/v1/agents/1011', { name: 'New' })).status, 201);
      const renamed = await v1(p, 'PUT', '/v1/agents/1011', { name: 'Renamed' });
      assert.deepEqual([renamed.status, renamed.json.name], [200, 'Renamed']);
      assert.equal((await v1(p, 'PUT', '/v1/agents/1011', { name: 'Renamed' })).status, 200);
      assert.equal((await v1(p, 'PUT', '/v1/agents/1011', { name: '' })).status, 400);
      assert.equal((await v1(p, 'PUT', '/v1/agents/abc', { name: 'x' })).status, 400);

      await v1(p, 'POST', '/v1/agents/1011/status', { status: 'ready' });
      await v1(p, 'POST', '/v1/agents/1011/recall', { phone: '3001234567', at: new Date(p.clock.now() + 3600_000).toISOString(), type: 'manual' });
      const busy = await v1(p, 'DELETE', '/v1/agents/1011');
      assert.deepEqual([busy.status, busy.json.error.code], [409, 'AGENT_STATE_CONFLICT']);
      await v1(p, 'POST', '/v1/agents/1011/status', { status: 'logout' });
      assert.equal((await v1(p, 'DELETE', '/v1/agents/1011')).status, 204);
      assert.equal((await v1(p, 'GET', '/v1/agents/1011')).status, 404);
      assert.equal((await v1(p, 'DELETE', '/v1/agents/1011')).status, 404);
      const callbacks = await db(p).selectFrom('callbacks').select('status').where('agent_id', '=', '1011').execute();
      assert.deepEqual(callbacks.map((c) => c.status), ['cancelled']);
      const types = await db(p).selectFrom('events').select('type').where('agent_id', '=', '1011').orderBy('id').execute();
      assert.deepEqual(types.map((e) => e.type).filter((t) => t.startsWith('agent.') && t !== 'agent.state'), ['agent.created', 'agent.renamed', 'agent.deleted']);
      const cancelledEvents = await db(p).selectFrom('events').select('data').where('type', '=', 'callback.cancelled').execute();
      assert.deepEqual(cancelledEvents.map((e) => (e.data as { reason?: string }).reason), ['agent deleted'], 'each cancelled callback is an event');
    }));
  });
}

describe('pacer operations (the CLI binary)', () => {
  test('creates an operation and prints its first token once; refuses without the admin token', async () => {
    const [kind] = await storeKinds();
    const p = await testPacer(kind?.kind ?? 'pglite', { env: { PACER_ADMIN_TOKEN: ADMIN } });
    try {
      await p.pacer.app.listen({ host: '127.0.0.1', port: 0 });
      const url = `http://127.0.0.1:${(p.pacer.app.server.address() as AddressInfo).port}`;
      const bin = new URL('../src/cli/main.ts', import.meta.url).pathname;
      const run = (args: string[], env: Record<string, string>) => promisify(execFile)(process.execPath, [bin, ...args], { env: { ...process.env, PACER_URL: url, ...env }, timeout: 60_000 })
        .then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => e);
      const created = await run(['operations', 'create', '0005', 'Quito', '--time-zone', 'America/Guayaquil'], { PACER_ADMIN_TOKEN: ADMIN });
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, /0005\s+Quito\s+America\/Guayaquil\s+10\s+15/);
      const token = /first token \(shown once, keep it\): (\S+)/.exec(created.stdout)?.[1];
      assert.ok(token);
      const agents = await run(['agents', '--json'], { PACER_TOKEN: token });
      assert.deepEqual(JSON.parse(agents.stdout), { data: [], next_cursor: null });
      const refused = await run(['operations'], { PACER_ADMIN_TOKEN: '' });
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /admin token is needed/);
    } finally {
      await p.close();
    }
  });
});
