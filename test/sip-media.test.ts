// Media, end to end: Pacer in sip mode (through its HTTP API) connects two real SIP peers, and the
// RTP they send each other is counted. Pacer never touches RTP: it only gives each peer the other's
// SDP, with a direction. So the proof is that the peers, given those descriptions, send to each
// other once bridged, and stop (both ways) on hold, one way on mute, and on hang-up.
//
// Both peers are sipp with media_uas.xml: a peer that streams PCMU (rtp_stream, 50 packets/s from
// its -mp socket) to the address of the last SDP it received, only while the direction negotiated
// lets it send. Each peer's SDP advertises a UDP port this test owns (its "ear"), so the test counts
// what arrives for the phone and for the customer, from whom (the sender's media port) and what (the
// payload's fill byte, one per peer). Every wait is a bounded poll; a silence is measured over a
// window that starts after both peers have answered the re-INVITE and a grace for packets in flight.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { after, test, type TestContext } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { systemClock } from '../src/adapters/clock/system-clock.ts';
import { createPacer, type Pacer } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { ensureDemo } from '../src/demo.ts';
import { freePort, PACER_HOST, sippSkip, startSipp, type SippPeer, type TracedMessage } from './support/sipp/peer.ts';
import { sharedEmbedded, stopSharedEmbedded, uniqueSchema } from './support/stores.ts';

const TOKEN = 'sip-media-token-0001';
/** The payload byte each peer's audio is made of: who sent a packet, read from the packet. */
const PHONE_FILL = 0x50; // 'P'
const CUSTOMER_FILL = 0x43; // 'C'
/** Packets that prove a flow: half a second of 20 ms packets. */
const FLOWING = 25;
/** After both peers answered a re-INVITE: time for packets already in flight, then the window measured. */
const GRACE_MS = 250;
const WINDOW_MS = 1000;

const closers: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const close of closers.reverse()) await close();
  await stopSharedEmbedded();
});

interface Packet { host: string; port: number; payloadType: number; fill: number | undefined }
/**
 * The peers and their ears have a loopback address of their own: another SIP test file running at
 * the same time has sipp peers on 127.0.0.1 whose RTP, sent to a port it took from `freePorts`
 * and since freed, once reached an ear here that the system had given the same port.
 */
const MEDIA_HOST = '127.0.0.61';

/** A UDP port on MEDIA_HOST a peer advertises as its media: every datagram it gets is kept. */
interface Ear { port: number; packets: Packet[] }

async function ear(): Promise<Ear> {
  const socket = createSocket('udp4');
  const packets: Packet[] = [];
  socket.on('message', (message, from) => {
    packets.push({ host: from.address, port: from.port, payloadType: (message[1] ?? 0) & 0x7f, fill: message[12] });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, MEDIA_HOST, () => resolve());
  });
  closers.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return { port: socket.address().port, packets };
}

/** A peer playing media_uas.xml: its SDP names `ear`, its audio is `fill` bytes. */
async function mediaPeer(ear: Ear, fill: number, pauseMs: number): Promise<SippPeer> {
  const peer = await startSipp({
    scenario: 'media_uas.xml', pauseMs, timeoutS: 30, host: MEDIA_HOST,
    keys: { ear: String(ear.port) },
    files: { 'media.ulaw': new Uint8Array(8000).fill(fill) },
  });
  closers.push(() => peer.kill());
  return peer;
}

async function sipPacer() {
  const port = await freePort(PACER_HOST);
  const config = loadConfig({
    LOG_LEVEL: process.env.SIP_TEST_LOG ?? 'silent', PACER_TELEPHONY: 'sip', PACER_SIP_LISTEN: `${PACER_HOST}:${port}`, PACER_SIP_ALLOW_PRIVATE: 'true',
  });
  const pacer: Pacer = await createPacer(config, { clock: systemClock(), schema: uniqueSchema(), inMemory: true, embedded: await sharedEmbedded() });
  closers.push(() => pacer.close());
  await ensureDemo(pacer.database.db, Date.now(), TOKEN);
  return async (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => {
    const res = await pacer.app.inject({ method, url, headers: { authorization: `Bearer ${TOKEN}` }, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: res.statusCode, json: res.body ? JSON.parse(res.body) as Record<string, unknown> : {} };
  };
}

/** Polls `check` until it holds (a bound, not a sleep: it returns as soon as it holds). */
async function until<T>(ms: number, what: string, check: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await delay(20);
  }
}

const direction = (m: TracedMessage) => /^a=(sendrecv|sendonly|recvonly|inactive)/m.exec(m.text)?.[1];
/** The peer's last answer to an INVITE (its 200 OK), as it sent it. */
const lastAnswer = (peer: SippPeer) => peer.messages().filter((m) => m.direction === 'sent' && m.first === '200' && /^CSeq:\s*\d+ INVITE/m.test(m.text)).at(-1);
const got = (peer: SippPeer, method: string) => peer.messages().some((m) => m.direction === 'received' && m.first === method);

test('sip media: RTP flows phone <-> customer once bridged, stops both ways on hold, one way on mute, and after hang-up', { skip: sippSkip, timeout: 60_000 }, async (t: TestContext) => {
  const phoneEar = await ear();
  const customerEar = await ear();
  const phone = await mediaPeer(phoneEar, PHONE_FILL, 0);
  // The customer rings for 2 s: the window before the bridge is measured while it rings.
  const customer = await mediaPeer(customerEar, CUSTOMER_FILL, 2000);
  /** Packets the phone got from the customer, and the customer from the phone. */
  const counts = () => ({
    toPhone: phoneEar.packets.filter((p) => p.port === customer.mediaPort).length,
    toCustomer: customerEar.packets.filter((p) => p.port === phone.mediaPort).length,
  });
  const strays = () => [
    ...phoneEar.packets.filter((p) => p.host !== MEDIA_HOST || p.port !== customer.mediaPort || p.payloadType !== 0 || p.fill !== CUSTOMER_FILL).map((p) => ({ to: 'phone', ...p })),
    ...customerEar.packets.filter((p) => p.host !== MEDIA_HOST || p.port !== phone.mediaPort || p.payloadType !== 0 || p.fill !== PHONE_FILL).map((p) => ({ to: 'customer', ...p })),
  ];
  /** Waits until both directions carry `FLOWING` more packets than at `from` (or only the ones asked). */
  const flowing = async (what: string, from = counts(), ways: { toPhone: boolean; toCustomer: boolean } = { toPhone: true, toCustomer: true }) => {
    await until(5000, what, () => {
      const now = counts();
      return (!ways.toPhone || now.toPhone >= from.toPhone + FLOWING) && (!ways.toCustomer || now.toCustomer >= from.toCustomer + FLOWING);
    });
    return counts();
  };
  /** Once both peers have answered with the directions given: packets in the grace, then in the window. */
  const measured = async (what: string, answered: () => boolean) => {
    await until(5000, what, answered);
    const acknowledged = counts();
    await delay(GRACE_MS);
    const start = counts();
    await delay(WINDOW_MS);
    const end = counts();
    const inFlight = { toPhone: start.toPhone - acknowledged.toPhone, toCustomer: start.toCustomer - acknowledged.toCustomer };
    const window = { toPhone: end.toPhone - start.toPhone, toCustomer: end.toCustomer - start.toCustomer };
    t.diagnostic(`${what}: in flight ${JSON.stringify(inFlight)}, in ${WINDOW_MS} ms after ${JSON.stringify(window)}`);
    return window;
  };

  const api = await sipPacer();
  assert.equal((await api('POST', '/v1/trunks', { uri: `sip:${MEDIA_HOST}:${customer.port}` })).status, 201);
  assert.equal((await api('PUT', '/v1/agents/1001/phone', { contact: phone.uri('1001') })).status, 200);
  assert.equal((await api('POST', '/v1/agents/1001/status', { status: 'ready' })).status, 200);
  // Parked: the phone offered sendrecv, Pacer's ACK answered its formats as a black hole (inactive,
  // 0.0.0.0, discard port), never its own address: sipp takes a new remote address from an SDP
  // before its scenario pauses the stream, so when re-parked with its own address it could send a
  // packet to its own ear in between (the likely cause of a rare stray); with a null address it holds.
  await until(5000, 'the phone parked', () => got(phone, 'ACK'));
  const dial = await api('POST', '/v1/agents/1001/dial', { phone: '3001234567' });
  assert.equal(dial.status, 200, JSON.stringify(dial.json));

  // Before the bridge: the phone parked, the customer ringing. Nothing either way.
  await until(5000, 'the customer ringing', () => got(customer, 'INVITE'));
  await delay(WINDOW_MS);
  assert.equal(lastAnswer(customer), undefined, 'the window before the bridge ended before the customer answered (a slow machine: measure again)');
  assert.deepEqual([phoneEar.packets.length, customerEar.packets.length], [0, 0], 'no RTP before the bridge, from anyone');
  t.diagnostic(`parked and ringing: ${phoneEar.packets.length} packets to the phone, ${customerEar.packets.length} to the customer in ${WINDOW_MS} ms`);

  // Bridged: the customer answered the phone's media, the phone was re-INVITEd with the customer's.
  await until(5000, 'the agent talking', async () => (await api('GET', '/v1/agents/1001')).json.state === 'talking');
  const bridged = await flowing('RTP both ways once bridged');
  t.diagnostic(`bridged: ${JSON.stringify(bridged)}`);

  // Hold: the customer offered sendonly (answers recvonly), the phone inactive. Both stop.
  assert.equal((await api('POST', '/v1/agents/1001/hold')).status, 200);
  const held = await measured('held', () => direction(lastAnswer(customer)!) === 'recvonly' && direction(lastAnswer(phone)!) === 'inactive');
  assert.deepEqual(held, { toPhone: 0, toCustomer: 0 }, 'no RTP either way on hold');

  // Resumed: both flow again.
  assert.equal((await api('POST', '/v1/agents/1001/hold')).status, 200);
  const resumed = await flowing('RTP both ways once resumed');
  assert.ok(direction(lastAnswer(customer)!) === 'sendrecv' && direction(lastAnswer(phone)!) === 'sendrecv');
  t.diagnostic(`resumed: ${JSON.stringify(resumed)}`);

  // Mute: the customer offered recvonly (answers sendonly: it keeps talking), the phone sendonly
  // (answers recvonly: it stops). The customer is still heard, the agent is not.
  assert.equal((await api('POST', '/v1/agents/1001/mute')).status, 200);
  const muted = await measured('muted', () => direction(lastAnswer(customer)!) === 'sendonly' && direction(lastAnswer(phone)!) === 'recvonly');
  assert.equal(muted.toCustomer, 0, 'nothing from the muted phone');
  assert.ok(muted.toPhone >= FLOWING, `the customer still reaches the phone (${muted.toPhone} packets)`);
  assert.equal((await api('POST', '/v1/agents/1001/mute')).status, 200);
  await flowing('RTP both ways once unmuted');

  // Hang-up: the customer gets BYE, the phone is parked again (a black hole). Nothing either way.
  assert.equal((await api('POST', '/v1/agents/1001/hang')).status, 200);
  const hungUp = await measured('hung up', () => got(customer, 'BYE') && direction(lastAnswer(phone)!) === 'inactive');
  assert.deepEqual(hungUp, { toPhone: 0, toCustomer: 0 }, 'no RTP after the hang-up');
  assert.equal(await customer.exited, 0, customer.errors());

  // Logging out hangs the phone up.
  await until(5000, 'logged out', async () => (await api('POST', '/v1/agents/1001/status', { status: 'logout' })).status === 200);
  assert.equal(await phone.exited, 0, phone.errors());
  assert.deepEqual(strays(), [], 'every packet came from the other peer, PCMU, with its audio');
  const total = counts();
  t.diagnostic(`total: ${total.toPhone} packets customer -> phone, ${total.toCustomer} phone -> customer`);
});
