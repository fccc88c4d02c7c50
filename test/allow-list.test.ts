// The IP allow-list: once an operation has a live address, its tokens are refused from any other,
// on the wolkvox face and the native one alike (console sessions are not tokens: they are not
// held to it). Temporary entries end after 24 hours on the virtual clock; behind a proxy, only
// PACER_TRUST_PROXY makes X-Forwarded-For the address. On both stores.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { canonicalAddress } from '../src/domain/allow-list.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { stopSharedEmbedded, storeKinds } from './support/stores.ts';
import { withPacer } from './support/campaign.ts';
import { conf, done, info, native, refusedWith, rows } from './support/wolkvox-files.ts';

after(stopSharedEmbedded);

const office = '203.0.113.7';
const notAllowed = (address: string) =>
  `THE IP ADDRESS IS NOT ALLOWED FOR THIS OPERATION: ${address} (register it with configuration.php?api=add_ip or POST /v1/allowed-addresses)`;
const ipFields = ['operation', 'ip', 'last_use', 'type_ip', 'description'];

for (const { kind, skip } of await storeKinds()) {
  describe(`IP allow-list on ${kind}`, { skip }, () => {
    test('add_ip: tokens refused from any other address on both faces; remove_ip opens them again', () => withPacer(kind, async (p) => {
      // With no address registered, any address is admitted.
      rows(await info(p, 'get_ip', {}, { from: '198.51.100.1' }), '200', ipFields, '0 records were found');
      done(await conf(p, 'POST', 'add_ip', { ip: office, permanent: 'yes', description: 'Office' }), '201', `IP: ${office} has been added successfully`);
      // Now the caller's own 127.0.0.1 is refused: on wolkvox…
      refusedWith(await info(p, 'agents'), 403, notAllowed('127.0.0.1'));
      const agentbox = await p.call({ method: 'POST', url: '/api/v2/agentbox.php?api=change_status&agent_id=1001&status=ready', headers: { 'wolkvox-token': 'test-token-0001' }, remoteAddress: '127.0.0.1' });
      assert.deepEqual(agentbox.json, { code: '403', error: 'FORBIDDEN', msg: notAllowed('127.0.0.1') });
      // …and on the native face.
      const refusedNative = await native(p, 'GET', '/v1/agents');
      assert.equal(refusedNative.status, 403);
      assert.deepEqual(refusedNative.json.error, { code: 'ADDRESS_NOT_ALLOWED', status: 403, message: notAllowed('127.0.0.1') });
      // From the registered address, both faces answer; its last use is noted.
      await p.clock.advance(60_000);
      const listed = rows(await info(p, 'get_ip', {}, { from: office }), '200', ipFields);
      assert.deepEqual(listed, [{ operation: '0001', ip: office, last_use: '2026-03-02 10:01:00', type_ip: 'permanente', description: 'Office' }]);
      assert.equal((await native(p, 'GET', '/v1/agents', undefined, { from: office })).status, 200);
      // An IPv4-mapped IPv6 address is the IPv4 one.
      assert.equal((await native(p, 'GET', '/v1/agents', undefined, { from: `::ffff:${office}` })).status, 200);
      done(await conf(p, 'DELETE', 'remove_ip', { ip: office }, {}, { from: office }), '202', `IP: ${office} has been deleted successfully`);
      assert.equal((await native(p, 'GET', '/v1/agents')).status, 200);
    }));

    test('add_ip and remove_ip refusals: already registered 404, invalid 406, not registered 404; at most 5 permanent', () => withPacer(kind, async (p) => {
      done(await conf(p, 'POST', 'add_ip', { ip: '127.0.0.1' }), '201', 'IP: 127.0.0.1 has been added successfully');
      refusedWith(await conf(p, 'POST', 'add_ip', { ip: '127.0.0.1' }), 404, 'IP: 127.0.0.1 is already registered');
      refusedWith(await conf(p, 'POST', 'add_ip', { ip: '300.1.1.1' }), 406, 'IP: 300.1.1.1 is not a valid IP address (one IPv4 or IPv6 address)');
      refusedWith(await conf(p, 'POST', 'add_ip', { ip: '10.0.0.0/8' }), 406, /is not a valid IP address/);
      refusedWith(await conf(p, 'DELETE', 'remove_ip', { ip: '192.0.2.1' }), 404, 'IP: 192.0.2.1 is not registered');
      refusedWith(await conf(p, 'DELETE', 'remove_ip', { ip: 'localhost' }), 406, /is not a valid IP address/);
      for (let i = 1; i <= 5; i++) done(await conf(p, 'POST', 'add_ip', { ip: `192.0.2.${i}`, permanent: 'yes' }), '201', `IP: 192.0.2.${i} has been added successfully`);
      refusedWith(await conf(p, 'POST', 'add_ip', { ip: '192.0.2.6', permanent: 'yes' }), 409, /already has 5 permanent IP addresses/);
      const listed = rows(await info(p, 'get_ip'), '200', ipFields);
      assert.deepEqual(listed.map((r) => `${r.ip} ${r.type_ip}`), ['127.0.0.1 temporal', '192.0.2.1 permanente', '192.0.2.2 permanente', '192.0.2.3 permanente', '192.0.2.4 permanente', '192.0.2.5 permanente']);
    }));

    test('a temporary address lasts 24 hours; then, with no live address left, tokens are admitted from anywhere', () => withPacer(kind, async (p) => {
      const added = await native(p, 'POST', '/v1/allowed-addresses', { address: office, description: 'Laptop' });
      assert.equal(added.status, 201);
      assert.deepEqual(added.json, {
        address: office, description: 'Laptop', permanent: false, created_at: '2026-03-02T15:00:00.000Z', expires_at: '2026-03-03T15:00:00.000Z', last_used_at: null,
      });
      assert.equal((await native(p, 'GET', '/v1/agents')).status, 403);
      // A day of the dialer's and the schedulers' idle beats is not what this tests: only requests run.
      await p.pacer.engine.stop();
      await p.clock.advance(24 * 3600_000 - 1000);
      assert.equal((await native(p, 'GET', '/v1/agents')).status, 403);
      await p.clock.advance(1000);
      assert.equal((await native(p, 'GET', '/v1/agents')).status, 200);
      assert.deepEqual((await native(p, 'GET', '/v1/allowed-addresses')).json, { data: [] });
    }));

    test('console sessions are not held to the list; the native routes are the admin\'s', () => withPacer(kind, async (p) => {
      const user = await native(p, 'POST', '/v1/users', { username: 'boss', password: 'long enough', role: 'admin' });
      assert.equal(user.status, 201);
      assert.equal((await native(p, 'POST', '/v1/allowed-addresses', { address: office, permanent: true })).status, 201);
      const signedIn = await p.call({ method: 'POST', url: '/v1/session', payload: { username: 'boss', password: 'long enough' }, remoteAddress: '127.0.0.1' });
      assert.equal(signedIn.statusCode, 200);
      const cookie = String(signedIn.headers['set-cookie']).split(';')[0] ?? '';
      const list = await p.call({ method: 'GET', url: '/v1/allowed-addresses', headers: { cookie }, remoteAddress: '127.0.0.1' });
      assert.equal(list.statusCode, 200);
      assert.equal((list.json.data as unknown[]).length, 1);
      // The console can take the list away again (a way back in for an admin locked out).
      const csrf = String(signedIn.json.csrf_token);
      const removed = await p.call({ method: 'DELETE', url: `/v1/allowed-addresses/${office}`, headers: { cookie, 'x-csrf-token': csrf }, remoteAddress: '127.0.0.1' });
      assert.equal(removed.statusCode, 204);
    }));

    test('behind a proxy: X-Forwarded-For counts only from the proxies of PACER_TRUST_PROXY', async () => {
      const forwarded = { 'x-forwarded-for': office };
      await withPacer(kind, async (p) => {
        assert.equal((await native(p, 'POST', '/v1/allowed-addresses', { address: office, permanent: true })).status, 201);
        // Not trusted by default: a client could name any address.
        assert.equal((await native(p, 'GET', '/v1/agents', undefined, { headers: forwarded })).status, 403);
      });
      await withPacer(kind, async (p) => {
        assert.equal((await native(p, 'POST', '/v1/allowed-addresses', { address: office, permanent: true }, { headers: forwarded })).status, 201);
        assert.equal((await native(p, 'GET', '/v1/agents', undefined, { headers: forwarded })).status, 200);
        refusedWith(await info(p, 'agents', {}, { from: '127.0.0.1' }), 403, notAllowed('127.0.0.1'));
        // A proxy Pacer does not trust is the client itself.
        assert.equal((await native(p, 'GET', '/v1/agents', undefined, { headers: forwarded, from: '192.0.2.50' })).status, 403);
        // The audit log names the client, not the proxy.
        const log = await native(p, 'GET', '/v1/audit-log', undefined, { headers: forwarded });
        assert.deepEqual((log.json.data as { action: string; address: string }[]).map((e) => [e.action, e.address]), [['allowed_address.add', office]]);
      }, { PACER_TRUST_PROXY: '127.0.0.1' });
    });
  });
}

// Registered after the store suites: the file's `after` hook must not run before they exist.
test('an address is one IPv4 or IPv6 address, written one way', () => {
  assert.equal(canonicalAddress(' 203.0.113.7 '), '203.0.113.7');
  assert.equal(canonicalAddress('::ffff:203.0.113.7'), '203.0.113.7');
  assert.equal(canonicalAddress('2001:DB8:0:0:0:0:0:1'), '2001:db8::1');
  for (const bad of ['', '203.0.113', '203.0.113.256', '10.0.0.0/8', 'localhost', '127.1', '0x7f.0.0.1', 'fe80::1%eth0', '[::1]']) {
    assert.equal(canonicalAddress(bad), undefined, bad);
  }
});

test('PACER_TRUST_PROXY lists proxies; anything else stops Pacer with a message', () => {
  assert.deepEqual(loadConfig({}).trustProxy, []);
  assert.deepEqual(loadConfig({ PACER_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy, ['127.0.0.1', '10.0.0.0/8', '::1']);
  for (const bad of ['true', '1', 'proxy.example']) assert.throws(() => loadConfig({ PACER_TRUST_PROXY: bad }), ConfigError, bad);
});
