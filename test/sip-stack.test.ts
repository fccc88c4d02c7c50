// The typed stack over the vendored npm `sip`, and the patches made to it, between two stacks on
// loopback (no sipp needed): a peer on our own host is reached (no synthetic 404), TCP has Nagle
// off, branches are random, the UDP receive buffer can be set, a taken port is an error at start,
// stopping closes TCP connections, traces hide credentials, the stack's own responses are told
// from the peer's, a finished INVITE transaction holds no more than it needs.
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import { mock, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { responseTo, type SipRequest, type SipResponse } from '../src/adapters/telephony/sip/message.ts';
import { createSipStack, type SipStack, type SipStackOptions } from '../src/adapters/telephony/sip/stack.ts';
import { createUserAgent } from '../src/adapters/telephony/sip/user-agent.ts';
import { systemClock } from '../src/adapters/clock/system-clock.ts';
import { freePort, within } from './support/sipp/peer.ts';

const HOST = '127.0.0.20';

async function pair(options: Partial<SipStackOptions> = {}) {
  const traces: string[] = [];
  const make = async () => {
    const stack = createSipStack({ address: HOST, port: await freePort(HOST), logger: { debug: (l) => traces.push(l), error: () => undefined }, ...options });
    await stack.start();
    return stack;
  };
  const a = await make();
  const b = await make();
  const got: SipRequest[] = [];
  b.onRequest((request) => {
    got.push(request);
    b.respond(responseTo(request, 200, 'OK'));
  });
  return { a, b, got, traces, async stop() { await a.stop(); await b.stop(); } };
}

function options(from: SipStack, to: SipStack, transport = 'udp', headers: Record<string, unknown> = {}): SipRequest {
  return {
    method: 'OPTIONS', uri: `sip:ping@${HOST}:${to.port}${transport === 'tcp' ? ';transport=tcp' : ''}`,
    headers: {
      via: [], to: { uri: `sip:ping@${HOST}:${to.port}`, params: {} }, from: { uri: `sip:pacer@${HOST}:${from.port}`, params: { tag: 'a1' } },
      'call-id': `${Math.random()}@test`, cseq: { seq: 1, method: 'OPTIONS' }, 'max-forwards': 70, ...headers,
    },
  };
}

const ask = (from: SipStack, request: SipRequest) => within(3000, 'the response', new Promise<SipResponse>((resolve) => {
  from.send(request, (response) => { if (response.status >= 200) resolve(response); });
}));

test('a peer on our own address but another port is reached: no synthetic 404 (host and port compared)', async () => {
  const s = await pair();
  try {
    const response = await ask(s.a, options(s.a, s.b));
    assert.equal(response.status, 200);
    assert.equal(s.got.length, 1);
  } finally {
    await s.stop();
  }
});

test('branches are random (96 bits from crypto), not one of a million', async () => {
  const s = await pair();
  try {
    for (let i = 0; i < 3; i++) await ask(s.a, options(s.a, s.b));
    const branches = s.got.map((r) => String(r.headers.via[0]?.params.branch));
    for (const b of branches) assert.match(b, /^z9hG4bK[0-9a-f]{24}$/);
    assert.equal(new Set(branches).size, 3);
  } finally {
    await s.stop();
  }
});

test('TCP: every connection has Nagle off (setNoDelay), both the one we open and the one we accept; stop closes them', async (t) => {
  const noDelay = t.mock.method(net.Socket.prototype, 'setNoDelay');
  const tcpHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
  const before = tcpHandles();
  const s = await pair({ transports: ['udp', 'tcp'] });
  const response = await ask(s.a, options(s.a, s.b, 'tcp'));
  assert.equal(response.status, 200);
  assert.equal(s.got[0]?.headers.via[0]?.protocol, 'TCP');
  const calls = noDelay.mock.calls.filter((c) => c.arguments[0] === true);
  assert.ok(calls.length >= 2, `setNoDelay(true) on both ends (${calls.length} calls)`);
  assert.ok(tcpHandles() > before);
  await s.stop();
  await within(2000, 'the TCP sockets closed', (async () => { while (tcpHandles() > before) await new Promise((r) => setImmediate(r)); })());
});

test('recvBufferSize reaches the UDP socket', async (t) => {
  const created = t.mock.method(dgram, 'createSocket');
  const stack = createSipStack({ address: HOST, port: await freePort(HOST), transports: ['udp'], recvBufferSize: 1 << 20 });
  await stack.start();
  try {
    const args = created.mock.calls.map((c) => c.arguments[0] as unknown);
    assert.ok(args.some((a) => typeof a === 'object' && a !== null && (a as { recvBufferSize?: number }).recvBufferSize === 1 << 20), JSON.stringify(args));
  } finally {
    await stack.stop();
    mock.restoreAll();
  }
});

test('a port already taken is an error at start, with the address named, not a crash', async () => {
  const port = await freePort(HOST);
  const holder = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => holder.bind(port, HOST, resolve));
  try {
    const stack = createSipStack({ address: HOST, port, transports: ['udp'] });
    await assert.rejects(stack.start(), new RegExp(`^Error: SIP UDP cannot listen on ${HOST.replaceAll('.', '\\.')}:${port}: .*EADDRINUSE`));
  } finally {
    holder.close();
  }
});

test('debug traces show every message both ways with Authorization and Proxy-Authorization redacted', async () => {
  const s = await pair();
  try {
    const request = options(s.a, s.b, 'udp', {
      authorization: [{ scheme: 'Digest', username: '"u1"', response: '"0123456789abcdef0123456789abcdef"' }],
      'proxy-authorization': [{ scheme: 'Digest', username: '"u1"', response: '"fedcba9876543210fedcba9876543210"' }],
    });
    await ask(s.a, request);
    assert.equal(s.got[0]?.headers.authorization !== undefined, true, 'the header itself went out');
    const requestTraces = s.traces.filter((l) => /\nOPTIONS /.test(l));
    assert.equal(requestTraces.length, 2, 'sent by one stack, received by the other');
    for (const line of requestTraces) {
      assert.match(line, /^Authorization: <redacted>\r?$/m);
      assert.match(line, /^Proxy-Authorization: <redacted>\r?$/m);
      assert.ok(!/0123456789abcdef|fedcba9876543210|u1/.test(line), line);
    }
    assert.ok(s.traces.some((l) => /^SIP received from udp:127\.0\.0\.20:\d+\nSIP\/2\.0 200 OK/.test(l)));
  } finally {
    await s.stop();
  }
});

test("the stack's own 503 (TCP connection refused) is a dead peer: failed at once; a carrier's real 503 is congestion, with its reason", async () => {
  const s = await pair({ transports: ['udp', 'tcp'] });
  try {
    const ua = createUserAgent({ stack: s.a, clock: systemClock() });
    const nobody = await freePort(HOST);
    const refused = await within(3000, 'the refused call', ua.invite({ target: `sip:x@${HOST}:${nobody};transport=tcp`, ringTimeoutMs: 30_000 }));
    assert.deepEqual(refused, { result: 'failed', status: null, reason: 'the peer cannot be reached (transport error)' });

    const carrier = createSipStack({ address: HOST, port: await freePort(HOST) });
    await carrier.start();
    try {
      carrier.onRequest((request) => {
        if (request.method === 'INVITE') carrier.respond(responseTo(request, 503, 'Maintenance', { headers: { 'retry-after': '60', to: { ...request.headers.to, params: { tag: 'c' } } } }));
      });
      const busy = await within(3000, 'the call', ua.invite({ target: `sip:x@${HOST}:${carrier.port}`, ringTimeoutMs: 30_000 }));
      assert.deepEqual(busy, { result: 'congestion', status: 503, reason: 'Maintenance' });
    } finally {
      await carrier.stop();
    }
  } finally {
    await s.stop();
  }
});

test('a request Pacer does not answer is forgotten: at once with drop(), else after 32 s; a retransmission is then heard again', async (t) => {
  // Only the stack's timers are mocked (its transaction timers are setTimeout); the I/O is real.
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const stack = createSipStack({ address: HOST, port: await freePort(HOST), transports: ['udp'] });
  await stack.start();
  const peer = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => peer.bind(0, HOST, resolve));
  const heard: SipRequest[] = [];
  let onHeard = () => {};
  stack.onRequest((request) => { heard.push(request); onHeard(); });
  const branchOf = (r: SipRequest) => r.headers.via[0]?.params.branch;
  const wire = (branch: string) => [
    `OPTIONS sip:pacer@${HOST}:${stack.port} SIP/2.0`, `Via: SIP/2.0/UDP ${HOST}:${peer.address().port};branch=${branch}`,
    `From: <sip:scanner@${HOST}>;tag=s1`, `To: <sip:pacer@${HOST}>`, `Call-ID: ${branch}@scanner`, 'CSeq: 1 OPTIONS', 'Max-Forwards: 70', 'Content-Length: 0', '', '',
  ].join('\r\n');
  let probes = 0;
  /** Sends the request with `branch`; whether the stack passed it up (a probe after it tells when it was processed). */
  const heardAgain = async (branch: string): Promise<boolean> => {
    const before = heard.length;
    const probe = `z9hG4bKprobe${++probes}`;
    const probed = new Promise<void>((resolve) => { onHeard = () => { if (heard.some((r) => branchOf(r) === probe)) resolve(); }; });
    peer.send(wire(branch), stack.port, HOST);
    peer.send(wire(probe), stack.port, HOST);
    await probed;
    return heard.slice(before).some((r) => branchOf(r) === branch);
  };
  try {
    assert.equal(await heardAgain('z9hG4bKunanswered1'), true);
    assert.equal(await heardAgain('z9hG4bKunanswered1'), false, 'a retransmission is absorbed by its transaction');
    stack.drop(heard.find((r) => branchOf(r) === 'z9hG4bKunanswered1')!);
    assert.equal(await heardAgain('z9hG4bKunanswered1'), true, 'dropped: heard again');
    assert.equal(await heardAgain('z9hG4bKunanswered1'), false);
    t.mock.timers.tick(31_999);
    assert.equal(await heardAgain('z9hG4bKunanswered1'), false);
    t.mock.timers.tick(1);
    assert.equal(await heardAgain('z9hG4bKunanswered1'), true, 'unanswered for 32 s: forgotten');
  } finally {
    peer.close();
    await stack.stop();
  }
});

test('a failed INVITE lets go of its caller while it waits out Timer D: the callback and what it holds are collected', async (t) => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const stacks = await pair();
  t.after(() => stacks.stop());
  const busy = createSipStack({ address: HOST, port: await freePort(HOST), transports: ['udp'] });
  await busy.start();
  t.after(() => busy.stop());
  busy.onRequest((request) => { if (request.method === 'INVITE') busy.respond(responseTo(request, 486, 'Busy Here')); });
  const invite: SipRequest = {
    ...options(stacks.a, busy), method: 'INVITE', uri: `sip:customer@${HOST}:${busy.port}`,
  };
  invite.headers = { ...invite.headers, cseq: { seq: 1, method: 'INVITE' }, contact: [{ uri: `sip:pacer@${HOST}:${stacks.a.port}`, params: {} }] };
  // The call behind the callback: collected once nothing but the finished transaction could hold it.
  const place = () => {
    const call = { sdp: 'v=0'.repeat(10_000) };
    const answered = new Promise<number>((resolve) => {
      stacks.a.send(invite, (response) => { if (response.status >= 200 && call.sdp.length > 0) resolve(response.status); });
    });
    return { held: new WeakRef(call), answered };
  };
  const { held, answered } = place();
  const status = await within(3000, 'the 486', answered);
  assert.equal(status, 486);
  await new Promise((resolve) => setImmediate(resolve)); // a WeakRef's target is kept to the end of the turn it was made in
  gc();
  assert.equal(held.deref(), undefined, 'the finished transaction (32 s of Timer D) still held the callback');
});
