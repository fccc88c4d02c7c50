// Two Pacers in sip mode on one PostgreSQL schema (two processes of one deployment, here in one
// test process: each has its own pool, its own SIP lead connection, its own engine). The first
// holds the SIP lead; every call goes through its dialogs. Requests sent to the second — log-in,
// dial, hold, resume, hang — reach the call through LISTEN/NOTIFY and act on it. When the first
// stops, the second takes the lead: it binds the same SIP address, and the agent, still logged in,
// gets its standing session back from the new leader.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { systemClock } from '../src/adapters/clock/system-clock.ts';
import { createPacer, type Pacer } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { ensureDemo } from '../src/demo.ts';
import { freePort, PACER_HOST, sippSkip, startSipp, type SippPeer, type TracedMessage } from './support/sipp/peer.ts';
import { dropSchema, postgresUrl, uniqueSchema } from './support/stores.ts';

const TOKEN = 'sip-two-token-0001';
const pacers: Pacer[] = [];
const peers: SippPeer[] = [];
let schema: string | undefined;
after(async () => {
  for (const p of pacers) await p.close().catch(() => undefined);
  for (const peer of peers) peer.kill();
  if (schema) await dropSchema(schema);
});

async function until<T>(ms: number, what: string, check: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const received = (peer: SippPeer) => peer.messages().filter((m) => m.direction === 'received');
const direction = (m: TracedMessage) => /^a=(sendrecv|sendonly|recvonly|inactive)/m.exec(m.text)?.[1];
const lastInvite = (peer: SippPeer) => received(peer).filter((m) => m.first === 'INVITE').at(-1);
const newDialogs = (peer: SippPeer) => received(peer).filter((m) => m.first === 'INVITE' && !/^To:.*tag=/m.test(m.text)).length;

test('hold and hang sent to the process without the SIP lead act on the call; the other process takes the lead when the first stops', { skip: sippSkip }, async () => {
  schema = uniqueSchema();
  const carrier = await startSipp({ scenario: 'phone_uas.xml', pauseMs: 100, calls: 1, timeoutS: 60 });
  const phone = await startSipp({ scenario: 'phone_uas.xml', pauseMs: 0, calls: 2, timeoutS: 60 });
  peers.push(carrier, phone);
  const config = loadConfig({
    LOG_LEVEL: process.env.SIP_TEST_LOG ?? 'silent', DATABASE_URL: postgresUrl, PACER_TELEPHONY: 'sip', PACER_SIP_ALLOW_PRIVATE: 'true',
    PACER_SIP_LISTEN: `${PACER_HOST}:${await freePort(PACER_HOST)}`,
  });
  const first = await createPacer(config, { clock: systemClock(), schema, inMemory: true });
  pacers.push(first);
  await ensureDemo(first.database.db, Date.now(), TOKEN);
  const second = await createPacer(config, { clock: systemClock(), schema, inMemory: true });
  pacers.push(second);
  const api = async (p: Pacer, method: 'GET' | 'POST' | 'PUT', url: string, body?: object) => {
    const res = await p.app.inject({ method, url, headers: { authorization: `Bearer ${TOKEN}` }, ...(body ? { payload: body } : {}) });
    return { status: res.statusCode, json: JSON.parse(res.body) as Record<string, unknown> };
  };
  const state = async () => (await api(second, 'GET', '/v1/agents/1001')).json.state;

  // Everything through the second process; the first holds the lead and the dialogs.
  assert.equal((await api(second, 'POST', '/v1/trunks', { uri: `sip:127.0.0.1:${carrier.port}` })).status, 201);
  await api(second, 'PUT', '/v1/agents/1001/phone', { contact: phone.uri('1001') });
  assert.equal((await api(second, 'POST', '/v1/agents/1001/status', { status: 'ready' })).status, 200);
  await until(5000, 'the phone parked by the leader', () => received(phone).some((m) => m.first === 'ACK'));
  const dial = await api(second, 'POST', '/v1/agents/1001/dial', { phone: '3001234567' });
  assert.equal(dial.status, 200);
  await until(5000, 'talking', async () => (await state()) === 'talking');

  assert.equal((await api(second, 'POST', '/v1/agents/1001/hold')).status, 200);
  await until(5000, 'the customer held', () => direction(lastInvite(carrier)!) === 'sendonly');
  assert.equal((await api(second, 'POST', '/v1/agents/1001/hold')).status, 200);
  await until(5000, 'the customer resumed', () => direction(lastInvite(carrier)!) === 'sendrecv');
  assert.equal((await api(second, 'POST', '/v1/agents/1001/hang')).status, 200);
  await until(5000, 'the customer got BYE', () => received(carrier).some((m) => m.first === 'BYE'));
  assert.equal(await carrier.exited, 0, carrier.errors());
  assert.equal(newDialogs(phone), 1, 'one standing session, opened once');

  // The leader stops: the second process takes the lead and calls the agent's phone again.
  await first.close();
  pacers.splice(pacers.indexOf(first), 1);
  await until(15_000, 'a new session from the new leader', () => newDialogs(phone) === 2);
  assert.notEqual(await state(), 'logout', 'the agent is still logged in');
});
