// The domain of SIP trunks and agent phones (src/domain/sip-uri.ts, trunk.ts, agent-phone.ts):
// which URIs are taken and how they are kept, which addresses are refused (PACER_SIP_ALLOW_PRIVATE),
// each field's rule with the refusal naming the field, and the number and Request-URI a trunk
// dials for a phone. Pure: nothing here opens a socket. Every address a URI here names is on
// 127.x, a .example/.invalid name, or one no host answers at (documentation, multicast, broadcast,
// unspecified). Loopback is refused without PACER_SIP_ALLOW_PRIVATE like every non-public range, with
// the same sentence; which addresses are private or link-local is proven, without a SIP URI, by
// test/network-address.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readAgentPhone } from '../src/domain/agent-phone.ts';
import { formatSipUri, parseSipUri, readSipPeer } from '../src/domain/sip-uri.ts';
import { applyTrunkChange, trunkDial, trunkNumber, type TrunkSettings } from '../src/domain/trunk.ts';

const remedy = /: SIP peers are public addresses; set PACER_SIP_ALLOW_PRIVATE=true when trunks and phones are on a private network$/;

test('SIP URIs: what is taken, and how it is kept', () => {
  const kept: [string, string][] = [
    ['sip:carrier.example:5060;transport=udp', 'sip:carrier.example:5060;transport=udp'],
    ['SIP:Carrier.Example;Transport=TCP', 'sip:carrier.example;transport=tcp'],
    ['sips:sbc.carrier.example', 'sips:sbc.carrier.example'],
    ['sips:sbc.carrier.example:5061;transport=tls', 'sips:sbc.carrier.example:5061;transport=tls'],
    ['sip:trunk.invalid;transport=tls', 'sip:trunk.invalid;transport=tls'],
    ['sip:127.0.0.1:5080', 'sip:127.0.0.1:5080'],
    ['sip:[0:0:0:0:0:0:0:1]:5060', 'sip:[::1]:5060'],
  ];
  for (const [text, canonical] of kept) {
    const read = parseSipUri(text, 'uri', false);
    assert.ok(read.ok, `${text}: ${read.ok ? '' : read.message}`);
    assert.equal(formatSipUri(read.uri), canonical);
  }
  const contact = parseSipUri('sip:1001@127.0.0.2:5062', 'contact', true);
  assert.deepEqual(contact.ok && contact.uri, { scheme: 'sip', user: '1001', host: '127.0.0.2', hostKind: 'ipv4', port: 5062, transport: null });
});

test('SIP URIs: what Pacer cannot honour is refused, naming the field and the part', () => {
  const refused: [string, RegExp][] = [
    ['', /^uri must be a SIP URI/], ['http://carrier.example', /^uri must be a SIP URI/], ['tel:+573001234567', /^uri must be a SIP URI/],
    ['sip:', /^uri has no host/], ['sip:carrier.example:0', /^uri port must be a number from 1 to 65535/],
    ['sip:carrier.example:65536', /^uri port/], ['sip:carrier.example:', /^uri port/], ['sip:carrier.example:50a', /^uri port/],
    ['sip:user@carrier.example', /^uri must not have a user part/],
    ['sip:user:secret@carrier.example', /^uri must not carry a password/],
    ['sip:carrier.example;lr', /^uri parameter ";lr" is not supported: the only parameter Pacer honours is ;transport=udp\|tcp\|tls$/],
    ['sip:carrier.example;maddr=127.0.0.1', /^uri parameter ";maddr" is not supported/],
    ['sip:carrier.example;user=phone', /^uri parameter ";user" is not supported/],
    ['sip:carrier.example;transport=sctp', /^uri transport must be udp, tcp or tls$/],
    ['sip:carrier.example;transport', /^uri transport must be udp, tcp or tls$/],
    ['sip:carrier.example;transport=udp;transport=tcp', /^uri gives ;transport twice$/],
    ['sips:carrier.example;transport=udp', /^uri is a sips URI, which needs TLS/],
    ['sip:carrier.example?X-Foo=1', /^uri must not carry headers/],
    ['sip:carrier_1.example', /^uri host "carrier_1\.example" is neither a host name/],
    ['sip:carrier.example.', /^uri host/], ['sip:-carrier.example', /^uri host/],
    // Forms resolvers read as addresses are not names: 127.1, 2130706433, 0x7f.1, 0177.0.0.1.
    ['sip:127.1', /^uri host "127\.1" is neither/], ['sip:2130706433', /^uri host "2130706433"/],
    ['sip:0x7f.1', /^uri host/], ['sip:0177.0.0.1', /^uri host/],
    ['sip:[::1', /^uri has an IPv6 address without its closing \]/], ['sip:[::1%25lo]', /^uri has "\[::1%25lo\]" in brackets, which is no IPv6 address/],
    ['sip:[carrier.example]', /which is no IPv6 address/], ['sip:[::1]x', /^uri has something after its IPv6 address/],
    [`sip:${'a'.repeat(250)}.example`, /^uri must be at most 255 characters$/],
  ];
  for (const [text, message] of refused) {
    const read = parseSipUri(text, 'uri', false);
    assert.equal(read.ok, false, text);
    assert.match(read.ok ? '' : read.message, message, text);
  }
  const password = parseSipUri('sip:user:hunter2hunter2@carrier.example', 'contact', true);
  assert.ok(!password.ok && !password.message.includes('hunter2'), 'a password in a URI is not echoed');
  assert.equal(parseSipUri('sip:us"er@carrier.example', 'contact', true).ok, false, 'a quote is no user character');
});

test('SIP peers: non-public addresses and local names are refused unless PACER_SIP_ALLOW_PRIVATE; multicast, broadcast and unspecified always', () => {
  const privateOnes: [string, RegExp][] = [
    ['sip:127.0.0.1', /^uri points at a loopback address \(127\.0\.0\.1\)/],
    ['sip:[::1]', /^uri points at a loopback address \(::1\)/],
    ['sip:[::ffff:127.0.0.1]', /loopback address \(::ffff:7f00:1, an IPv6 form of 127\.0\.0\.1\)/],
    ['sip:127.1.2.3:5060', /^uri points at a loopback address \(127\.1\.2\.3\)/],
    ['sip:127.0.0.10', /a loopback address/], ['sip:127.255.255.254;transport=tcp', /a loopback address/],
    ['sip:[::ffff:7f00:3]', /a loopback address \(::ffff:7f00:3, an IPv6 form of 127\.0\.0\.3\)/],
    ['sip:192.0.2.10', /a reserved address/],
    ['sip:localhost', /^uri names localhost, this host/], ['sip:pbx.local', /multicast DNS/], ['sip:sbc.internal', /private-use name/],
    ['sip:asterisk:5060', /^uri names asterisk, a name without a dot/],
  ];
  for (const [text, message] of privateOnes) {
    const refused = readSipPeer(text, 'uri', { userAllowed: false, allowPrivate: false });
    assert.match(refused.ok ? '' : refused.message, message, text);
    assert.match(refused.ok ? '' : refused.message, remedy, text);
    assert.ok(readSipPeer(text, 'uri', { userAllowed: false, allowPrivate: true }).ok, `${text} with private peers allowed`);
  }
  for (const [text, message] of [
    ['sip:224.0.0.1', /^uri points at a multicast address \(224\.0\.0\.1\), which is never a SIP peer$/],
    ['sip:[ff02::1]', /multicast address/], ['sip:255.255.255.255', /broadcast address/],
    ['sip:0.0.0.0:5060', /an unspecified address \(0\.0\.0\.0\)/], ['sip:[::]', /an unspecified address \(::\)/],
  ] as [string, RegExp][]) {
    for (const allowPrivate of [false, true]) {
      const refused = readSipPeer(text, 'uri', { userAllowed: false, allowPrivate });
      assert.match(refused.ok ? '' : refused.message, message, `${text} (allowPrivate ${allowPrivate})`);
    }
  }
  // A name is judged here by its form only; where it resolves is checked when a call resolves it.
  for (const text of ['sip:carrier.example', 'sip:localhost.example', 'sips:trunk.invalid:5061']) {
    assert.ok(readSipPeer(text, 'uri', { userAllowed: false, allowPrivate: false }).ok, text);
  }
});

const trunk = (change: Parameters<typeof applyTrunkChange>[1], allowPrivate = false) => applyTrunkChange(undefined, change, allowPrivate);

test('trunk fields: defaults, and every refusal names its field', () => {
  const made = trunk({ uri: 'sip:carrier.example' });
  assert.deepEqual(made.ok && made.settings, {
    uri: 'sip:carrier.example', username: null, password: null, callerId: null, maxCalls: null, prefix: '', strip: 0, ringTimeoutS: 30,
  });
  const full = trunk({ uri: 'sip:127.0.0.1:5080;transport=tcp', username: 'acme', password: 's3cret!', callerId: '+5716001234', maxCalls: 30, prefix: '*9#', strip: 2, ringTimeoutS: 45 }, true);
  assert.ok(full.ok);
  const refusals: [Parameters<typeof applyTrunkChange>[1], string, RegExp][] = [
    [{}, 'uri', /^uri is required$/],
    [{ uri: null }, 'uri', /^uri is required$/],
    [{ uri: 'sip:127.0.0.9' }, 'uri', /^uri points at a loopback address/],
    [{ uri: 'sip:a@carrier.example' }, 'uri', /^uri must not have a user part/],
    [{ uri: 'sip:carrier.example', username: 'acme' }, 'password', /^password is required with username/],
    [{ uri: 'sip:carrier.example', password: 'x' }, 'username', /^username is required with password/],
    [{ uri: 'sip:carrier.example', username: '', password: 'x' }, 'username', /^username must be 1 to 128 characters/],
    [{ uri: 'sip:carrier.example', username: 'ac"me', password: 'x' }, 'username', /quotes or backslashes/],
    [{ uri: 'sip:carrier.example', username: 'acme', password: 'x'.repeat(129) }, 'password', /^password must be 1 to 128 characters/],
    [{ uri: 'sip:carrier.example', username: 'acme', password: 'a\tb' }, 'password', /^password must be/],
    [{ uri: 'sip:carrier.example', callerId: '12' }, 'callerId', /^caller_id must be 3 to 20 digits, with an optional leading \+$/],
    [{ uri: 'sip:carrier.example', callerId: '+57-1-600' }, 'callerId', /^caller_id/],
    [{ uri: 'sip:carrier.example', callerId: '1'.repeat(21) }, 'callerId', /^caller_id/],
    [{ uri: 'sip:carrier.example', maxCalls: 0 }, 'maxCalls', /^max_calls must be an integer from 1 to 10000/],
    [{ uri: 'sip:carrier.example', maxCalls: 10_001 }, 'maxCalls', /^max_calls/], [{ uri: 'sip:carrier.example', maxCalls: 1.5 }, 'maxCalls', /^max_calls/],
    [{ uri: 'sip:carrier.example', prefix: '12345678901' }, 'prefix', /^prefix must be at most 10 digits, # or \*$/],
    [{ uri: 'sip:carrier.example', prefix: '+57' }, 'prefix', /^prefix/],
    [{ uri: 'sip:carrier.example', strip: -1 }, 'strip', /^strip must be an integer from 0 to 10/], [{ uri: 'sip:carrier.example', strip: 11 }, 'strip', /^strip/],
    [{ uri: 'sip:carrier.example', ringTimeoutS: 4 }, 'ringTimeoutS', /^ring_timeout_s must be an integer from 5 to 300/],
    [{ uri: 'sip:carrier.example', ringTimeoutS: 301 }, 'ringTimeoutS', /^ring_timeout_s/],
  ];
  for (const [change, field, message] of refusals) {
    const read = trunk(change);
    assert.equal(read.ok, false, JSON.stringify(change));
    if (read.ok) continue;
    assert.equal(read.field, field, JSON.stringify(change));
    assert.match(read.message, message, JSON.stringify(change));
  }
});

test('a trunk change keeps what it does not name; null clears to the default; the credentials stay a pair', () => {
  const base = trunk({ uri: 'sip:carrier.example', username: 'acme', password: 'old', callerId: '6001234', maxCalls: 5, prefix: '9', strip: 1, ringTimeoutS: 20 });
  assert.ok(base.ok);
  const changed = applyTrunkChange(base.settings, { password: 'new', ringTimeoutS: null, prefix: null, maxCalls: null }, false);
  assert.deepEqual(changed.ok && changed.settings, { ...base.settings, password: 'new', ringTimeoutS: 30, prefix: '', maxCalls: null });
  const cleared = applyTrunkChange(base.settings, { username: null, password: null }, false);
  assert.deepEqual(cleared.ok && [cleared.settings.username, cleared.settings.password], [null, null]);
  const half = applyTrunkChange(base.settings, { username: null }, false);
  assert.deepEqual(!half.ok && half.field, 'username');
  const moved = applyTrunkChange(base.settings, { uri: 'sip:127.0.0.9' }, false);
  assert.deepEqual(!moved.ok && moved.field, 'uri');
});

test('the number a trunk dials for a phone: strip, then prefix; and its Request-URI', () => {
  const t = (prefix: string, strip: number) => ({ prefix, strip });
  assert.deepEqual(trunkNumber(t('', 0), '3001234567'), { ok: true, number: '3001234567' });
  assert.deepEqual(trunkNumber(t('', 0), '+573001234567'), { ok: true, number: '+573001234567' });
  assert.deepEqual(trunkNumber(t('', 2), '573001234567'), { ok: true, number: '3001234567' });
  assert.deepEqual(trunkNumber(t('', 2), '+573001234567'), { ok: true, number: '3001234567' });
  assert.deepEqual(trunkNumber(t('00', 0), '+573001234567'), { ok: true, number: '00573001234567' });
  assert.deepEqual(trunkNumber(t('9', 0), '3001234567'), { ok: true, number: '93001234567' });
  assert.deepEqual(trunkNumber(t('*31#', 1), '03001234567'), { ok: true, number: '*31#3001234567' });
  assert.deepEqual(trunkNumber(t('', 3), '123'), { ok: false, reason: '123 has 3 digits and the trunk strips 3: nothing would be left to dial' });
  assert.equal(trunkNumber(t('', 0), '300-123').ok, false);

  const settings = (uri: string, prefix = '', strip = 0): TrunkSettings => ({ uri, username: null, password: null, callerId: null, maxCalls: null, prefix, strip, ringTimeoutS: 30 });
  assert.deepEqual(trunkDial(settings('sip:carrier.example:5060;transport=udp', '', 2), '573001234567', false),
    { ok: true, number: '3001234567', requestUri: 'sip:3001234567@carrier.example:5060;transport=udp' });
  assert.deepEqual(trunkDial(settings('sips:carrier.example'), '+573001234567', false),
    { ok: true, number: '+573001234567', requestUri: 'sips:+573001234567@carrier.example' });
  assert.deepEqual(trunkDial(settings('sip:127.0.0.1:5080;transport=tcp', '*9#'), '3001234567', true),
    { ok: true, number: '*9#3001234567', requestUri: 'sip:*9%233001234567@127.0.0.1:5080;transport=tcp' });
  assert.deepEqual(trunkDial(settings('sip:[::1]:5070'), '3001234567', true),
    { ok: true, number: '3001234567', requestUri: 'sip:3001234567@[::1]:5070' });
  // A trunk made while private peers were allowed is refused at call time once they are not.
  const refused = trunkDial(settings('sip:127.0.0.1:5080'), '3001234567', false);
  assert.match(refused.ok ? '' : refused.reason, /^the trunk cannot be used: uri points at a loopback address/);
});

test('agent phones: exactly one of password or contact; each checked, naming its field', () => {
  assert.deepEqual(readAgentPhone({ password: 'correct horse' }, false), { ok: true, phone: { mode: 'registration', password: 'correct horse' } });
  assert.deepEqual(readAgentPhone({ contact: 'SIP:1001@Phone.Example:5060' }, false), { ok: true, phone: { mode: 'contact', contact: 'sip:1001@phone.example:5060' } });
  assert.deepEqual(readAgentPhone({ contact: 'sip:1001@127.0.0.1:5062;transport=tcp' }, true), { ok: true, phone: { mode: 'contact', contact: 'sip:1001@127.0.0.1:5062;transport=tcp' } });
  const refusals: [Parameters<typeof readAgentPhone>[0], boolean, RegExp][] = [
    [{}, false, /^password or contact is required/],
    [{ password: 'long enough', contact: 'sip:1001@phone.example' }, false, /^password and contact exclude each other/],
    [{ password: 'short' }, false, /^password must be 8 to 128 characters/],
    [{ password: 'p'.repeat(129) }, false, /^password must be 8 to 128/],
    [{ password: 'line\nbreak!' }, false, /^password must be/],
    [{ password: 12345678 }, false, /^password must be/],
    [{ contact: 'sip:1001@127.1.2.3:5060' }, false, /^contact points at a loopback address \(127\.1\.2\.3\)/],
    [{ contact: 'sip:1001@127.0.0.1' }, false, /^contact points at a loopback address/],
    [{ contact: 'sip:1001@224.0.0.1' }, true, /^contact points at a multicast address/],
    [{ contact: 'sip:1001:pw@phone.example' }, false, /^contact must not carry a password/],
    [{ contact: 'sip:1001@phone.example;ob' }, false, /^contact parameter ";ob" is not supported/],
    [{ contact: 'phone.example' }, false, /^contact must be a SIP URI/],
    [{ contact: 42 }, false, /^contact must be a SIP URI$/],
  ];
  for (const [request, allowPrivate, message] of refusals) {
    const read = readAgentPhone(request, allowPrivate);
    assert.match(read.ok ? '' : read.message, message, JSON.stringify(request));
  }
  const short = readAgentPhone({ password: 'hunter2' }, false);
  assert.ok(!short.ok && !short.message.includes('hunter2'), 'a refused password is not echoed');
});
