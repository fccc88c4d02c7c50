// Agents' SIP phones through the native API (/v1/agents/{id}/phone), on both stores: a registration
// password or a fixed contact, read back without the password, replaced, removed, deleted with the
// agent; the refusals naming their field; `agent.phone` events without a secret. And the log: with
// every line captured at debug level, no password of a phone or a trunk shows in any of them, not
// even when a database statement that wrote one fails (PostgreSQL quotes the failing row).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const SECRET = 'phone-Secret-2b7e91';

async function v1(p: TestPacer, method: Method, url: string, body?: unknown) {
  const r = await p.call({ method, url, headers: { authorization: `Bearer ${TOKEN}` }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  return { status: r.statusCode, json: r.json as Record<string, any>, body: r.body };
}

for (const { kind, skip } of await storeKinds()) {
  describe(`agent phones on ${kind}`, { skip }, () => {
    test('set a registration password or a contact, read it without the password, replace it, remove it; events without secrets', async () => {
      const p = await testPacer(kind);
      try {
        const none = await v1(p, 'GET', '/v1/agents/1001/phone');
        assert.deepEqual([none.status, none.json.error.code, none.json.error.message],
          [404, 'AGENT_PHONE_NOT_FOUND', 'Agent 1001 has no phone: set one with PUT /v1/agents/1001/phone']);
        const at = new Date(p.clock.now()).toISOString();
        const registered = await v1(p, 'PUT', '/v1/agents/1001/phone', { password: SECRET });
        assert.equal(registered.status, 200, registered.body);
        assert.deepEqual(registered.json, { agent_id: '1001', mode: 'registration', contact: null, has_password: true, updated_at: at });
        assert.deepEqual((await v1(p, 'GET', '/v1/agents/1001/phone')).json, registered.json);

        const fixed = await v1(p, 'PUT', '/v1/agents/1001/phone', { contact: 'SIP:1001@Desk-1001.Example:5060;transport=TCP' });
        assert.deepEqual(fixed.json, { agent_id: '1001', mode: 'contact', contact: 'sip:1001@desk-1001.example:5060;transport=tcp', has_password: false, updated_at: at });
        const stored = await p.pacer.database.db.selectFrom('agent_phones').selectAll().where('agent_id', '=', '1001').executeTakeFirstOrThrow();
        assert.equal(stored.password, null, 'a contact replaces the password: it is not kept');
        await v1(p, 'PUT', '/v1/agents/1002/phone', { password: `${SECRET}-2` });

        assert.equal((await v1(p, 'DELETE', '/v1/agents/1001/phone')).status, 204);
        assert.equal((await v1(p, 'GET', '/v1/agents/1001/phone')).json.error.code, 'AGENT_PHONE_NOT_FOUND');
        assert.equal((await v1(p, 'DELETE', '/v1/agents/1001/phone')).json.error.code, 'AGENT_PHONE_NOT_FOUND');
        for (const [method, body] of [['GET', undefined], ['PUT', { password: SECRET }], ['DELETE', undefined]] as [Method, unknown][]) {
          const r = await v1(p, method, '/v1/agents/9999/phone', body);
          assert.deepEqual([r.status, r.json.error.code], [404, 'AGENT_NOT_FOUND'], method);
        }

        const told = await p.pacer.database.db.selectFrom('events').select(['type', 'agent_id', 'data']).where('type', '=', 'agent.phone').orderBy('id').execute();
        assert.deepEqual(told.map((e) => [e.agent_id, e.data]), [
          ['1001', { mode: 'registration', contact: null, has_password: true }],
          ['1001', { mode: 'contact', contact: 'sip:1001@desk-1001.example:5060;transport=tcp', has_password: false }],
          ['1002', { mode: 'registration', contact: null, has_password: true }],
          ['1001', { mode: null, contact: null, has_password: false }],
        ]);
        const served = await v1(p, 'GET', '/v1/events?type=agent.phone');
        for (const text of [registered.body, fixed.body, served.body, JSON.stringify(told)]) assert.ok(!text.includes(SECRET), text.slice(0, 300));
      } finally {
        await p.close();
      }
    });

    test('every refusal is a 400 naming its field; private contacts need PACER_SIP_ALLOW_PRIVATE', async () => {
      const p = await testPacer(kind);
      try {
        const refusals: [Record<string, unknown>, RegExp][] = [
          [{}, /^password or contact is required/],
          [{ password: SECRET, contact: 'sip:1001@desk.example' }, /^password and contact exclude each other/],
          [{ password: 'short' }, /password/],
          [{ password: 'p'.repeat(129) }, /password/],
          [{ password: 'tab\there!' }, /^password must be 8 to 128 characters, without control characters$/],
          [{ contact: '' }, /contact/],
          [{ contact: 'desk.example' }, /^contact must be a SIP URI/],
          [{ contact: 'sip:1001:pw@desk.example' }, /^contact must not carry a password/],
          [{ contact: 'sip:1001@desk.example;transport=sctp' }, /^contact transport must be udp, tcp or tls/],
          [{ contact: 'sip:1001@127.0.0.1:5062' }, /^contact points at a loopback address \(127\.0\.0\.1\): .*PACER_SIP_ALLOW_PRIVATE=true/],
          [{ contact: 'sip:1001@desk.local' }, /^contact names desk\.local/],
          [{ contact: 'sip:1001@desk.example', mode: 'contact' }, /^body must NOT have additional properties: mode$/],
        ];
        for (const [body, message] of refusals) {
          const r = await v1(p, 'PUT', '/v1/agents/1001/phone', body);
          assert.deepEqual([r.status, r.json.error?.code], [400, 'BAD_VALUE'], `${JSON.stringify(body)}: ${r.body}`);
          assert.match(r.json.error.message, message, JSON.stringify(body));
          assert.ok(!r.body.includes(SECRET));
        }
        assert.equal((await v1(p, 'GET', '/v1/agents/1001/phone')).status, 404, 'nothing was set');
      } finally {
        await p.close();
      }
      const allowed = await testPacer(kind, { env: { PACER_SIP_ALLOW_PRIVATE: 'true' } });
      try {
        const r = await v1(allowed, 'PUT', '/v1/agents/1001/phone', { contact: 'sip:1001@127.0.0.1:5062' });
        assert.deepEqual([r.status, r.json.contact], [200, 'sip:1001@127.0.0.1:5062']);
        const never = await v1(allowed, 'PUT', '/v1/agents/1001/phone', { contact: 'sip:1001@255.255.255.255' });
        assert.match(never.json.error.message, /^contact points at a broadcast address .* which is never a SIP peer$/);
      } finally {
        await allowed.close();
      }
    });

    test('deleting an agent deletes its phone: the agent made again with that id has none', async () => {
      const p = await testPacer(kind);
      try {
        assert.equal((await v1(p, 'PUT', '/v1/agents/1003/phone', { password: SECRET })).status, 200);
        assert.equal((await v1(p, 'DELETE', '/v1/agents/1003')).status, 204);
        const rows = await p.pacer.database.db.selectFrom('agent_phones').select('agent_id').where('agent_id', '=', '1003').execute();
        assert.equal(rows.length, 0);
        assert.equal((await v1(p, 'PUT', '/v1/agents/1003', { name: 'Again' })).status, 201);
        assert.equal((await v1(p, 'GET', '/v1/agents/1003/phone')).json.error.code, 'AGENT_PHONE_NOT_FOUND');
      } finally {
        await p.close();
      }
    });

    test('no log line holds a password, even when the statement that wrote it fails', async () => {
      const lines: string[] = [];
      const p = await testPacer(kind, { env: { LOG_LEVEL: 'debug' }, logStream: { write: (line) => void lines.push(line) } });
      try {
        const trunk = await v1(p, 'POST', '/v1/trunks', { uri: 'sip:carrier.example', username: 'acme', password: `${SECRET}-trunk` });
        assert.equal(trunk.status, 201);
        await v1(p, 'PATCH', `/v1/trunks/${String(trunk.json.id)}`, { password: `${SECRET}-trunk-2` });
        await v1(p, 'PUT', '/v1/agents/1001/phone', { password: SECRET });
        await v1(p, 'POST', '/v1/trunks', { uri: 'sip:127.0.0.1', username: 'acme', password: `${SECRET}-refused` });
        await v1(p, 'PUT', '/v1/agents/1001/phone', { password: 'short' });
        // A database that refuses the rows (a constraint the domain does not know of): 500s, logged in full.
        const db = p.pacer.database.db;
        await sql`ALTER TABLE trunks ADD CONSTRAINT test_refuses CHECK (caller_id IS DISTINCT FROM '999999')`.execute(db);
        await sql`ALTER TABLE agent_phones ADD CONSTRAINT test_refuses CHECK (updated_at < '2000-01-01' OR agent_id <> '1002')`.execute(db);
        const failed = [
          await v1(p, 'POST', '/v1/trunks', { uri: 'sip:carrier.example', username: 'acme', password: `${SECRET}-500`, caller_id: '999999' }),
          await v1(p, 'PATCH', `/v1/trunks/${String(trunk.json.id)}`, { password: `${SECRET}-500-2`, caller_id: '999999' }),
          await v1(p, 'PUT', '/v1/agents/1002/phone', { password: `${SECRET}-500-3` }),
        ];
        assert.deepEqual(failed.map((r) => [r.status, r.json.error.code]), [[500, 'INTERNAL'], [500, 'INTERNAL'], [500, 'INTERNAL']]);
        const errors = lines.filter((l) => l.includes('unexpected error'));
        assert.equal(errors.length, 3, 'the failures were logged');
        assert.ok(errors.every((l) => l.includes('test_refuses')), 'with what failed');
        for (const line of lines) assert.ok(!line.includes(SECRET), `a password was logged: ${line}`);
      } finally {
        await p.close();
      }
    });
  });
}

after(stopSharedEmbedded);
