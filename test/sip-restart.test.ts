// A real Pacer process in sip mode on PostgreSQL, killed with SIGKILL in the middle of a call: the
// process started after it reads the dialogs the dead one wrote down (sip_dialogs), hangs each up
// (the carrier gets its BYE, so no call is left billing; the agent's phone gets one for its old
// session), ends the call in the engine, and calls the agent's phone again: the agent, still logged
// in, has its standing session back. Real sipp peers on loopback, every wait bounded.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { killHard, scratchDatabase, startPacer, type PacerProcess } from './support/pacer-process.ts';
import { freePort, PACER_HOST, sippSkip, startSipp, type SippPeer } from './support/sipp/peer.ts';

const TOKEN = 'sip-restart-token-0001';
const children: PacerProcess[] = [];
const peers: SippPeer[] = [];
const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const p of children) await killHard(p.child);
  for (const peer of peers) peer.kill();
  for (const drop of drops) await drop();
});

async function until<T>(ms: number, what: string, check: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('kill -9 during a call: the next process hangs up the dead one\'s legs and opens the agent\'s session again', { skip: sippSkip }, async () => {
  const db = await scratchDatabase('pacer_sip_restart');
  drops.push(() => db.drop());
  const carrier = await startSipp({ scenario: 'phone_uas.xml', pauseMs: 0, calls: 1, timeoutS: 60 });
  const phone = await startSipp({ scenario: 'phone_uas.xml', pauseMs: 0, calls: 2, timeoutS: 60 });
  peers.push(carrier, phone);
  const env = {
    DATABASE_URL: db.url, PACER_DEMO_TOKEN: TOKEN, PACER_TELEPHONY: 'sip', PACER_SIP_ALLOW_PRIVATE: 'true',
    PACER_SIP_LISTEN: `${PACER_HOST}:${await freePort(PACER_HOST)}`,
  };
  const first = await startPacer(env);
  children.push(first);
  const api = async (base: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method, headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: await res.json() as Record<string, unknown> };
  };
  assert.equal((await api(first.base, 'POST', '/v1/trunks', { uri: `sip:127.0.0.1:${carrier.port}` })).status, 201);
  await api(first.base, 'PUT', '/v1/agents/1001/phone', { contact: phone.uri('1001') });
  assert.equal((await api(first.base, 'POST', '/v1/agents/1001/status', { status: 'ready' })).status, 200);
  await until(5000, 'the phone parked', () => phone.messages().some((m) => m.direction === 'received' && m.first === 'ACK'));
  const dial = await api(first.base, 'POST', '/v1/agents/1001/dial', { phone: '3001234567' });
  assert.equal(dial.status, 200);
  await until(5000, 'talking', async () => (await api(first.base, 'GET', '/v1/agents/1001')).json.state === 'talking');

  await killHard(first.child);
  const received = (peer: SippPeer) => peer.messages().filter((m) => m.direction === 'received');
  assert.ok(!received(carrier).some((m) => m.first === 'BYE'), 'nothing hung up by the dying process');

  const second = await startPacer(env);
  children.push(second);
  await until(10_000, 'the carrier got its BYE', () => received(carrier).some((m) => m.first === 'BYE'));
  assert.equal(await carrier.exited, 0, carrier.errors());
  await until(10_000, 'the old session hung up and a new one parked', () => {
    const atPhone = received(phone);
    const bye = atPhone.findIndex((m) => m.first === 'BYE');
    return bye >= 0 && atPhone.slice(bye).some((m) => m.first === 'INVITE' && !/^To:.*tag=/m.test(m.text));
  });
  const call = await until(10_000, 'the call ended in the engine', async () => {
    const c = await api(second.base, 'GET', `/v1/calls/${dial.json.conn_id as string}`);
    return c.json.state === 'ended' ? c.json : undefined;
  });
  assert.equal(call.result, 'unknown');
  const ended = await api(second.base, 'GET', '/v1/events?after=0&limit=500&type=call.ended');
  const events = (ended.json.data ?? []) as { call_id?: string; data?: { by?: string } }[];
  assert.deepEqual(events.filter((e) => e.call_id === dial.json.conn_id).map((e) => e.data?.by), ['system'], 'ended by Pacer, not by the customer');
  assert.notEqual((await api(second.base, 'GET', '/v1/agents/1001')).json.state, 'logout', 'the agent is still logged in');
  await killHard(second.child);
});
