// Pacer's registrar against real peers, through the HTTP API: Pacer in sip mode on 127.0.0.10,
// sipp on other loopback addresses playing agent phones that REGISTER (digest, as a softphone
// does), the carrier, and strangers. Pacer runs on a virtual clock (its SIP dialog timers, the
// registrar's nonces, expiry and limits all run on it), so a registration's end and an address's
// block are reached by moving time, not by waiting. Every sipp is bounded by -m and -timeout.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createPacer, type Pacer } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { ensureDemo } from '../src/demo.ts';
import { virtualClock, type VirtualClock } from '../src/engine/virtual-clock.ts';
import { freePort, PACER_HOST, scenarioPath, sippSkip, startSipp, traceHeader, type SippOptions, type SippPeer, type TracedMessage } from './support/sipp/peer.ts';
import { sharedEmbedded, stopSharedEmbedded, uniqueSchema } from './support/stores.ts';

const TOKEN = 'sip-registration-token-01';
const PASSWORD = 'reg-Secret-4f2a9c';
const START = Date.parse('2026-03-02T15:00:00Z');

interface RegPacer {
  pacer: Pacer;
  clock: VirtualClock;
  sipPort: number;
  api(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<{ status: number; json: Record<string, any> }>;
  close(): Promise<void>;
}

const opened: RegPacer[] = [];
const peers: SippPeer[] = [];
after(async () => {
  for (const p of opened) await p.close();
  for (const p of peers) p.kill();
  await stopSharedEmbedded();
});

async function regPacer(): Promise<RegPacer> {
  const sipPort = await freePort(PACER_HOST);
  const clock = virtualClock(START);
  const config = loadConfig({
    LOG_LEVEL: process.env.SIP_TEST_LOG ?? 'silent', PACER_TELEPHONY: 'sip', PACER_SIP_LISTEN: `${PACER_HOST}:${sipPort}`, PACER_SIP_ALLOW_PRIVATE: 'true',
  });
  const pacer = await createPacer(config, { clock, schema: uniqueSchema(), inMemory: true, embedded: await sharedEmbedded() });
  await ensureDemo(pacer.database.db, clock.now(), TOKEN);
  const p: RegPacer = {
    pacer, clock, sipPort,
    async api(method, url, body) {
      const res = await pacer.app.inject({ method, url, headers: { authorization: `Bearer ${TOKEN}` }, ...(body === undefined ? {} : { payload: body as object }) });
      return { status: res.statusCode, json: res.body ? JSON.parse(res.body) as Record<string, any> : {} };
    },
    close: () => pacer.close(),
  };
  opened.push(p);
  return p;
}

/** Polls `check` until it holds (a bound, not a sleep: it returns as soon as it holds). */
async function until<T>(ms: number, what: string, check: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function sipp(options: SippOptions): Promise<SippPeer> {
  const peer = await startSipp({ timeoutS: 30, ...options });
  peers.push(peer);
  return peer;
}

/** A phone that registers as 0001-1001 with `password`, its Contact naming `contactHost`, asking for `expires` s. */
function registering(p: RegPacer, scenario: string, o: { password?: string; contactHost?: string; expires?: number; host?: string; calls?: number; transport?: 'udp' | 'tcp' } = {}): Promise<SippPeer> {
  const extra: string[] = [];
  if (o.calls !== undefined && o.calls > 1) extra.push('-l', '1', '-r', '20');
  return sipp({
    scenario, remote: `${PACER_HOST}:${p.sipPort}`, pauseMs: 0, calls: o.calls ?? 1, ...(o.host ? { host: o.host } : {}), ...(o.transport ? { transport: o.transport } : {}),
    args: [
      '-s', '0001-1001', '-au', '0001-1001', '-ap', o.password ?? PASSWORD, '-set', 'contact_host', o.contactHost ?? o.host ?? '127.0.0.1',
      '-set', 'expires', String(o.expires ?? 300), ...extra,
      ...(scenario === 'register_phone_uac.xml' ? ['-oocsf', scenarioPath('register_phone_ooc.xml')] : []),
    ],
  });
}

const received = (peer: SippPeer) => peer.messages().filter((m) => m.direction === 'received');
const sent = (peer: SippPeer) => peer.messages().filter((m) => m.direction === 'sent');
const media = (m: TracedMessage) => /^m=audio (\d+) /m.exec(m.text)?.[1];
const direction = (m: TracedMessage) => /^a=(sendrecv|sendonly|recvonly|inactive)/m.exec(m.text)?.[1];
const statuses = (peer: SippPeer) => received(peer).map((m) => m.first);

async function agentState(p: RegPacer, agentId: string): Promise<string> {
  return (await p.api('GET', `/v1/agents/${agentId}`)).json.state as string;
}

async function phoneEvents(p: RegPacer): Promise<[string, Record<string, unknown>][]> {
  const page = await p.api('GET', '/v1/events?after=0&limit=500&type=agent.');
  return (page.json.data as { type: string; data: Record<string, unknown> }[])
    .filter((e) => e.type === 'agent.phone_registered' || e.type === 'agent.phone_unregistered').map((e) => [e.type, e.data]);
}

const notRegistered = (p: RegPacer) => "Agent 1001's phone cannot be reached: its phone is not registered: register it to "
  + `127.0.0.10:${p.sipPort} (UDP or TCP) as user 0001-1001 with the password set by PUT /v1/agents/1001/phone (realm 0001.pacer)`;

test('a phone that registers: log-in refused before; registered (behind NAT), called at log-in, bridged to a dialled customer; unregistered, refused again', { skip: sippSkip }, async () => {
  const p = await regPacer();
  assert.equal((await p.api('PUT', '/v1/agents/1001/phone', { password: PASSWORD })).status, 200);
  const before = await p.api('POST', '/v1/agents/1001/status', { status: 'ready' });
  assert.deepEqual([before.status, before.json.error?.code, before.json.error?.message], [409, 'AGENT_PHONE_UNREACHABLE', notRegistered(p)]);

  // The phone's Contact names an address it is not reachable at (as a private one behind NAT is;
  // here a loopback address nothing listens on, so a wrong binding still sends nothing off this
  // host): Pacer binds where the REGISTER came from, and the calls below only reach it there.
  const phone = await registering(p, 'register_phone_uac.xml', { contactHost: '127.0.0.98', expires: 300 });
  const registration = await until(5000, 'the phone registered', async () => ((await p.api('GET', '/v1/agents/1001/phone')).json.registration ?? undefined) as Record<string, unknown> | undefined);
  assert.deepEqual(registration, {
    contact: `sip:0001-1001@127.0.0.1:${phone.port}`, source: `udp:127.0.0.1:${phone.port}`, user_agent: 'sipp register_phone_uac',
    registered_at: new Date(START).toISOString(), expires_at: new Date(START + 300_000).toISOString(),
  });
  const registers = sent(phone).filter((m) => m.first === 'REGISTER');
  assert.deepEqual(statuses(phone).slice(0, 2), ['401', '200'], 'challenged, then taken');
  assert.match(traceHeader(received(phone)[0]!, 'WWW-Authenticate') ?? '', /^Digest realm="0001\.pacer",nonce="[^"]+",algorithm=MD5,qop="auth"$/);
  assert.match(traceHeader(registers[1]!, 'Authorization') ?? '', /username="0001-1001"/);
  assert.equal(traceHeader(received(phone)[1]!, 'Contact'), `<sip:0001-1001@127.0.0.98:${phone.port};transport=UDP>;expires=300;received="sip:0001-1001@127.0.0.1:${phone.port}"`);

  const carrier = await sipp({ scenario: 'phone_uas.xml', pauseMs: 100 });
  assert.equal((await p.api('POST', '/v1/trunks', { uri: `sip:127.0.0.1:${carrier.port}` })).status, 201);
  assert.equal((await p.api('POST', '/v1/agents/1001/status', { status: 'ready' })).status, 200);
  // The standing session: the registered phone is called with no offer and parked.
  await until(5000, 'the phone answered and was parked', () => received(phone).some((m) => m.first === 'ACK'));
  const parked = received(phone).find((m) => m.first === 'INVITE')!;
  assert.match(parked.text.split('\n')[0] ?? '', new RegExp(`^INVITE sip:0001-1001@127\\.0\\.0\\.1:${phone.port} SIP/2\\.0`), 'to the bound contact');
  assert.equal(media(parked), undefined, 'no offer');

  const dial = await p.api('POST', '/v1/agents/1001/dial', { phone: '3001234567' });
  assert.equal(dial.status, 200, JSON.stringify(dial.json));
  await until(5000, 'the agent talking', async () => (await agentState(p, '1001')) === 'talking');
  assert.equal(media(received(carrier).find((m) => m.first === 'INVITE')!), String(phone.mediaPort), "the customer is offered the registered phone's media");
  await until(5000, 'the phone bridged', () => {
    const last = received(phone).filter((m) => m.first === 'INVITE').at(-1);
    return last && media(last) === String(carrier.mediaPort) && direction(last) === 'sendrecv';
  });

  assert.equal((await p.api('POST', '/v1/agents/1001/hang')).status, 200);
  await until(5000, 'the customer got BYE', () => received(carrier).some((m) => m.first === 'BYE'));
  assert.equal(await carrier.exited, 0, carrier.errors());
  await until(5000, 'after-call work', async () => (await agentState(p, '1001')) === 'acw');
  await p.clock.advance(15_000); // the operation's after-call work ends
  assert.equal((await p.api('POST', '/v1/agents/1001/status', { status: 'logout' })).status, 200);
  assert.equal(await agentState(p, '1001'), 'logout');
  // The phone's call ends; it unregisters (the scenario does once its call is over).
  assert.equal(await phone.exited, 0, phone.errors());
  assert.ok(received(phone).some((m) => m.first === 'BYE'));
  assert.equal(statuses(phone).at(-1), '200', 'the unregister taken');
  assert.equal((await p.api('GET', '/v1/agents/1001/phone')).json.registration, null);
  const after = await p.api('POST', '/v1/agents/1001/status', { status: 'ready' });
  assert.deepEqual([after.status, after.json.error?.message], [409, notRegistered(p)]);

  assert.deepEqual(await phoneEvents(p), [
    ['agent.phone_registered', { contact: registration.contact, source: registration.source, user_agent: 'sipp register_phone_uac', expires_at: registration.expires_at }],
    ['agent.phone_unregistered', { contact: registration.contact, reason: 'the phone unregistered' }],
  ]);
});

test('a wrong password: 403 after the challenge, nothing registered, no event; a registration ends on the clock at its expiry; below 60 s is 423', { skip: sippSkip }, async () => {
  const p = await regPacer();
  await p.api('PUT', '/v1/agents/1001/phone', { password: PASSWORD });
  const wrong = await registering(p, 'register_uac.xml', { password: 'not-the-password' });
  assert.equal(await wrong.exited, 0, wrong.errors());
  assert.deepEqual(statuses(wrong), ['401', '403']);
  assert.equal((await p.api('GET', '/v1/agents/1001/phone')).json.registration, null);

  const brief = await registering(p, 'register_uac.xml', { expires: 30 });
  assert.equal(await brief.exited, 0, brief.errors());
  assert.deepEqual(statuses(brief), ['401', '423']);
  assert.equal(traceHeader(received(brief)[1]!, 'Min-Expires'), '60');
  assert.equal((await p.api('GET', '/v1/agents/1001/phone')).json.registration, null);

  const right = await registering(p, 'register_uac.xml', { expires: 60 });
  assert.equal(await right.exited, 0, right.errors());
  assert.deepEqual(statuses(right), ['401', '200']);
  const shown = (await p.api('GET', '/v1/agents/1001/phone')).json.registration;
  assert.deepEqual([shown.contact, shown.expires_at], [`sip:0001-1001@127.0.0.1:${right.port};transport=UDP`, new Date(START + 60_000).toISOString()],
    'a Contact that names where the REGISTER came from is kept as given');
  assert.equal(traceHeader(received(right)[1]!, 'Contact'), `<sip:0001-1001@127.0.0.1:${right.port};transport=UDP>;expires=60`);

  await p.clock.advance(59_999);
  assert.notEqual((await p.api('GET', '/v1/agents/1001/phone')).json.registration, null);
  await p.clock.advance(1);
  assert.equal((await p.api('GET', '/v1/agents/1001/phone')).json.registration, null, 'expired');
  const refused = await p.api('POST', '/v1/agents/1001/status', { status: 'ready' });
  assert.deepEqual([refused.status, refused.json.error?.message], [409, notRegistered(p)]);
  assert.deepEqual((await phoneEvents(p)).map(([type]) => type), ['agent.phone_registered'], 'the wrong password and the 423 registered nothing');
});

test('wrong credentials are limited per source address: after five, that address gets no answer for five minutes; another address is answered', { skip: sippSkip }, async () => {
  const p = await regPacer();
  await p.api('PUT', '/v1/agents/1001/phone', { password: PASSWORD });
  const guessing = await registering(p, 'register_uac.xml', { password: 'guess-1234', calls: 6 });
  assert.equal(await guessing.exited, 1, `the sixth call waited for an answer in vain: ${guessing.errors()}`);
  assert.deepEqual(statuses(guessing), ['401', '403', '401', '403', '401', '403', '401', '403', '401', '403'], 'five refusals, then silence');
  assert.ok(sent(guessing).filter((m) => m.first === 'REGISTER').length >= 11, 'the sixth REGISTER went out and was not answered');

  // The right password from the same address (another port) is not even challenged now...
  const blocked = await registering(p, 'register_uac.xml');
  assert.equal(await blocked.exited, 1, blocked.errors());
  assert.deepEqual(statuses(blocked), []);
  // ...while another address is answered.
  const elsewhere = await registering(p, 'register_uac.xml', { host: '127.0.0.3' });
  assert.equal(await elsewhere.exited, 0, elsewhere.errors());
  assert.deepEqual(statuses(elsewhere), ['401', '200']);
  assert.equal((await p.api('GET', '/v1/agents/1001/phone')).json.registration.source, `udp:127.0.0.3:${elsewhere.port}`);

  await p.clock.advance(300_000);
  const again = await registering(p, 'register_uac.xml');
  assert.equal(await again.exited, 0, again.errors());
  assert.deepEqual(statuses(again), ['401', '200'], 'five minutes later');
});

test('outside the dialogs: a stranger\'s OPTIONS gets 403, and a flood of them a bounded number; the trunk\'s and a registered phone\'s get 200', { skip: sippSkip }, async () => {
  const p = await regPacer();
  const ping = (host: string, calls = 1) => sipp({ scenario: 'options_uac.xml', remote: `${PACER_HOST}:${p.sipPort}`, host, calls, args: ['-s', 'pacer', ...(calls > 1 ? ['-l', '50', '-r', '1000'] : [])] });
  const stranger = await ping('127.0.0.4');
  assert.equal(await stranger.exited, 0, stranger.errors());
  assert.deepEqual(statuses(stranger), ['403']);

  // 40 at once from strangers: the bucket (20, refilled at 10 a second of Pacer's clock, which
  // stands still here) lets 19 more 403s out, and nothing else.
  const flood = await ping('127.0.0.5', 40);
  assert.equal(await flood.exited, 1, 'the calls not answered failed');
  assert.deepEqual(statuses(flood), Array(19).fill('403'));

  const carrier = await sipp({ scenario: 'phone_uas.xml', pauseMs: 0, host: '127.0.0.6' });
  await p.api('POST', '/v1/trunks', { uri: `sip:127.0.0.6:${carrier.port}` });
  await p.clock.advance(5000); // the known peers are read again at most every 5 s
  const fromTrunk = await ping('127.0.0.6');
  assert.equal(await fromTrunk.exited, 0, fromTrunk.errors());
  assert.deepEqual(statuses(fromTrunk), ['200']);
  carrier.kill();

  await p.api('PUT', '/v1/agents/1002/phone', { password: PASSWORD });
  const phone = await sipp({
    scenario: 'register_uac.xml', remote: `${PACER_HOST}:${p.sipPort}`, host: '127.0.0.7',
    args: ['-s', '0001-1002', '-au', '0001-1002', '-ap', PASSWORD, '-set', 'contact_host', '127.0.0.7', '-set', 'expires', '600'],
  });
  assert.equal(await phone.exited, 0, phone.errors());
  assert.deepEqual(statuses(phone), ['401', '200'], 'a REGISTER from a stranger is challenged (the bucket refilled meanwhile)');
  const fromPhone = await ping('127.0.0.7');
  assert.equal(await fromPhone.exited, 0, fromPhone.errors());
  assert.deepEqual(statuses(fromPhone), ['200'], 'a registered phone\'s keep-alive');
});

test('over TCP: a phone behind NAT registers, and Pacer calls it back where the REGISTER came from, over TCP', { skip: sippSkip }, async () => {
  const p = await regPacer();
  await p.api('PUT', '/v1/agents/1001/phone', { password: PASSWORD });
  const phone = await registering(p, 'register_phone_uac.xml', { transport: 'tcp', contactHost: '127.0.0.98', expires: 300 });
  const registration = await until(5000, 'the phone registered', async () => ((await p.api('GET', '/v1/agents/1001/phone')).json.registration ?? undefined) as Record<string, string> | undefined);
  // sipp connects from the port it listens on: that is the source bound.
  assert.deepEqual([registration.contact, registration.source], [`sip:0001-1001@127.0.0.1:${phone.port};transport=tcp`, `tcp:127.0.0.1:${phone.port}`]);
  assert.equal((await p.api('POST', '/v1/agents/1001/status', { status: 'ready' })).status, 200);
  await until(5000, 'the phone answered and was parked', () => received(phone).some((m) => m.first === 'ACK'));
  assert.match(received(phone).find((m) => m.first === 'INVITE')!.text, /^Via: SIP\/2\.0\/TCP /m);
  assert.equal((await p.api('POST', '/v1/agents/1001/status', { status: 'logout' })).status, 200);
  assert.equal(await phone.exited, 0, phone.errors());
  assert.equal((await p.api('GET', '/v1/agents/1001/phone')).json.registration, null, 'unregistered over TCP too');
});
