// Pacer's registrar and its screening of requests from outside its dialogs, piece by piece and
// through the user agent on a stack with no network, on a virtual clock (nothing sleeps; every
// address is a loopback one, so nothing could leave the host even if sent): the
// registration user, the digest verifier (the RFC 2617 example, and the answers the vendored
// client computes), nonces (unguessable, bound to the address, stale after their life, no replay),
// expiry rules (423, the cap, unregistering), the NAT binding, 403s after the challenge, the block
// of an address that keeps failing, and the bounded trickle of 403s to strangers. The same rules
// against sipp and a real Pacer: test/sip-registration.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRegistrationUser, registrationRealm, registrationUser } from '../src/domain/registration-user.ts';
import { answerChallenge } from '../src/adapters/telephony/sip/auth.ts';
import { createNonces, digestResponse, readAuthorization, verifyDigest, type DigestAnswer } from '../src/adapters/telephony/sip/digest-server.ts';
import type { Remote, SipRequest, SipResponse } from '../src/adapters/telephony/sip/message.ts';
import { createOutside } from '../src/adapters/telephony/sip/outside.ts';
import type { PhoneBinding, RegistrarStore } from '../src/adapters/telephony/sip/registrar-store.ts';
import { bindingContact, sourceAddress } from '../src/adapters/telephony/sip/registrar.ts';
import { failureLimiter, tokenBucket } from '../src/adapters/telephony/sip/source-limits.ts';
import { createUserAgent } from '../src/adapters/telephony/sip/user-agent.ts';
import { vendoredSip } from '../src/adapters/telephony/sip/vendored.ts';
import { agentPhoneHa1, digestHa1 } from '../src/engine/telephony/digest-ha1.ts';
import { virtualClock } from '../src/engine/virtual-clock.ts';
import { fakeStack } from './support/sipp/fake-stack.ts';

const START = Date.parse('2026-03-02T15:00:00Z');
const PASSWORD = 'phone-Secret-77';

test('the registration user names the operation and the agent: <4 digits>-<1 to 12 digits>', () => {
  assert.deepEqual(parseRegistrationUser('0001-1001'), { operationId: '0001', agentId: '1001' });
  assert.deepEqual(parseRegistrationUser('9999-123456789012'), { operationId: '9999', agentId: '123456789012' });
  for (const bad of [undefined, '', '1001', '0001', '001-1001', '00001-1001', '0001-', '0001-1234567890123', '0001_1001', 'abcd-1001', '0001-10a1', ' 0001-1001', '0001-1001 ', 'admin']) {
    assert.equal(parseRegistrationUser(bad), undefined, String(bad));
  }
  assert.equal(registrationUser('0001', '1001'), '0001-1001');
  assert.equal(registrationRealm('0001'), '0001.pacer');
});

test('digest: the RFC 2617 example, and answers computed by the vendored client are verified; anything else is not', () => {
  // RFC 2617 §3.5. Pacer keeps only HA1 (MD5 of username, realm and password) and verifies with it.
  const rfc = { username: 'Mufasa', realm: 'testrealm@host.com', password: 'Circle Of Life', method: 'GET', uri: '/dir/index.html', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', nc: '00000001', cnonce: '0a4f113b' };
  const ha1 = digestHa1(rfc.username, rfc.realm, rfc.password);
  assert.equal(ha1, '939e7578ed9e3c518a452acee763bce9');
  assert.equal(digestResponse({ ...rfc, ha1 }), '6629fae49393a05397450978507c4ef1');
  const answer: DigestAnswer = { username: rfc.username, realm: rfc.realm, nonce: rfc.nonce, uri: rfc.uri, response: '6629fae49393a05397450978507c4ef1', qop: 'auth', nc: rfc.nc, cnonce: rfc.cnonce, algorithm: 'MD5' };
  assert.equal(verifyDigest(answer, 'GET', ha1), true);
  assert.equal(verifyDigest({ ...answer, response: answer.response.toUpperCase() }, 'GET', ha1), true, 'hex in either case');
  assert.equal(verifyDigest(answer, 'GET', digestHa1(rfc.username, rfc.realm, 'Circle of Life')), false, 'another password');
  assert.equal(verifyDigest(answer, 'GET', digestHa1(rfc.username, 'otherrealm@host.com', rfc.password)), false, 'another realm\'s HA1');
  assert.equal(verifyDigest(answer, 'POST', ha1), false, 'another method');
  assert.equal(verifyDigest({ ...answer, uri: '/dir/other.html' }, 'GET', ha1), false, 'another uri');
  assert.equal(verifyDigest({ ...answer, nc: '00000002' }, 'GET', ha1), false, 'another count');
  assert.equal(verifyDigest({ ...answer, qop: undefined }, 'GET', ha1), false, 'no qop (RFC 2069) is not taken');
  assert.equal(verifyDigest({ ...answer, qop: 'auth-int' }, 'GET', ha1), false);
  assert.equal(verifyDigest({ ...answer, algorithm: 'MD5-sess' }, 'GET', ha1), false);
  assert.equal(verifyDigest({ ...answer, response: 'x' }, 'GET', ha1), false);

  // What a SIP client sends, parsed as the stack parses it.
  const request = register({});
  const challenged: SipResponse = { status: 401, reason: 'Unauthorized', headers: { ...request.headers, 'www-authenticate': [{ scheme: 'Digest', realm: '"0001.pacer"', nonce: '"abc.def.ghi"', algorithm: 'MD5', qop: '"auth"' }] } };
  answerChallenge(request, challenged, { user: '0001-1001', password: PASSWORD });
  const parsed = reparse(request);
  const read = readAuthorization(parsed.headers.authorization, '0001.pacer');
  assert.ok(read);
  assert.deepEqual([read.username, read.realm, read.nonce, read.qop], ['0001-1001', '0001.pacer', 'abc.def.ghi', 'auth']);
  assert.equal(agentPhoneHa1('0001', '1001', PASSWORD), digestHa1('0001-1001', '0001.pacer', PASSWORD), 'an agent phone\'s user and realm');
  assert.equal(verifyDigest(read, 'REGISTER', agentPhoneHa1('0001', '1001', PASSWORD)), true);
  assert.equal(verifyDigest(read, 'REGISTER', agentPhoneHa1('0001', '1001', `${PASSWORD}x`)), false);
  assert.equal(verifyDigest(read, 'REGISTER', agentPhoneHa1('0002', '1001', PASSWORD)), false, 'another operation\'s phone');
  assert.equal(readAuthorization(parsed.headers.authorization, '0002.pacer'), undefined, 'an answer for another realm is none');
  assert.equal(readAuthorization(undefined, '0001.pacer'), undefined);
  assert.equal(readAuthorization([{ scheme: 'Basic', realm: '"0001.pacer"' }], '0001.pacer'), undefined);
});

test('nonces: unguessable, bound to the address they were given to, stale after their life, invalid after a restart; a count that does not grow is a replay', async () => {
  const clock = virtualClock(START);
  const nonces = createNonces(clock, { lifetimeMs: 300_000 });
  const a = nonces.issue('127.51.100.7');
  const b = nonces.issue('127.51.100.7');
  assert.notEqual(a, b);
  assert.equal(nonces.check(a, '127.51.100.7'), 'fresh');
  assert.equal(nonces.check(a, '127.51.100.8'), 'invalid', 'another address');
  const [made, salt, tag] = a.split('.') as [string, string, string];
  assert.equal(nonces.check(`${made}.${salt}.${tag.slice(0, -1)}${tag.endsWith('A') ? 'B' : 'A'}`, '127.51.100.7'), 'invalid', 'tampered');
  assert.equal(nonces.check(`${(START + 1).toString(36)}.${salt}.${tag}`, '127.51.100.7'), 'invalid', 'its time changed');
  for (const junk of ['', 'x', 'a.b', 'a.b.c.d', '...']) assert.equal(nonces.check(junk, '127.51.100.7'), 'invalid', junk);
  assert.equal(createNonces(clock, { lifetimeMs: 300_000 }).check(a, '127.51.100.7'), 'invalid', 'another key (a restart)');

  assert.equal(nonces.use(a, '00000001'), true);
  assert.equal(nonces.use(a, '00000002'), true);
  assert.equal(nonces.use(a, '00000002'), false, 'the same count again');
  assert.equal(nonces.use(a, '00000001'), false);
  assert.equal(nonces.use(b, '00000001'), true, 'counts are per nonce');

  await clock.advance(299_999);
  assert.equal(nonces.check(a, '127.51.100.7'), 'fresh');
  await clock.advance(1);
  assert.equal(nonces.check(a, '127.51.100.7'), 'stale');
});

test('limits on the engine clock: five failures within a minute block an address for five minutes; a bucket refills at its rate', async () => {
  const clock = virtualClock(START);
  const failures = failureLimiter(clock, { maxFailures: 5, windowMs: 60_000, blockMs: 300_000, maxAddresses: 3 });
  for (let i = 0; i < 4; i++) failures.failed('127.51.100.7');
  assert.equal(failures.blocked('127.51.100.7'), false);
  await clock.advance(60_000);
  failures.failed('127.51.100.7');
  assert.equal(failures.blocked('127.51.100.7'), false, 'the first four are older than a minute');
  for (let i = 0; i < 4; i++) failures.failed('127.51.100.7');
  assert.equal(failures.blocked('127.51.100.7'), true);
  assert.equal(failures.blocked('127.51.100.8'), false, 'per address');
  await clock.advance(299_999);
  assert.equal(failures.blocked('127.51.100.7'), true);
  await clock.advance(1);
  assert.equal(failures.blocked('127.51.100.7'), false);
  // Bounded memory: the least recently failed are forgotten.
  for (const a of ['127.0.2.1', '127.0.2.2', '127.0.2.3', '127.0.2.4']) for (let i = 0; i < 5; i++) failures.failed(a);
  assert.deepEqual(['127.0.2.1', '127.0.2.2', '127.0.2.3', '127.0.2.4'].map((a) => failures.blocked(a)), [false, true, true, true]);

  const bucket = tokenBucket(clock, 10, 20);
  let taken = 0;
  while (bucket.take()) taken++;
  assert.equal(taken, 20, 'a burst');
  await clock.advance(500);
  taken = 0;
  while (bucket.take()) taken++;
  assert.equal(taken, 5, 'then its rate');
});

test('behind NAT the binding is the source address: a Contact that names the source is kept as given', () => {
  const parse = (uri: string) => vendoredSip.parseUri(uri);
  const udp = { transport: 'udp' as const, address: '127.51.100.7', port: 40123 };
  const same = 'sip:0001-1001@127.51.100.7:40123;ob';
  assert.equal(bindingContact(same, parse(same), udp), same);
  assert.equal(bindingContact('sip:0001-1001@127.168.1.20:5060', parse('sip:0001-1001@127.168.1.20:5060'), udp), 'sip:0001-1001@127.51.100.7:40123');
  assert.equal(bindingContact('sip:0001-1001@127.51.100.7', parse('sip:0001-1001@127.51.100.7'), udp), 'sip:0001-1001@127.51.100.7:40123', 'the default port 5060 is another port');
  assert.equal(bindingContact('sip:0001-1001@127.51.100.7:5060', parse('sip:0001-1001@127.51.100.7:5060'), { ...udp, port: 5060 }), 'sip:0001-1001@127.51.100.7:5060');
  const tcp = { transport: 'tcp' as const, address: '127.51.100.7', port: 51000 };
  assert.equal(bindingContact('sip:0001-1001@127.51.100.7:5060;transport=tcp', parse('sip:0001-1001@127.51.100.7:5060;transport=tcp'), tcp),
    'sip:0001-1001@127.51.100.7:51000;transport=tcp', 'over TCP: the phone\'s own connection');
  assert.equal(bindingContact('sip:0001-1001@127.51.100.7:40123', parse('sip:0001-1001@127.51.100.7:40123'), { ...udp, transport: 'tcp' }),
    'sip:0001-1001@127.51.100.7:40123;transport=tcp', 'another transport');
  assert.equal(bindingContact('sip:0001-1001@phone.example', parse('sip:0001-1001@phone.example'), udp), 'sip:0001-1001@127.51.100.7:40123', 'a name');
  assert.equal(bindingContact('sips:0001-1001@127.51.100.7:40123', parse('sips:0001-1001@127.51.100.7:40123'), udp), 'sip:0001-1001@127.51.100.7:40123');
  assert.equal(bindingContact('tel:+573001234567', undefined, { transport: 'udp', address: '2001:db8::7', port: 5060 }), 'sip:[2001:db8::7]:5060');
  assert.equal(sourceAddress('::ffff:127.51.100.7'), '127.51.100.7');
  assert.equal(sourceAddress('2001:DB8::7'), '2001:db8::7');
});

// --- The registrar through the user agent, on a stack with no network ---

const PHONE: Remote = { protocol: 'UDP', address: '127.51.100.7', port: 40123 };
const TRUNK: Remote = { protocol: 'UDP', address: '127.0.113.5', port: 5060 };
const STRANGER: Remote = { protocol: 'UDP', address: '127.0.2.66', port: 5060 };

let requests = 0;
function register(o: { user?: string; contact?: string | null; expires?: number; contactExpires?: number; seq?: number }): SipRequest {
  const user = o.user ?? '0001-1001';
  const contact = o.contact === undefined ? 'sip:0001-1001@127.51.100.7:40123' : o.contact;
  requests += 1;
  const headers: SipRequest['headers'] = {
    via: [{ version: '2.0', protocol: 'UDP', host: '127.51.100.7', port: 40123, params: { branch: `z9hG4bKreg${requests}` } }],
    from: { uri: `sip:${user}@127.0.0.10`, params: { tag: 'ph1' } },
    to: { uri: `sip:${user}@127.0.0.10`, params: {} },
    'call-id': 'reg-1@phone', cseq: { seq: o.seq ?? requests, method: 'REGISTER' }, 'max-forwards': 70,
    'user-agent': 'TestPhone/2.1',
  };
  if (contact === '*') headers.contact = '*';
  else if (contact !== null) headers.contact = [{ uri: contact, params: o.contactExpires === undefined ? {} : { expires: String(o.contactExpires) } }];
  if (o.expires !== undefined) headers.expires = String(o.expires);
  return { method: 'REGISTER', uri: 'sip:127.0.0.10', headers };
}

function request(method: string, toTag?: string): SipRequest {
  requests += 1;
  return {
    method, uri: 'sip:pacer@127.0.0.10',
    headers: {
      via: [{ version: '2.0', protocol: 'UDP', host: '127.0.2.66', port: 5060, params: { branch: `z9hG4bKx${requests}` } }],
      from: { uri: 'sip:scanner@127.0.2.66', params: { tag: 'sc' } }, to: { uri: 'sip:100@127.0.0.10', params: toTag ? { tag: toTag } : {} },
      'call-id': `scan-${requests}`, cseq: { seq: 1, method },
    },
  };
}

/** A message as it went on the wire and came back parsed (the Authorization as the stack reads it). */
function reparse(message: SipRequest): SipRequest {
  const parsed = (vendoredSip as unknown as { parse(text: string): SipRequest }).parse(vendoredSip.stringify(message));
  return parsed;
}

/** Kept as the database keeps them: the HA1s of the phones' passwords. */
function memoryStore(): RegistrarStore & { bindings: Map<string, PhoneBinding>; hosts: string[] } {
  const bindings = new Map<string, PhoneBinding>();
  const ha1s = new Map<string, string>([['0001/1001', agentPhoneHa1('0001', '1001', PASSWORD)], ['0002/1001', agentPhoneHa1('0002', '1001', 'other-operation-pw')]]);
  const hosts = ['127.0.113.5'];
  return {
    bindings, hosts,
    passwordHa1: (op, agent) => Promise.resolve(ha1s.get(`${op}/${agent}`)),
    register(binding, passwordHa1) {
      if (ha1s.get(`${binding.operationId}/${binding.agentId}`) !== passwordHa1) return Promise.resolve(false);
      bindings.set(`${binding.operationId}/${binding.agentId}`, binding);
      return Promise.resolve(true);
    },
    unregister(op, agent, _now, given) {
      const b = bindings.get(`${op}/${agent}`);
      if (!b || (given !== undefined && given !== b.given && given !== b.contact)) return Promise.resolve(undefined);
      bindings.delete(`${op}/${agent}`);
      return Promise.resolve(b);
    },
    binding: (op, agent, now) => {
      const b = bindings.get(`${op}/${agent}`);
      return Promise.resolve(b && b.expiresAt > now ? b : undefined);
    },
    knownHosts: (now) => Promise.resolve([...hosts, ...[...bindings.values()].filter((b) => b.expiresAt > now).map((b) => b.source.address)]),
  };
}

function setup() {
  const clock = virtualClock(START);
  const stack = fakeStack();
  const store = memoryStore();
  const errors: unknown[] = [];
  const outside = createOutside({ stack, clock, store, onError: (e) => errors.push(e), resolve: () => Promise.reject(new Error('no DNS in this test')) });
  createUserAgent({ stack, clock, onError: (e) => errors.push(e), outside: outside.handle });
  /** Sends `req` from `from`, lets the registrar work, and returns what Pacer answered (nothing, or one response, as sent). */
  const send = async (req: SipRequest, from: Remote = PHONE): Promise<SipResponse | undefined> => {
    const before = stack.responses.length;
    const droppedBefore = stack.dropped.length;
    stack.deliver(reparse(req), from);
    for (let i = 0; i < 20 && stack.responses.length === before && stack.dropped.length === droppedBefore; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(stack.responses.length <= before + 1);
    const response = stack.responses[before];
    assert.equal(stack.dropped.length - droppedBefore, response === undefined ? 1 : 0, 'a request not answered is dropped (its transaction forgotten)');
    // As it goes on the wire, read back as the phone reads it.
    return response && (vendoredSip as unknown as { parse(text: string): SipResponse }).parse(vendoredSip.stringify(response));
  };
  /** REGISTERs `req` answering the challenge with `password`; the final answer. */
  const authenticated = async (req: SipRequest, password = PASSWORD, user = '0001-1001', from: Remote = PHONE) => {
    const challenge = await send(req, from);
    assert.equal(challenge?.status, 401);
    const again = { ...req, headers: { ...req.headers, via: [{ ...req.headers.via[0]!, params: { branch: `z9hG4bKauth${++requests}` } }], cseq: { seq: req.headers.cseq.seq + 1, method: 'REGISTER' } } };
    answerChallenge(again, challenge, { user, password });
    return send(again, from);
  };
  return { clock, stack, store, errors, send, authenticated };
}

const contactsOf = (r: SipResponse | undefined) => (Array.isArray(r?.headers.contact) ? r.headers.contact.map((c) => [c.uri, c.params]) : r?.headers.contact);

test('REGISTER: challenged, then bound from where it came (NAT), the Contact echoed with its expires; the binding asked for, refreshed, unregistered', async () => {
  const env = setup();
  const challenge = await env.send(register({}));
  assert.equal(challenge?.status, 401);
  const offered = (challenge?.headers['www-authenticate'] as Record<string, string>[])[0];
  assert.deepEqual([offered?.scheme, offered?.realm, offered?.qop, offered?.algorithm], ['Digest', '"0001.pacer"', '"auth"', 'MD5']);
  assert.ok(challenge?.headers.to.params.tag, 'the response has a To tag');

  const behindNat = await env.authenticated(register({ contact: 'sip:0001-1001@127.168.1.20:5060' }));
  assert.equal(behindNat?.status, 200);
  assert.deepEqual(contactsOf(behindNat), [['sip:0001-1001@127.168.1.20:5060', { expires: '3600', received: '"sip:0001-1001@127.51.100.7:40123"' }]]);
  assert.deepEqual(env.store.bindings.get('0001/1001'), {
    operationId: '0001', agentId: '1001', contact: 'sip:0001-1001@127.51.100.7:40123', given: 'sip:0001-1001@127.168.1.20:5060',
    source: { transport: 'udp', address: '127.51.100.7', port: 40123 }, expiresAt: START + 3_600_000, userAgent: 'TestPhone/2.1',
  });

  const direct = await env.authenticated(register({ expires: 600 }));
  assert.deepEqual(contactsOf(direct), [['sip:0001-1001@127.51.100.7:40123', { expires: '600' }]], 'a Contact that names the source is kept');
  assert.equal(env.store.bindings.get('0001/1001')?.contact, 'sip:0001-1001@127.51.100.7:40123');
  assert.deepEqual(contactsOf(await env.authenticated(register({ expires: 600, contactExpires: 900 }))), [['sip:0001-1001@127.51.100.7:40123', { expires: '900' }]], 'the Contact\'s expires wins');
  assert.deepEqual(contactsOf(await env.authenticated(register({ expires: 86_400 }))), [['sip:0001-1001@127.51.100.7:40123', { expires: '3600' }]], 'at most an hour');

  const brief = await env.authenticated(register({ expires: 59 }));
  assert.deepEqual([brief?.status, brief?.reason, brief?.headers['min-expires']], [423, 'Interval Too Brief', '60']);
  assert.equal(env.store.bindings.get('0001/1001')?.expiresAt, START + 3_600_000, 'a refused REGISTER changes nothing');

  await env.clock.advance(1000);
  const asked = await env.authenticated(register({ contact: null }));
  assert.deepEqual([asked?.status, contactsOf(asked)], [200, [['sip:0001-1001@127.51.100.7:40123', { expires: '3599' }]]], 'no Contact: the binding and what is left of it');

  const otherDevice = await env.authenticated(register({ contact: 'sip:0001-1001@127.51.100.9:5060', expires: 0 }));
  assert.deepEqual([otherDevice?.status, contactsOf(otherDevice)], [200, [['sip:0001-1001@127.51.100.7:40123', { expires: '3599' }]]], 'another device\'s Contact unregisters nothing');
  const gone = await env.authenticated(register({ expires: 0 }));
  assert.deepEqual([gone?.status, gone?.headers.contact], [200, undefined]);
  assert.equal(env.store.bindings.size, 0);

  await env.authenticated(register({}));
  assert.equal((await env.authenticated(register({ contact: '*', expires: 60 })))?.status, 400, 'Contact * needs Expires: 0');
  assert.equal((await env.authenticated(register({ contact: '*', expires: 0 })))?.status, 200);
  assert.equal(env.store.bindings.size, 0);
  assert.deepEqual(env.errors, []);
});

test('REGISTER: a wrong password, an agent whose phone does not register, another operation\'s realm, a user that names nobody: 403, and nothing bound', async () => {
  const env = setup();
  assert.equal((await env.authenticated(register({}), 'wrong-password'))?.status, 403);
  assert.equal((await env.authenticated(register({ user: '0001-1002' }), PASSWORD, '0001-1002'))?.status, 403, 'no phone set to register');
  assert.equal((await env.authenticated(register({}), PASSWORD, '0001-1002'))?.status, 403, 'the digest user is not the To user');
  const plain = await env.send(register({ user: 'admin' }));
  assert.equal(plain?.status, 403, 'a user that is not <operation>-<agent> is refused at once (there is no realm to challenge in)');
  assert.equal(env.store.bindings.size, 0);
});

test('REGISTER: a stale nonce is challenged again (stale=true); a replayed answer is not taken', async () => {
  const env = setup();
  const first = register({});
  const challenge = await env.send(first);
  const answered = { ...first, headers: { ...first.headers, cseq: { seq: 900, method: 'REGISTER' } } };
  answerChallenge(answered, challenge!, { user: '0001-1001', password: PASSWORD });
  assert.equal((await env.send(answered))?.status, 200);
  const replay = await env.send({ ...answered, headers: { ...answered.headers, via: [{ ...answered.headers.via[0]!, params: { branch: 'z9hG4bKreplay' } }] } });
  assert.equal(replay?.status, 401);
  assert.equal((replay?.headers['www-authenticate'] as Record<string, string>[])[0]?.stale, 'true');

  await env.clock.advance(300_000);
  const late = { ...first, headers: { ...first.headers, via: [{ ...first.headers.via[0]!, params: { branch: 'z9hG4bKlate' } }], cseq: { seq: 901, method: 'REGISTER' } } };
  answerChallenge(late, challenge!, { user: '0001-1001', password: PASSWORD });
  const stale = await env.send(late);
  assert.deepEqual([stale?.status, (stale?.headers['www-authenticate'] as Record<string, string>[])[0]?.stale], [401, 'true']);
  assert.equal((await env.authenticated(register({})))?.status, 200, 'and a fresh answer is taken');
});

test('REGISTER: five wrong answers within a minute and the address gets no answer for five minutes; other addresses are answered', async () => {
  const env = setup();
  for (let i = 0; i < 5; i++) assert.equal((await env.authenticated(register({}), `wrong-${i}`))?.status, 403);
  assert.equal(await env.send(register({})), undefined, 'blocked: not even a challenge');
  const elsewhere: Remote = { protocol: 'UDP', address: '127.51.100.8', port: 5060 };
  assert.equal((await env.authenticated(register({ contact: 'sip:0001-1001@127.51.100.8:5060' }), PASSWORD, '0001-1001', elsewhere))?.status, 200);
  await env.clock.advance(299_000);
  assert.equal(await env.send(register({})), undefined);
  await env.clock.advance(1000);
  assert.equal((await env.authenticated(register({})))?.status, 200, 'after the block, the right password is taken');
});

test('outside the dialogs: strangers get a bounded trickle of 403s; trunks and registered phones get 200 to OPTIONS and the user agent\'s own answers', async () => {
  const env = setup();
  const answers = [];
  for (let i = 0; i < 30; i++) answers.push(await env.send(request('OPTIONS'), STRANGER));
  assert.deepEqual(answers.slice(0, 20).map((r) => r?.status), Array(20).fill(403), 'a burst of 20');
  assert.deepEqual(answers.slice(20), Array(10).fill(undefined), 'then nothing');
  await env.clock.advance(1000);
  const later = [];
  for (let i = 0; i < 12; i++) later.push((await env.send(request('INVITE'), STRANGER))?.status);
  assert.deepEqual(later, [...Array(10).fill(403), undefined, undefined], '10 a second');
  await env.clock.advance(2000);
  // A stranger's REGISTER is challenged out of the same bucket; the challenge is all it gets.
  assert.equal((await env.send(register({}), STRANGER))?.status, 401);
  assert.equal((await env.send(request('MESSAGE'), STRANGER))?.status, 403);
  assert.equal((await env.send(request('BYE', 'gone'), STRANGER))?.status, 403);

  // The trunk's address: keep-alives answered, an INVITE still refused, other methods 405.
  assert.equal((await env.send(request('OPTIONS'), TRUNK))?.status, 200);
  assert.equal((await env.send(request('INVITE'), TRUNK))?.status, 403);
  assert.equal((await env.send(request('MESSAGE'), TRUNK))?.status, 405);
  assert.equal((await env.send(request('BYE', 'gone'), TRUNK))?.status, 481);
  for (let i = 0; i < 40; i++) assert.equal((await env.send(request('OPTIONS'), TRUNK))?.status, 200, 'known peers are not rate limited');

  // A phone is known once registered, from any port of its address, until its registration ends.
  assert.equal((await env.send(request('OPTIONS'), PHONE))?.status, 403);
  assert.equal((await env.authenticated(register({ expires: 60 })))?.status, 200);
  assert.equal((await env.send(request('OPTIONS'), { ...PHONE, port: 1234 }))?.status, 200);
  await env.clock.advance(65_000);
  env.store.bindings.clear();
  assert.equal((await env.send(request('OPTIONS'), PHONE))?.status, 403);
  assert.deepEqual(env.errors, []);
});
