// Agents' SIP phones through the native API (/v1/agents/{id}/phone), on both stores: a registration
// password or a fixed contact, read back without the password, replaced, removed, deleted with the
// agent; the refusals naming their field; `agent.phone` events without a secret. And the log: with
// every line captured at debug level, no password of a phone or a trunk shows in any of them, not
// even when a database statement that wrote one fails (PostgreSQL quotes the failing row). And the
// registrar's store: a phone's binding, read back until it expires on the engine's clock, cleared
// when the phone changes, told as `agent.phone_registered` / `agent.phone_unregistered`.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';
import { registrarStore } from '../src/adapters/store/registrations.ts';

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
        assert.deepEqual(registered.json, { agent_id: '1001', mode: 'registration', contact: null, has_password: true, registration: null, updated_at: at });
        assert.deepEqual((await v1(p, 'GET', '/v1/agents/1001/phone')).json, registered.json);

        const fixed = await v1(p, 'PUT', '/v1/agents/1001/phone', { contact: 'SIP:1001@Desk-1001.Example:5060;transport=TCP' });
        assert.deepEqual(fixed.json, { agent_id: '1001', mode: 'contact', contact: 'sip:1001@desk-1001.example:5060;transport=tcp', has_password: false, registration: null, updated_at: at });
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

    test('a registration: kept by the registrar\'s store, shown by GET and called by the engine until it expires; a changed phone loses it', async () => {
      const p = await testPacer(kind);
      try {
        const told: number[] = [];
        const store = registrarStore(p.pacer.database.db, { eventsCommitted: () => void told.push(1) });
        await v1(p, 'PUT', '/v1/agents/1001/phone', { password: SECRET });
        await v1(p, 'PUT', '/v1/agents/1002/phone', { contact: 'sip:1002@desk-1002.example:5070' });
        await v1(p, 'POST', '/v1/trunks', { uri: 'sip:carrier.example:5060' });
        assert.equal(await store.secret('0001', '1001'), SECRET);
        for (const [op, agent] of [['0001', '1002'], ['0001', '1003'], ['0002', '1001'], ['0001', '9999']]) {
          assert.equal(await store.secret(op!, agent!), undefined, `${op}-${agent}: no phone set to register`);
        }
        const now = p.clock.now();
        const binding = {
          operationId: '0001', agentId: '1001', contact: 'sip:0001-1001@127.0.0.77:40123', given: 'sip:0001-1001@127.0.0.78:5060',
          source: { transport: 'udp' as const, address: '127.0.0.77', port: 40123 }, expiresAt: now + 120_000, userAgent: 'Softphone 1.0',
        };
        assert.equal(await store.register({ ...binding, agentId: '1002' }, SECRET, now), false, 'a phone with a fixed contact does not register');
        assert.equal(await store.register(binding, 'not-the-password', now), false, 'the password changed since it was checked');
        assert.equal(await store.register(binding, SECRET, now), true);
        assert.equal(await store.register({ ...binding, expiresAt: now + 180_000 }, SECRET, now), true, 'a refresh');
        assert.deepEqual(await store.binding('0001', '1001', now), { ...binding, expiresAt: now + 180_000 });
        assert.deepEqual((await store.knownHosts(now)).sort(), ['127.0.0.77', 'carrier.example', 'desk-1002.example']);

        const shown = await v1(p, 'GET', '/v1/agents/1001/phone');
        assert.deepEqual(shown.json.registration, {
          contact: binding.contact, source: 'udp:127.0.0.77:40123', user_agent: 'Softphone 1.0',
          registered_at: new Date(now).toISOString(), expires_at: new Date(now + 180_000).toISOString(),
        });
        const read = await p.pacer.store.transaction((tx) => tx.agentPhones.get('0001', '1001', p.clock.now()));
        assert.deepEqual(read, { mode: 'registration', password: SECRET, registered: { contact: binding.contact, until: now + 180_000 } });

        // Expired on the engine's clock: not shown, not called, no longer a known peer.
        await p.clock.advance(180_000);
        assert.equal((await v1(p, 'GET', '/v1/agents/1001/phone')).json.registration, null);
        const expired = await p.pacer.store.transaction((tx) => tx.agentPhones.get('0001', '1001', p.clock.now()));
        assert.deepEqual(expired, { mode: 'registration', password: SECRET, registered: null });
        assert.deepEqual((await store.knownHosts(p.clock.now())).sort(), ['carrier.example', 'desk-1002.example']);

        // Registered again, then unregistered: by another device's contact nothing happens; by its own it goes.
        const later = p.clock.now();
        assert.equal(await store.register({ ...binding, expiresAt: later + 60_000 }, SECRET, later), true);
        assert.equal(await store.unregister('0001', '1001', later, 'sip:other@127.0.0.9'), undefined);
        assert.equal((await store.unregister('0001', '1001', later, binding.given))?.contact, binding.contact);
        assert.equal(await store.binding('0001', '1001', later), undefined);

        // Changing the phone clears its registration (the same password set again too).
        assert.equal(await store.register({ ...binding, expiresAt: later + 60_000 }, SECRET, later), true);
        assert.equal((await v1(p, 'PUT', '/v1/agents/1001/phone', { password: SECRET })).json.registration, null);
        assert.equal(await store.binding('0001', '1001', later), undefined);
        assert.equal((await v1(p, 'GET', '/v1/agents/1001/phone')).json.registration, null);

        const events = await v1(p, 'GET', '/v1/events?after=0&limit=500&type=agent.');
        assert.deepEqual(events.json.data.filter((e: any) => e.type.startsWith('agent.phone_')).map((e: any) => [e.type, e.agent_id, e.data]), [
          ['agent.phone_registered', '1001', { contact: binding.contact, source: 'udp:127.0.0.77:40123', user_agent: 'Softphone 1.0', expires_at: new Date(now + 120_000).toISOString() }],
          ['agent.phone_registered', '1001', { contact: binding.contact, source: 'udp:127.0.0.77:40123', user_agent: 'Softphone 1.0', expires_at: new Date(later + 60_000).toISOString() }],
          ['agent.phone_unregistered', '1001', { contact: binding.contact, reason: 'the phone unregistered' }],
          ['agent.phone_registered', '1001', { contact: binding.contact, source: 'udp:127.0.0.77:40123', user_agent: 'Softphone 1.0', expires_at: new Date(later + 60_000).toISOString() }],
        ], 'a refresh of the same contact is no event');
        assert.ok(!events.body.includes(SECRET));
        assert.equal(told.length, 4, 'each commit with an event woke the event streams');
      } finally {
        await p.close();
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
