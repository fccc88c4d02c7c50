// Agents' SIP phones through the native API (/v1/agents/{id}/phone), on both stores: a registration
// password or a fixed contact, read back without the password, replaced, removed, deleted with the
// agent; the refusals naming their field; `agent.phone` events without a secret. The password is
// not kept: the row holds its digest HA1, and migration 0030 turned the passwords kept before into
// theirs. And the log: with every line captured at debug level, no password of a phone or a trunk
// (nor a phone's HA1) shows in any of them, not even when a database statement that wrote one fails
// (PostgreSQL quotes the failing row). And the registrar's store: a phone's HA1 and binding, read
// back until it expires on the engine's clock, cleared when the phone changes, told as
// `agent.phone_registered` / `agent.phone_unregistered`.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { dropSchema, openSchemaDatabase, stopSharedEmbedded, storeKinds, uniqueSchema } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';
import { migrationFiles } from '../src/adapters/store/migrate.ts';
import { registrarStore } from '../src/adapters/store/registrations.ts';
import { agentPhoneHa1 } from '../src/engine/telephony/digest-ha1.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const SECRET = 'phone-Secret-2b7e91';
const SECRET_HA1 = agentPhoneHa1('0001', '1001', SECRET);
/** MD5 of the digest's "<user>:<realm>:<password>", written out here rather than by Pacer's function. */
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

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
        assert.equal(stored.password_ha1, null, 'a contact replaces the password: nothing of it is kept');
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
        for (const text of [registered.body, fixed.body, served.body, JSON.stringify(told)]) assert.ok(!text.includes(SECRET) && !text.includes(SECRET_HA1), text.slice(0, 300));
      } finally {
        await p.close();
      }
    });

    test('the password is not kept: the row holds the digest HA1 of user <operation>-<agent>, realm <operation>.pacer', async () => {
      const p = await testPacer(kind);
      try {
        const password = 'secret-1234';
        assert.equal((await v1(p, 'PUT', '/v1/agents/1001/phone', { password })).status, 200);
        const db = p.pacer.database.db;
        const columns = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'agent_phones'`.execute(db);
        assert.ok(columns.rows.length > 0 && !columns.rows.some((c) => c.column_name === 'password'), 'no column for the password');
        const [row] = (await sql<Record<string, unknown>>`SELECT * FROM agent_phones WHERE operation_id = '0001' AND agent_id = '1001'`.execute(db)).rows;
        assert.ok(row);
        assert.equal(row.password_ha1, md5('0001-1001:0001.pacer:secret-1234'));
        assert.equal(row.password_ha1, agentPhoneHa1('0001', '1001', password));
        assert.ok(!JSON.stringify(row).includes(password), 'no column holds the password');
      } finally {
        await p.close();
      }
    });

    test('migration 0030: a phone kept with its password before keeps its HA1 instead; the checks name password_ha1', async () => {
      const schema = uniqueSchema();
      const database = await openSchemaDatabase(kind, schema, 60);
      try {
        const db = database.db;
        const files = migrationFiles();
        const ha1Migration = files.find((m) => m.version === 30);
        assert.equal(ha1Migration?.name, '0030_agent_phone_ha1.sql');
        await db.transaction().execute(async (trx) => {
          for (const m of files.filter((f) => f.version < 30)) await sql.raw(m.sql).execute(trx);
        });
        // As 0017 and 0020 kept them: two phones that register (one registered now, one in another
        // operation with a password beyond ASCII), one at a fixed contact.
        await sql`INSERT INTO operations (id, name, created_at) VALUES ('0001', 'One', now()), ('0002', 'Two', now());
          INSERT INTO agents (operation_id, id, name, state_since) VALUES ('0001', '1001', 'A', now()), ('0001', '1002', 'B', now()), ('0002', '1001', 'C', now());
          INSERT INTO agent_phones (operation_id, agent_id, password, contact, updated_at) VALUES
            ('0001', '1001', 'secret-1234', NULL, now()), ('0001', '1002', NULL, 'sip:1002@desk.example', now()), ('0002', '1001', 'Contraseña-ñ9', NULL, now());
          UPDATE agent_phones SET registered_contact = 'sip:0001-1001@127.0.0.77:40123', registered_given = 'sip:0001-1001@127.0.0.77:40123',
            registered_transport = 'udp', registered_address = '127.0.0.77', registered_port = 40123, registered_at = now(), registered_until = now() + interval '1 hour'
          WHERE operation_id = '0001' AND agent_id = '1001'`.execute(db);
        await db.transaction().execute((trx) => sql.raw(ha1Migration.sql).execute(trx));

        const rows = await sql<Record<string, unknown>>`SELECT * FROM agent_phones ORDER BY operation_id, agent_id`.execute(db);
        assert.deepEqual(rows.rows.map((r) => [r.operation_id, r.agent_id, r.password_ha1, r.contact, r.registered_contact]), [
          ['0001', '1001', md5('0001-1001:0001.pacer:secret-1234'), null, 'sip:0001-1001@127.0.0.77:40123'],
          ['0001', '1002', null, 'sip:1002@desk.example', null],
          ['0002', '1001', md5('0002-1001:0002.pacer:Contraseña-ñ9'), null, null],
        ]);
        assert.ok(rows.rows.every((r) => !('password' in r)), 'the password column is gone');
        // What the registrar will check answers with: the engine's HA1 of the same password.
        assert.equal(rows.rows[0]?.password_ha1, agentPhoneHa1('0001', '1001', 'secret-1234'));
        assert.equal(rows.rows[2]?.password_ha1, agentPhoneHa1('0002', '1001', 'Contraseña-ñ9'));

        const checks = await sql<{ conname: string; def: string }>`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE conrelid = 'agent_phones'::regclass AND contype = 'c' ORDER BY conname`.execute(db);
        assert.ok(checks.rows.every((c) => !/\bpassword\b/.test(c.def)), JSON.stringify(checks.rows));
        assert.deepEqual(checks.rows.map((c) => c.conname).filter((n) => /mode/.test(n)), ['agent_phones_mode', 'agent_phones_registration_mode']);
        const refused = (check: string, statement: string) =>
          assert.rejects(sql.raw(statement).execute(db), (e: Error) => e.message.includes(`"${check}"`), check);
        await refused('agent_phones_mode', `UPDATE agent_phones SET contact = NULL WHERE agent_id = '1002'`);
        await refused('agent_phones_mode', `UPDATE agent_phones SET contact = 'sip:1001@desk.example' WHERE operation_id = '0001' AND agent_id = '1001'`);
        await refused('agent_phones_registration_mode', `UPDATE agent_phones SET registered_contact = 'sip:x@127.0.0.1', registered_given = 'sip:x@127.0.0.1',
          registered_transport = 'udp', registered_address = '127.0.0.1', registered_port = 5060, registered_at = now(), registered_until = now() WHERE agent_id = '1002'`);
      } finally {
        await database.close();
        if (kind === 'postgres') await dropSchema(schema);
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
        assert.equal(await store.passwordHa1('0001', '1001'), SECRET_HA1);
        for (const [op, agent] of [['0001', '1002'], ['0001', '1003'], ['0002', '1001'], ['0001', '9999']]) {
          assert.equal(await store.passwordHa1(op!, agent!), undefined, `${op}-${agent}: no phone set to register`);
        }
        const now = p.clock.now();
        const binding = {
          operationId: '0001', agentId: '1001', contact: 'sip:0001-1001@127.0.0.77:40123', given: 'sip:0001-1001@127.0.0.78:5060',
          source: { transport: 'udp' as const, address: '127.0.0.77', port: 40123 }, expiresAt: now + 120_000, userAgent: 'Softphone 1.0',
        };
        assert.equal(await store.register({ ...binding, agentId: '1002' }, SECRET_HA1, now), false, 'a phone with a fixed contact does not register');
        assert.equal(await store.register(binding, agentPhoneHa1('0001', '1001', 'not-the-password'), now), false, 'the password changed since it was checked');
        assert.equal(await store.register(binding, SECRET_HA1, now), true);
        assert.equal(await store.register({ ...binding, expiresAt: now + 180_000 }, SECRET_HA1, now), true, 'a refresh');
        assert.deepEqual(await store.binding('0001', '1001', now), { ...binding, expiresAt: now + 180_000 });
        assert.deepEqual((await store.knownHosts(now)).sort(), ['127.0.0.77', 'carrier.example', 'desk-1002.example']);

        const shown = await v1(p, 'GET', '/v1/agents/1001/phone');
        assert.deepEqual(shown.json.registration, {
          contact: binding.contact, source: 'udp:127.0.0.77:40123', user_agent: 'Softphone 1.0',
          registered_at: new Date(now).toISOString(), expires_at: new Date(now + 180_000).toISOString(),
        });
        const read = await p.pacer.store.transaction((tx) => tx.agentPhones.get('0001', '1001', p.clock.now()));
        assert.deepEqual(read, { mode: 'registration', registered: { contact: binding.contact, until: now + 180_000 } });

        // Expired on the engine's clock: not shown, not called, no longer a known peer.
        await p.clock.advance(180_000);
        assert.equal((await v1(p, 'GET', '/v1/agents/1001/phone')).json.registration, null);
        const expired = await p.pacer.store.transaction((tx) => tx.agentPhones.get('0001', '1001', p.clock.now()));
        assert.deepEqual(expired, { mode: 'registration', registered: null });
        assert.deepEqual((await store.knownHosts(p.clock.now())).sort(), ['carrier.example', 'desk-1002.example']);

        // Registered again, then unregistered: by another device's contact nothing happens; by its own it goes.
        const later = p.clock.now();
        assert.equal(await store.register({ ...binding, expiresAt: later + 60_000 }, SECRET_HA1, later), true);
        assert.equal(await store.unregister('0001', '1001', later, 'sip:other@127.0.0.9'), undefined);
        assert.equal((await store.unregister('0001', '1001', later, binding.given))?.contact, binding.contact);
        assert.equal(await store.binding('0001', '1001', later), undefined);

        // Changing the phone clears its registration (the same password set again too).
        assert.equal(await store.register({ ...binding, expiresAt: later + 60_000 }, SECRET_HA1, later), true);
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
        for (const secret of [SECRET, SECRET_HA1]) assert.ok(!events.body.includes(secret));
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
        const ha1s = [SECRET_HA1, agentPhoneHa1('0001', '1002', `${SECRET}-500-3`)];
        for (const line of lines) assert.ok(!line.includes(SECRET) && !ha1s.some((h) => line.includes(h)), `a password or an HA1 was logged: ${line}`);
      } finally {
        await p.close();
      }
    });
  });
}

after(stopSharedEmbedded);
