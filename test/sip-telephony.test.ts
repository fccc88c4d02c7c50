// Pacer in sip mode (PACER_TELEPHONY=sip) driven through its HTTP API against real SIP peers on
// loopback: sipp plays the carrier behind the operation's trunk and the agents' phones (fixed
// contacts). The engine, the API and the events are the ones the simulated carrier drives; only
// the carrier is real. Everything runs on the real clock, every peer bounded by -m and -timeout,
// every wait bounded.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { systemClock } from '../src/adapters/clock/system-clock.ts';
import { createPacer, type Pacer } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { DISCARD_PORT } from '../src/adapters/telephony/sip/sdp.ts';
import { ensureDemo } from '../src/demo.ts';
import { freePort, PACER_HOST, sippSkip, startSipp, type SippPeer, type TracedMessage } from './support/sipp/peer.ts';
import { dropSchema, postgresUrl, sharedEmbedded, stopSharedEmbedded, uniqueSchema, type StoreKind } from './support/stores.ts';

const TOKEN = 'sip-test-token-0001';
const auth = { authorization: `Bearer ${TOKEN}` };

interface SipPacer {
  pacer: Pacer;
  api(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
  /** Events of the operation of `type` (a prefix), oldest first. */
  events(type: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

const opened: SipPacer[] = [];
const peers: SippPeer[] = [];
after(async () => {
  for (const p of opened) await p.close();
  for (const p of peers) p.kill();
  await stopSharedEmbedded();
});

async function sipPacer(kind: StoreKind = 'pglite', options: { allowPrivate?: boolean; hosts?: Record<string, string> } = {}): Promise<SipPacer> {
  const port = await freePort(PACER_HOST);
  const schema = uniqueSchema();
  const config = loadConfig({
    LOG_LEVEL: process.env.SIP_TEST_LOG ?? 'silent', PACER_TELEPHONY: 'sip', PACER_SIP_LISTEN: `${PACER_HOST}:${port}`,
    PACER_SIP_ALLOW_PRIVATE: String(options.allowPrivate ?? true),
    ...(kind === 'postgres' ? { DATABASE_URL: postgresUrl } : {}),
  });
  const hosts = options.hosts ?? {};
  const pacer = await createPacer(config, {
    clock: systemClock(), schema, inMemory: true, embedded: kind === 'pglite' ? await sharedEmbedded() : undefined,
    // Names of the test's own, never looked up in DNS.
    sipResolveHost: (host) => Promise.resolve(hosts[host] === undefined ? [] : [hosts[host]]),
  });
  await ensureDemo(pacer.database.db, Date.now(), TOKEN);
  const api: SipPacer['api'] = async (method, url, body) => {
    const res = await pacer.app.inject({ method, url, headers: auth, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: res.statusCode, json: res.body ? JSON.parse(res.body) as Record<string, unknown> : {} };
  };
  const sip: SipPacer = {
    pacer, api,
    async events(type) {
      const res = await api('GET', `/v1/events?after=0&limit=500&type=${encodeURIComponent(type)}`);
      return res.json.data as Record<string, unknown>[];
    },
    async close() {
      await pacer.close();
      if (kind === 'postgres') await dropSchema(schema);
    },
  };
  opened.push(sip);
  return sip;
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

const sipp = async (scenario: string, pauseMs: number, calls = 1) => {
  const peer = await startSipp({ scenario, pauseMs, calls, timeoutS: 30 });
  peers.push(peer);
  return peer;
};

const received = (peer: SippPeer) => peer.messages().filter((m) => m.direction === 'received');
const media = (m: TracedMessage) => /^m=audio (\d+) /m.exec(m.text)?.[1];
const direction = (m: TracedMessage) => /^a=(sendrecv|sendonly|recvonly|inactive)/m.exec(m.text)?.[1];

async function agentState(p: SipPacer, agentId: string): Promise<string> {
  return (await p.api('GET', `/v1/agents/${agentId}`)).json.state as string;
}

test('sip mode: without a trunk a dial is a clear 409; without a phone an agent cannot log in', { skip: sippSkip }, async () => {
  const p = await sipPacer();
  const noPhone = await p.api('POST', '/v1/agents/1001/status', { status: 'ready' });
  assert.equal(noPhone.status, 409);
  assert.deepEqual(noPhone.json.error, {
    code: 'AGENT_PHONE_UNREACHABLE', status: 409, message: "Agent 1001's phone cannot be reached: it has no phone: set one with PUT /v1/agents/1001/phone",
  });
  assert.equal(await agentState(p, '1001'), 'logout', 'the refused change left the agent as it was');

  const phone = await sipp('phone_uas.xml', 0);
  assert.equal((await p.api('PUT', '/v1/agents/1001/phone', { contact: phone.uri('1001') })).status, 200);
  assert.equal((await p.api('POST', '/v1/agents/1001/status', { status: 'ready' })).status, 200);
  const dial = await p.api('POST', '/v1/agents/1001/dial', { phone: '3001234567' });
  assert.equal(dial.status, 409);
  assert.deepEqual(dial.json.error, {
    code: 'NO_TRUNK', status: 409, message: 'Operation 0001 has no SIP trunk, so it cannot call customers: add one with POST /v1/trunks',
  });
  assert.equal(await agentState(p, '1001'), 'ready');
  // A campaign of the operation says why it does not dial.
  const always = ['00:00-23:59'];
  const calling_schedule = { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always, holidays: 'none' };
  const campaign = await p.api('POST', '/v1/campaigns', { name: 'No trunk', type: 'predictive', calling_schedule });
  const id = String(campaign.json.id);
  await p.api('POST', `/v1/campaigns/${id}/records`, { records: [{ customer_id: 'c1', tel1: '3001234567' }] });
  await p.api('PATCH', `/v1/campaigns/${id}`, { status: 'started' });
  const stats = await p.api('GET', `/v1/campaigns/${id}/stats`);
  assert.deepEqual(stats.json.not_dialling, [{ reason: 'no_trunk' }]);
  await until(5000, 'the campaign.dialling event', async () => (await p.events('campaign.dialling')).some((e) => JSON.stringify(e.data).includes('no_trunk')));
  await p.api('PATCH', `/v1/campaigns/${id}`, { status: 'stopped' });
  assert.equal((await p.api('POST', '/v1/agents/1001/status', { status: 'logout' })).status, 200);
  assert.equal(await phone.exited, 0, phone.errors());
});

test('sip mode: an agent dials a customer through the trunk; bridged, held, resumed, hung up; the phone stays up', { skip: sippSkip }, async () => {
  const p = await sipPacer();
  const phone = await sipp('phone_uas.xml', 0);
  const carrier = await sipp('phone_uas.xml', 200);
  assert.equal((await p.api('POST', '/v1/trunks', { uri: `sip:127.0.0.1:${carrier.port}`, caller_id: '6015550100', prefix: '9' })).status, 201);
  await p.api('PUT', '/v1/agents/1001/phone', { contact: phone.uri('1001') });
  assert.equal((await p.api('POST', '/v1/agents/1001/status', { status: 'ready' })).status, 200);
  // The standing session: the phone is called with no offer and parked.
  await until(5000, 'the phone answered and was parked', () => received(phone).some((m) => m.first === 'ACK'));

  const dial = await p.api('POST', '/v1/agents/1001/dial', { phone: '3001234567' });
  assert.equal(dial.status, 200, JSON.stringify(dial.json));
  const callId = dial.json.conn_id as string;
  await until(5000, 'the agent talking', async () => (await agentState(p, '1001')) === 'talking');

  const [invite] = received(carrier);
  assert.ok(invite);
  assert.match(invite.text.split('\n')[0] ?? '', /^INVITE sip:93001234567@127\.0\.0\.1:\d+ SIP\/2\.0/, 'the trunk prefix is dialled');
  assert.match(invite.text, /^From:.*sip:6015550100@/m, "the trunk's caller id");
  assert.equal(media(invite), String(phone.mediaPort), "the customer is offered the agent phone's media");
  // The bridge: the phone is re-INVITEd with the customer's media.
  await until(5000, 'the phone bridged', () => received(phone).filter((m) => m.first === 'INVITE').length >= 2);
  const bridged = received(phone).filter((m) => m.first === 'INVITE')[1]!;
  assert.deepEqual([media(bridged), direction(bridged)], [String(carrier.mediaPort), 'sendrecv']);

  // DTMF toward the customer: one INFO per tone.
  assert.equal((await p.api('POST', '/v1/agents/1001/dtmf', { tones: '1#' })).status, 200);
  await until(5000, 'two INFO', () => received(carrier).filter((m) => m.first === 'INFO').length === 2);
  const infos = received(carrier).filter((m) => m.first === 'INFO');
  assert.deepEqual(infos.map((m) => /^Signal=\s*(.)/m.exec(m.text)?.[1]), ['1', '#']);

  assert.equal((await p.api('POST', '/v1/agents/1001/hold')).status, 200);
  await until(5000, 'hold reached both legs', () => {
    const c = received(carrier).filter((m) => m.first === 'INVITE').at(-1);
    const a = received(phone).filter((m) => m.first === 'INVITE').at(-1);
    return c && a && direction(c) === 'sendonly' && direction(a) === 'inactive';
  });
  assert.equal((await p.api('POST', '/v1/agents/1001/hold')).status, 200);
  await until(5000, 'resume reached both legs', () => {
    const c = received(carrier).filter((m) => m.first === 'INVITE').at(-1);
    const a = received(phone).filter((m) => m.first === 'INVITE').at(-1);
    return c && a && direction(c) === 'sendrecv' && direction(a) === 'sendrecv';
  });

  assert.equal((await p.api('POST', '/v1/agents/1001/hang')).status, 200);
  await until(5000, 'the customer got BYE', () => received(carrier).some((m) => m.first === 'BYE'));
  assert.equal(await carrier.exited, 0, carrier.errors());
  // The agent's phone is parked again, not hung up.
  await until(5000, 'the phone parked again', () => {
    const last = received(phone).filter((m) => m.first === 'INVITE').at(-1);
    return last && direction(last) === 'inactive';
  });
  assert.ok(!received(phone).some((m) => m.first === 'BYE'), 'the standing session stays up after the call');
  const call = await p.api('GET', `/v1/calls/${callId}`);
  assert.equal(call.json.state, 'ended');
  assert.equal(call.json.result, 'answer');

  // Logging out ends the session.
  await until(5000, 'after-call work ends', async () => (await p.api('POST', '/v1/agents/1001/status', { status: 'logout' })).status === 200);
  await until(5000, 'the phone got BYE at logout', async () => (await agentState(p, '1001')) === 'logout' && received(phone).some((m) => m.first === 'BYE'));
  assert.equal(await phone.exited, 0, phone.errors());
});

test('sip mode: a busy customer ends the call as busy; the agent goes to after-call work and keeps its phone', { skip: sippSkip }, async () => {
  const p = await sipPacer();
  const phone = await sipp('phone_uas.xml', 0);
  const carrier = await sipp('busy_uas.xml', 0);
  await p.api('POST', '/v1/trunks', { uri: `sip:127.0.0.1:${carrier.port}` });
  await p.api('PUT', '/v1/agents/1001/phone', { contact: phone.uri('1001') });
  await p.api('POST', '/v1/agents/1001/status', { status: 'ready' });
  await until(5000, 'the phone parked', () => received(phone).some((m) => m.first === 'ACK'));
  const dial = await p.api('POST', '/v1/agents/1001/dial', { phone: '3001234567' });
  assert.equal(dial.status, 200);
  const call = await until(5000, 'the call ended', async () => {
    const c = await p.api('GET', `/v1/calls/${dial.json.conn_id as string}`);
    return c.json.state === 'ended' ? c.json : undefined;
  });
  assert.equal(call.result, 'busy');
  assert.notEqual(await agentState(p, '1001'), 'logout');
  assert.equal(await carrier.exited, 0, carrier.errors());
  assert.ok(!received(phone).some((m) => m.first === 'BYE'));
  await p.api('POST', '/v1/agents/1001/status', { status: 'logout' });
});

test('sip mode: the phone hanging up logs the agent out with an agent.phone_lost event that says why', { skip: sippSkip }, async () => {
  const p = await sipPacer();
  const phone = await sipp('hangup_uas.xml', 300);
  await p.api('PUT', '/v1/agents/1001/phone', { contact: phone.uri('1001') });
  assert.equal((await p.api('POST', '/v1/agents/1001/status', { status: 'ready' })).status, 200);
  await until(5000, 'the agent logged out', async () => (await agentState(p, '1001')) === 'logout');
  const lost = await p.events('agent.phone_lost');
  assert.equal(lost.length, 1);
  assert.deepEqual([lost[0]?.agent_id, lost[0]?.data], ['1001', { reason: 'the phone hung up' }]);
  assert.equal(await phone.exited, 0, phone.errors());
});

test('sip mode: a phone that never answers logs the agent back out, saying so', { skip: sippSkip }, async () => {
  const p = await sipPacer();
  const deadPort = await freePort('127.0.0.1');
  await p.api('PUT', '/v1/agents/1002/phone', { contact: `sip:1002@127.0.0.1:${deadPort}` });
  assert.equal((await p.api('POST', '/v1/agents/1002/status', { status: 'ready' })).status, 200);
  await until(10_000, 'the agent logged out', async () => (await agentState(p, '1002')) === 'logout');
  const [lost] = await p.events('agent.phone_lost');
  assert.match(String((lost?.data as { reason?: string }).reason), /^the phone could not be called: /);
});

test('sip mode: a predictive campaign call is answered by the carrier and bridged to the ready agent', { skip: sippSkip }, async () => {
  const p = await sipPacer('postgres');
  const phone = await sipp('phone_uas.xml', 0);
  const carrier = await sipp('phone_uas.xml', 100);
  // One line on the trunk: the campaign places one call at a time, whatever its strategy wants.
  await p.api('POST', '/v1/trunks', { uri: `sip:127.0.0.1:${carrier.port}`, max_calls: 1 });
  await p.api('PUT', '/v1/agents/1001/phone', { contact: phone.uri('1001') });
  await p.api('POST', '/v1/agents/1001/status', { status: 'ready' });
  await until(5000, 'the phone parked', () => received(phone).some((m) => m.first === 'ACK'));
  // Open every day (this test runs on the real clock, on any day of the week).
  const always = ['00:00-23:59'];
  const calling_schedule = { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always, holidays: 'none' };
  const campaign = await p.api('POST', '/v1/campaigns', { name: 'SIP predictive', type: 'predictive', calling_schedule });
  assert.equal(campaign.status, 201, JSON.stringify(campaign.json));
  const id = String(campaign.json.id);
  assert.equal((await p.api('POST', `/v1/campaigns/${id}/records`, { records: [{ customer_id: 'c1', name: 'Ana', tel1: '3001234567' }] })).status < 300, true);
  assert.equal((await p.api('PATCH', `/v1/campaigns/${id}`, { status: 'started' })).status, 200);
  await until(10_000, 'the agent talking', async () => (await agentState(p, '1001')) === 'talking');
  // The customer was offered a phone's formats as a black hole (no phone's address: a carrier sends
  // nothing, not even RTCP, to a phone that is not on its call), then the agent's sendrecv once bridged.
  const atCarrier = received(carrier).filter((m) => m.first === 'INVITE');
  assert.deepEqual([direction(atCarrier[0]!), /^c=IN IP4 (\S+)/m.exec(atCarrier[0]!.text)?.[1], media(atCarrier[0]!)], ['inactive', '0.0.0.0', String(DISCARD_PORT)]);
  await until(5000, 'the customer given the agent', () => {
    const last = received(carrier).filter((m) => m.first === 'INVITE').at(-1);
    return last && direction(last) === 'sendrecv' && media(last) === String(phone.mediaPort);
  });
  const bridged = received(phone).filter((m) => m.first === 'INVITE').at(-1)!;
  assert.deepEqual([media(bridged), direction(bridged)], [String(carrier.mediaPort), 'sendrecv']);
  await p.api('PATCH', `/v1/campaigns/${id}`, { status: 'stopped' });
  assert.equal(received(carrier).filter((m) => m.first === 'INVITE' && !/^To:.*tag=/m.test(m.text)).length, 1, 'one call on a one-line trunk');
  assert.equal((await p.api('POST', '/v1/agents/1001/hang')).status, 200);
  assert.equal(await carrier.exited, 0, carrier.errors());
});

/** A logged-in agent 1001 on a sipp phone, and a trunk to `carrier` (with `trunk` fields). */
async function readyAgent(p: SipPacer, carrier: SippPeer, trunk: Record<string, unknown> = {}): Promise<SippPeer> {
  const phone = await sipp('phone_uas.xml', 0);
  assert.equal((await p.api('POST', '/v1/trunks', { uri: `sip:127.0.0.1:${carrier.port}`, ...trunk })).status, 201);
  await p.api('PUT', '/v1/agents/1001/phone', { contact: phone.uri('1001') });
  assert.equal((await p.api('POST', '/v1/agents/1001/status', { status: 'ready' })).status, 200);
  await until(5000, 'the phone parked', () => received(phone).some((m) => m.first === 'ACK'));
  return phone;
}

async function endedCall(p: SipPacer, callId: string): Promise<Record<string, unknown>> {
  return until(10_000, `call ${callId} ended`, async () => {
    const c = await p.api('GET', `/v1/calls/${callId}`);
    return c.json.state === 'ended' ? c.json : undefined;
  });
}

test('sip mode: a carrier that asks for digest authentication gets the trunk credentials', { skip: sippSkip }, async () => {
  const p = await sipPacer();
  const carrier = await sipp('auth_uas.xml', 0);
  const phone = await readyAgent(p, carrier, { username: 'trunk1', password: 's3cret' });
  const dial = await p.api('POST', '/v1/agents/1001/dial', { phone: '3001234567' });
  assert.equal(dial.status, 200);
  await until(5000, 'the agent talking', async () => (await agentState(p, '1001')) === 'talking');
  const invites = received(carrier).filter((m) => m.first === 'INVITE' && !/^To:.*tag=/m.test(m.text));
  assert.equal(invites.length, 2, 'challenged once, then answered');
  assert.match(invites[1]!.text, /^Authorization: Digest .*username="trunk1"/m);
  assert.equal((await p.api('POST', '/v1/agents/1001/hang')).status, 200);
  assert.equal(await carrier.exited, 0, carrier.errors());
  assert.ok(!received(phone).some((m) => m.first === 'BYE'));
});

test('sip mode: the customer hangs up; the call ends as answered, the agent goes to after-call work, its phone is parked again', { skip: sippSkip }, async () => {
  const p = await sipPacer();
  const carrier = await sipp('hangup_uas.xml', 300);
  const phone = await readyAgent(p, carrier);
  const dial = await p.api('POST', '/v1/agents/1001/dial', { phone: '3001234567' });
  const call = await endedCall(p, dial.json.conn_id as string);
  assert.equal(call.result, 'answer');
  assert.equal(await agentState(p, '1001'), 'acw');
  await until(5000, 'the phone parked again', () => {
    const last = received(phone).filter((m) => m.first === 'INVITE').at(-1);
    return last !== undefined && direction(last) === 'inactive';
  });
  assert.ok(!received(phone).some((m) => m.first === 'BYE'));
  assert.equal(await carrier.exited, 0, carrier.errors());
});

test('sip mode: a blind transfer to an outside number calls it through the trunk and connects the customer to it', { skip: sippSkip }, async () => {
  const p = await sipPacer();
  const carrier = await sipp('phone_uas.xml', 100, 2);
  const phone = await readyAgent(p, carrier, { max_calls: 2 });
  const dial = await p.api('POST', '/v1/agents/1001/dial', { phone: '3001234567' });
  await until(5000, 'the agent talking', async () => (await agentState(p, '1001')) === 'talking');
  const transfer = await p.api('POST', '/v1/agents/1001/transfer', { to: '3009876543' });
  assert.equal(transfer.status, 200, JSON.stringify(transfer.json));
  const leg = transfer.json.conn_id as string;
  await until(5000, 'the transferred leg connected', async () => (await p.api('GET', `/v1/calls/${leg}`)).json.state === 'connected');
  const newInvites = received(carrier).filter((m) => m.first === 'INVITE' && !/^To:.*tag=/m.test(m.text));
  assert.equal(newInvites.length, 2);
  assert.match(newInvites[1]!.text.split('\n')[0] ?? '', /^INVITE sip:3009876543@/);
  // The agent's phone is parked; the first call ended as answered.
  assert.equal((await endedCall(p, dial.json.conn_id as string)).result, 'answer');
  await until(5000, 'the phone parked again', () => {
    const last = received(phone).filter((m) => m.first === 'INVITE').at(-1);
    return last !== undefined && direction(last) === 'inactive';
  });
  assert.notEqual(await agentState(p, '1001'), 'talking');
  // The customer's leg and the leg out both hold a channel: a two-line trunk is full.
  const third = await p.api('POST', '/v1/agents/1001/dial', { phone: '3005550000' });
  assert.deepEqual([third.status, (third.json.error as { code?: string }).code], [409, 'TRUNK_BUSY'], JSON.stringify(third.json));
});

test('sip mode: a phone given by name is called only where the address rule allows: a name resolving to loopback is refused', { skip: sippSkip }, async () => {
  const phone = await sipp('phone_uas.xml', 0);
  const hosts = { 'phone.pbx.test': '127.0.0.1' };
  // Private peers not allowed: the name passes at PUT (it may be public), the address it resolves to does not.
  const strict = await sipPacer('pglite', { allowPrivate: false, hosts });
  assert.equal((await strict.api('PUT', '/v1/agents/1001/phone', { contact: `sip:1001@phone.pbx.test:${phone.port}` })).status, 200);
  assert.equal((await strict.api('POST', '/v1/agents/1001/status', { status: 'ready' })).status, 200);
  await until(5000, 'the agent logged out', async () => (await agentState(strict, '1001')) === 'logout');
  const [lost] = await strict.events('agent.phone_lost');
  assert.equal((lost?.data as { reason?: string }).reason, 'the phone could not be called: its name resolves to no address Pacer may send to');
  assert.equal(received(phone).length, 0, 'nothing was sent to the loopback address');

  // The same name with private peers allowed: the phone is called and parked.
  const open = await sipPacer('pglite', { allowPrivate: true, hosts });
  await open.api('PUT', '/v1/agents/1001/phone', { contact: `sip:1001@phone.pbx.test:${phone.port}` });
  await open.api('POST', '/v1/agents/1001/status', { status: 'ready' });
  await until(5000, 'the phone parked', () => received(phone).some((m) => m.first === 'ACK'));
  await open.api('POST', '/v1/agents/1001/status', { status: 'logout' });
  assert.equal(await phone.exited, 0, phone.errors());
});

test('sip mode: a blind transfer to another agent connects the customer to that agent\'s phone; the first phone is parked', { skip: sippSkip }, async () => {
  const p = await sipPacer();
  const carrier = await sipp('phone_uas.xml', 100);
  const first = await readyAgent(p, carrier);
  const second = await sipp('phone_uas.xml', 0);
  await p.api('PUT', '/v1/agents/1002/phone', { contact: second.uri('1002') });
  assert.equal((await p.api('POST', '/v1/agents/1002/status', { status: 'ready' })).status, 200);
  await until(5000, 'the second phone parked', () => received(second).some((m) => m.first === 'ACK'));
  await p.api('POST', '/v1/agents/1001/dial', { phone: '3001234567' });
  await until(5000, 'the agent talking', async () => (await agentState(p, '1001')) === 'talking');
  const transfer = await p.api('POST', '/v1/agents/1001/transfer', { to: '1002' });
  assert.equal(transfer.status, 200, JSON.stringify(transfer.json));
  await until(5000, 'agent 1002 talking', async () => (await agentState(p, '1002')) === 'talking');
  // The second phone is given the customer's media, and the customer the second phone's.
  await until(5000, 'the second phone bridged', () => {
    const last = received(second).filter((m) => m.first === 'INVITE').at(-1);
    return last !== undefined && direction(last) === 'sendrecv' && media(last) === String(carrier.mediaPort);
  });
  await until(5000, 'the customer given the second phone', () => {
    const last = received(carrier).filter((m) => m.first === 'INVITE').at(-1);
    return last !== undefined && direction(last) === 'sendrecv' && media(last) === String(second.mediaPort);
  });
  await until(5000, 'the first phone parked again', () => {
    const last = received(first).filter((m) => m.first === 'INVITE').at(-1);
    return last !== undefined && direction(last) === 'inactive';
  });
  assert.equal((await p.api('POST', '/v1/agents/1002/hang')).status, 200);
  await until(5000, 'the customer got BYE', () => received(carrier).some((m) => m.first === 'BYE'));
});

test('sip mode: the wolkvox face drives real calls unchanged (agentbox.php change_status, dial, hang)', { skip: sippSkip }, async () => {
  const p = await sipPacer();
  const carrier = await sipp('phone_uas.xml', 100);
  const phone = await sipp('phone_uas.xml', 0);
  await p.api('POST', '/v1/trunks', { uri: `sip:127.0.0.1:${carrier.port}` });
  await p.api('PUT', '/v1/agents/1001/phone', { contact: phone.uri('1001') });
  const agentbox = async (api: string, params: Record<string, string>) => {
    const res = await p.pacer.app.inject({ method: 'POST', url: `/api/v2/agentbox.php?${new URLSearchParams({ api, ...params }).toString()}`, headers: { 'wolkvox-token': TOKEN } });
    return { status: res.statusCode, json: JSON.parse(res.body) as { code: number; msg: string; data?: { conn_id?: string } } };
  };
  const ready = await agentbox('change_status', { agent_id: '1001', status: 'ready' });
  assert.deepEqual([ready.status, ready.json.msg], [200, 'Agent status has been modified to Ready']);
  await until(5000, 'the phone parked', () => received(phone).some((m) => m.first === 'ACK'));
  const dial = await agentbox('dial', { agent_id: '1001', customer_phone: '3001234567' });
  assert.equal(dial.status, 200, JSON.stringify(dial.json));
  await until(5000, 'talking', async () => (await agentState(p, '1001')) === 'talking');
  assert.equal((await agentbox('hang', { agent_id: '1001' })).status, 200);
  await until(5000, 'the customer got BYE', () => received(carrier).some((m) => m.first === 'BYE'));
  const call = await p.api('GET', `/v1/calls/${dial.json.data?.conn_id ?? ''}`);
  assert.deepEqual([call.json.state, call.json.result], ['ended', 'answer']);
});

test('sip mode: a dead carrier fails the call within seconds; the agent keeps its phone', { skip: sippSkip }, async () => {
  const p = await sipPacer();
  const phone = await sipp('phone_uas.xml', 0);
  await p.api('POST', '/v1/trunks', { uri: `sip:127.0.0.1:${await freePort('127.0.0.1')}` });
  await p.api('PUT', '/v1/agents/1001/phone', { contact: phone.uri('1001') });
  await p.api('POST', '/v1/agents/1001/status', { status: 'ready' });
  await until(5000, 'the phone parked', () => received(phone).some((m) => m.first === 'ACK'));
  const dial = await p.api('POST', '/v1/agents/1001/dial', { phone: '3001234567' });
  // endedCall's bound (10 s) is far inside the stack's own 32 s: the no-response wait gave up.
  const call = await endedCall(p, dial.json.conn_id as string);
  assert.equal(call.result, 'failed');
  assert.notEqual(await agentState(p, '1001'), 'logout');
  assert.ok(!received(phone).some((m) => m.first === 'BYE'));
});

test('sip mode: a predictive call answered when no agent is free is abandoned: the customer is hung up after the connect deadline', { skip: sippSkip }, async () => {
  const p = await sipPacer();
  const carrier = await sipp('phone_uas.xml', 1000);
  const phone = await readyAgent(p, carrier, { max_calls: 1 });
  const always = ['00:00-23:59'];
  const calling_schedule = { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always, holidays: 'none' };
  const campaign = await p.api('POST', '/v1/campaigns', { name: 'SIP abandon', type: 'predictive', calling_schedule });
  const id = String(campaign.json.id);
  await p.api('POST', `/v1/campaigns/${id}/records`, { records: [{ customer_id: 'c1', tel1: '3001234567' }] });
  await p.api('PATCH', `/v1/campaigns/${id}`, { status: 'started' });
  // The call is placed for the ready agent; while the customer rings, the agent takes a break.
  await until(10_000, 'the customer called', () => received(carrier).some((m) => m.first === 'INVITE'));
  assert.equal((await p.api('POST', '/v1/agents/1001/status', { status: 1 })).status, 200);
  await p.api('PATCH', `/v1/campaigns/${id}`, { status: 'stopped' });
  await until(10_000, 'the customer hung up by Pacer', () => received(carrier).some((m) => m.first === 'BYE'));
  const [ended] = await p.events('call.ended');
  assert.equal((ended?.data as { result?: string }).result, 'abandon');
  assert.ok(!received(phone).some((m) => m.first === 'BYE'), 'the agent keeps its phone');
});
