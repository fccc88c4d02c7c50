// SIP trunks through the native API (/v1/trunks), on both stores: the whole round trip, the default
// trunk, every refusal naming its field, the address rule (PACER_SIP_ALLOW_PRIVATE), the limit of 20,
// and the password: never in an answer, a list, an event or an idempotent replay, and forgotten
// when its trunk is deleted. Every URI is on 127.x or a .example/.invalid name.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { operationLimits } from '../src/domain/operation-limits.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { testPacer, TOKEN, type TestPacer } from './support/pacer.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const SECRET = 'trunk-Secret-8f3a1c';

async function v1(p: TestPacer, method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await p.call({ method, url, headers: { authorization: `Bearer ${TOKEN}`, ...headers }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  return { status: r.statusCode, json: r.json as Record<string, any>, body: r.body, headers: r.headers };
}

const events = async (p: TestPacer, prefix: string) =>
  (await p.pacer.database.db.selectFrom('events').select(['type', 'data']).where('type', 'like', `${prefix}%`).orderBy('id').execute());

for (const { kind, skip } of await storeKinds()) {
  describe(`trunks on ${kind}`, { skip }, () => {
    test('create, list, get, change, delete; the first is the default; the password is never answered, in an event or a replay', async () => {
      const p = await testPacer(kind);
      try {
        const first = await v1(p, 'POST', '/v1/trunks', {
          uri: 'SIP:Carrier.Example:5060;transport=UDP', username: 'acme', password: SECRET, caller_id: '+5716001234', max_calls: 30, prefix: '9', strip: 2, ring_timeout_s: 45,
        });
        assert.equal(first.status, 201, first.body);
        const { id, created_at, updated_at, ...rest } = first.json;
        assert.match(String(id), /^\d+$/);
        assert.equal(created_at, new Date(p.clock.now()).toISOString());
        assert.equal(updated_at, created_at);
        assert.deepEqual(rest, {
          uri: 'sip:carrier.example:5060;transport=udp', username: 'acme', has_password: true, caller_id: '+5716001234', max_calls: 30,
          prefix: '9', strip: 2, ring_timeout_s: 45, default: true,
        });
        const second = await v1(p, 'POST', '/v1/trunks', { uri: 'sips:backup.carrier.invalid' });
        assert.equal(second.status, 201, second.body);
        assert.deepEqual([second.json.default, second.json.has_password, second.json.username, second.json.max_calls, second.json.prefix, second.json.strip, second.json.ring_timeout_s],
          [false, false, null, null, '', 0, 30]);

        const list = await v1(p, 'GET', '/v1/trunks');
        assert.deepEqual(list.json.data.map((t: any) => [t.id, t.default]), [[id, true], [second.json.id, false]]);
        assert.equal(list.json.next_cursor, null);
        const page1 = await v1(p, 'GET', '/v1/trunks?limit=1');
        assert.deepEqual([page1.json.data.length, page1.json.next_cursor], [1, id]);
        const page2 = await v1(p, 'GET', `/v1/trunks?limit=1&cursor=${String(id)}`);
        assert.deepEqual([page2.json.data[0].id, page2.json.next_cursor], [second.json.id, null]);
        assert.deepEqual((await v1(p, 'GET', `/v1/trunks/${String(id)}`)).json, first.json);

        await p.clock.advance(60_000);
        const changed = await v1(p, 'PATCH', `/v1/trunks/${String(id)}`, { password: `${SECRET}-2`, caller_id: null, ring_timeout_s: 60 });
        assert.equal(changed.status, 200, changed.body);
        assert.deepEqual([changed.json.has_password, changed.json.username, changed.json.caller_id, changed.json.ring_timeout_s, changed.json.default],
          [true, 'acme', null, 60, true]);
        assert.equal(changed.json.updated_at, new Date(p.clock.now()).toISOString());
        // The same values again are no change: no event, no new updated_at.
        await p.clock.advance(60_000);
        const same = await v1(p, 'PATCH', `/v1/trunks/${String(id)}`, { ring_timeout_s: 60, caller_id: null });
        assert.deepEqual([same.status, same.json.updated_at], [200, changed.json.updated_at]);
        const cleared = await v1(p, 'PATCH', `/v1/trunks/${String(second.json.id)}`, { max_calls: 5, uri: 'sip:127.0.0.1' });
        assert.equal(cleared.status, 400, 'a change is checked like a create');

        assert.equal((await v1(p, 'DELETE', `/v1/trunks/${String(id)}`)).status, 204);
        const gone = await v1(p, 'GET', `/v1/trunks/${String(id)}`);
        assert.deepEqual([gone.status, gone.json.error.code, gone.json.error.message], [404, 'TRUNK_NOT_FOUND', `Trunk ${String(id)} does not exist`]);
        assert.equal((await v1(p, 'PATCH', `/v1/trunks/${String(id)}`, { strip: 1 })).status, 404);
        assert.equal((await v1(p, 'DELETE', `/v1/trunks/${String(id)}`)).status, 404);
        assert.equal((await v1(p, 'GET', '/v1/trunks/not-a-number')).status, 404);
        const after = await v1(p, 'GET', '/v1/trunks');
        assert.deepEqual(after.json.data.map((t: any) => [t.id, t.default]), [[second.json.id, true]], 'the next trunk is the default now');
        // The deleted trunk stays for the history of its calls, its credentials forgotten.
        const row = await p.pacer.database.db.selectFrom('trunks').select(['username', 'password', 'deleted_at']).where('id', '=', String(id)).executeTakeFirstOrThrow();
        assert.deepEqual([row.username, row.password, row.deleted_at !== null], [null, null, true]);

        const told = await events(p, 'trunk.');
        assert.deepEqual(told.map((e) => e.type), ['trunk.created', 'trunk.created', 'trunk.changed', 'trunk.deleted']);
        assert.deepEqual((told[2]?.data as any).changed, ['password', 'caller_id', 'ring_timeout_s']);
        assert.deepEqual(told[3]?.data, { trunk_id: id, uri: 'sip:carrier.example:5060;transport=udp', default_trunk_id: second.json.id });
        assert.equal((told[0]?.data as any).has_password, true);

        // An idempotent create: the replay is the first answer, which never held the password.
        const key = { 'idempotency-key': 'trunk-create-1' };
        const made = await v1(p, 'POST', '/v1/trunks', { uri: 'sip:third.carrier.example', username: 'u3', password: `${SECRET}-3` }, key);
        const replay = await v1(p, 'POST', '/v1/trunks', { uri: 'sip:third.carrier.example', username: 'u3', password: `${SECRET}-3` }, key);
        assert.deepEqual([made.status, replay.status, replay.headers['idempotent-replayed'], replay.body], [201, 201, 'true', made.body]);
        const kept = await p.pacer.database.db.selectFrom('idempotency_keys').select('response').execute();
        assert.equal(kept.length, 1);

        // Nowhere a read reaches holds a password: answers, lists, events (stored and served).
        const served = await v1(p, 'GET', '/v1/events?type=trunk.');
        assert.equal(served.json.data.length, 5);
        for (const text of [first.body, second.body, list.body, changed.body, after.body, made.body, replay.body, served.body, JSON.stringify(told), JSON.stringify(kept)]) {
          assert.ok(!text.includes(SECRET), `a password was shown: ${text.slice(0, 300)}`);
        }
      } finally {
        await p.close();
      }
    });

    test('every refusal is a 400 naming its field; nothing is stored or told', async () => {
      const p = await testPacer(kind);
      try {
        const refusals: [Method, string, Record<string, unknown>, RegExp][] = [
          ['POST', '/v1/trunks', {}, /uri/],
          ['POST', '/v1/trunks', { uri: '' }, /uri/],
          ['POST', '/v1/trunks', { uri: 'carrier.example' }, /^uri must be a SIP URI/],
          ['POST', '/v1/trunks', { uri: 'sip:100@carrier.example' }, /^uri must not have a user part/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example;lr' }, /^uri parameter ";lr" is not supported/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example;transport=ws' }, /^uri transport must be udp, tcp or tls/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example:99999' }, /^uri port/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example', username: 'acme' }, /^password is required with username/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example', password: SECRET }, /^username is required with password/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example', username: 'a"b', password: SECRET }, /^username must be/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example', username: 'acme', password: '' }, /password/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example', caller_id: '12' }, /caller_id/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example', max_calls: 0 }, /max_calls/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example', max_calls: 10_001 }, /max_calls/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example', prefix: '+1' }, /prefix/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example', strip: 11 }, /strip/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example', ring_timeout_s: 4 }, /ring_timeout_s/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example', ring_timeout_s: 301 }, /ring_timeout_s/],
          ['POST', '/v1/trunks', { uri: 'sip:carrier.example', transport: 'udp' }, /^body must NOT have additional properties: transport$/],
          ['POST', '/v1/trunks', { uri: 'sip:127.0.0.1:5080' }, /^uri points at a loopback address \(127\.0\.0\.1\): .*PACER_SIP_ALLOW_PRIVATE=true/],
          ['POST', '/v1/trunks', { uri: 'sip:localhost' }, /^uri names localhost/],
        ];
        for (const [method, url, body, message] of refusals) {
          const r = await v1(p, method, url, body);
          assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.body}`);
          assert.equal(r.json.error.code, 'BAD_VALUE');
          assert.match(r.json.error.message, message, JSON.stringify(body));
          assert.ok(!r.body.includes(SECRET), 'a refusal does not echo the password');
        }
        const made = await v1(p, 'POST', '/v1/trunks', { uri: 'sip:carrier.example', username: 'acme', password: SECRET });
        const id = String(made.json.id);
        const changes: [Record<string, unknown>, RegExp][] = [
          [{}, /must NOT have fewer than 1 properties/],
          [{ uri: null }, /uri/], [{ username: null }, /^username is required with password/], [{ password: null }, /^password is required with username/],
          [{ caller_id: 'abc' }, /caller_id/], [{ max_calls: -1 }, /max_calls/], [{ strip: 'two' }, /strip/], [{ uri: 'sip:[fe80::1]' }, /^uri points at a link-local address/],
          [{ default: true }, /default/],
        ];
        for (const [body, message] of changes) {
          const r = await v1(p, 'PATCH', `/v1/trunks/${id}`, body);
          assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.body}`);
          assert.match(r.json.error.message, message, JSON.stringify(body));
        }
        assert.deepEqual((await v1(p, 'GET', `/v1/trunks/${id}`)).json, made.json, 'the refused changes changed nothing');
        assert.deepEqual((await events(p, 'trunk.')).map((e) => e.type), ['trunk.created']);
      } finally {
        await p.close();
      }
    });

    test('PACER_SIP_ALLOW_PRIVATE=true takes trunks on loopback; multicast and unspecified stay refused', async () => {
      const p = await testPacer(kind, { env: { PACER_SIP_ALLOW_PRIVATE: 'true' } });
      try {
        const made = await v1(p, 'POST', '/v1/trunks', { uri: 'sip:127.0.0.1:5080;transport=tcp' });
        assert.deepEqual([made.status, made.json.uri], [201, 'sip:127.0.0.1:5080;transport=tcp']);
        const v6 = await v1(p, 'POST', '/v1/trunks', { uri: 'sip:[::1]:5090' });
        assert.deepEqual([v6.status, v6.json.uri], [201, 'sip:[::1]:5090']);
        for (const uri of ['sip:0.0.0.0:5060', 'sip:224.0.0.1']) {
          const r = await v1(p, 'POST', '/v1/trunks', { uri });
          assert.deepEqual([r.status, /which is never a SIP peer$/.test(r.json.error.message)], [400, true], uri);
        }
      } finally {
        await p.close();
      }
    });

    test(`an operation holds at most ${operationLimits.trunks} trunks, however many creates race: then 409 LIMIT_REACHED; deleting one makes room`, async () => {
      const p = await testPacer(kind, { env: { PACER_NATIVE_RATE: '10000' } });
      try {
        const ids: string[] = [];
        for (let i = 1; i <= operationLimits.trunks - 5; i++) {
          const r = await v1(p, 'POST', '/v1/trunks', { uri: `sip:trunk${i}.carrier.example` });
          assert.equal(r.status, 201, r.body);
          ids.push(String(r.json.id));
        }
        // Ten creates at once for the last five places: creates of one operation take turns.
        const raced = await Promise.all(Array.from({ length: 10 }, (_, i) => v1(p, 'POST', '/v1/trunks', { uri: `sip:race${i}.carrier.example` })));
        assert.deepEqual(raced.map((r) => r.status).sort(), [201, 201, 201, 201, 201, 409, 409, 409, 409, 409]);
        ids.push(...raced.filter((r) => r.status === 201).map((r) => String(r.json.id)).sort((a, b) => Number(a) - Number(b)));
        const over = await v1(p, 'POST', '/v1/trunks', { uri: 'sip:one-too-many.carrier.example' });
        assert.deepEqual([over.status, over.json.error.code, over.json.error.message],
          [409, 'LIMIT_REACHED', 'Operation 0001 already has 20 trunks, the most it may: delete one first, or change one instead']);
        assert.equal((await v1(p, 'PATCH', `/v1/trunks/${ids[3] ?? ''}`, { uri: 'sip:renamed.carrier.example' })).status, 200, 'a change is always allowed');
        assert.equal((await v1(p, 'DELETE', `/v1/trunks/${ids[0] ?? ''}`)).status, 204);
        assert.equal((await v1(p, 'POST', '/v1/trunks', { uri: 'sip:after-a-delete.carrier.example' })).status, 201);
        const list = await v1(p, 'GET', '/v1/trunks?limit=500');
        assert.equal(list.json.data.length, operationLimits.trunks);
        assert.deepEqual(list.json.data.filter((t: any) => t.default).map((t: any) => t.id), [ids[1]]);
      } finally {
        await p.close();
      }
    });
  });
}

after(stopSharedEmbedded);
