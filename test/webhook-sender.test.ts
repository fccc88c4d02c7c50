// The webhook sender checks what a name resolves to and connects only there. Every server here
// listens on 127.0.0.1 and counts the connections it is offered: a refusal is proved by a count
// of zero, and the same post with private targets allowed is the control that reaches it.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { after, test } from 'node:test';
import { httpSender } from '../src/adapters/webhooks/http-sender.ts';
import { receiver, testResolver } from './support/webhook-receiver.ts';

const open: { close(): void }[] = [];
after(() => open.forEach((s) => s.close()));

async function listen(...args: Parameters<typeof receiver>) {
  const rx = await receiver(...args);
  open.push(rx);
  return rx;
}

const body = '{"seq":1}';
const headers = { 'content-type': 'application/json' };

test('a name that resolves to loopback is refused before any connection (DNS rebinding)', async () => {
  const rx = await listen();
  const resolve = testResolver({ 'rebind.test': ['127.0.0.1'] });
  const url = `http://rebind.test:${rx.port}/hook`;
  const refused = await httpSender({ allowPrivate: false, resolve }).post(url, body, headers, 2000);
  assert.equal(refused.status, null);
  assert.match(refused.error ?? '', /^refused, not sent: rebind\.test resolves to a loopback address \(127\.0\.0\.1\): webhooks go to public addresses; set PACER_WEBHOOK_ALLOW_PRIVATE=true/);
  assert.equal(rx.connections(), 0, 'nothing reached the server');

  // The control: allowed, the same post arrives, on the one lookup the sender made (the system
  // resolver does not know rebind.test, so the socket connected to the checked address).
  const sent = await httpSender({ allowPrivate: true, resolve }).post(url, body, headers, 2000);
  assert.deepEqual(sent, { status: 200, error: null });
  assert.equal(rx.connections(), 1);
  assert.deepEqual(resolve.asked, ['rebind.test', 'rebind.test'], 'one lookup per post');
  assert.equal(rx.got[0]?.headers.host, `rebind.test:${rx.port}`, 'the Host header names the host, not the address');
  assert.deepEqual([rx.got[0]?.url, rx.got[0]?.body], ['/hook', body]);
});

test('IPv6 forms of loopback among the answers are refused too', async () => {
  const rx = await listen();
  const resolve = testResolver({ 'mapped.test': ['::ffff:127.0.0.1'], 'two.test': ['127.0.0.1', '::1'] });
  for (const host of ['mapped.test', 'two.test']) {
    const r = await httpSender({ allowPrivate: false, resolve }).post(`http://${host}:${rx.port}/`, body, headers, 2000);
    assert.match(r.error ?? '', new RegExp(`^refused, not sent: ${host.replace('.', '\\.')} resolves to a loopback address`), host);
  }
  assert.equal(rx.connections(), 0);
});

test('a literal address or a local name stored before the rules is refused at send time, with no lookup', async () => {
  const rx = await listen();
  const resolve = testResolver();
  const sender = httpSender({ allowPrivate: false, resolve });
  for (const url of [`http://127.0.0.1:${rx.port}/`, `http://[::ffff:7f00:1]:${rx.port}/`, `http://localhost:${rx.port}/`, `http://2130706433:${rx.port}/`]) {
    const r = await sender.post(url, body, headers, 2000);
    assert.match(r.error ?? '', /^refused, not sent: url (points at a loopback address|names localhost)/, url);
  }
  assert.equal(rx.connections(), 0);
  assert.deepEqual(resolve.asked, []);
  // Allowed, a literal goes straight to its address.
  assert.deepEqual(await httpSender({ allowPrivate: true, resolve }).post(`http://127.0.0.1:${rx.port}/`, body, headers, 2000), { status: 200, error: null });
});

test('TLS names the URL host (SNI) while the socket goes to the checked address', async () => {
  const names: string[] = [];
  // No certificate: the handshake fails after the server has read the name the client asked for.
  const server = createTlsServer({ SNICallback: (name, cb) => { names.push(name); cb(new Error('no certificate here')); } });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push(server);
  const port = (server.address() as AddressInfo).port;
  const r = await httpSender({ allowPrivate: true, resolve: testResolver({ 'rebind.test': ['127.0.0.1'] }) }).post(`https://rebind.test:${port}/`, body, headers, 2000);
  assert.equal(r.status, null);
  assert.deepEqual(names, ['rebind.test']);
});

test('a redirect is an answer, never followed', async () => {
  const target = await listen();
  const rx = await listen([302], { location: `http://127.0.0.1:${target.port}/elsewhere` });
  const r = await httpSender({ allowPrivate: true, resolve: testResolver() }).post(`http://127.0.0.1:${rx.port}/`, body, headers, 2000);
  assert.deepEqual(r, { status: 302, error: null });
  assert.equal(target.connections(), 0);
});

test('a failed or endless lookup is a failure with a reason, bounded by the timeout', async () => {
  const gone = await httpSender({ allowPrivate: false, resolve: testResolver() }).post('http://nowhere.test/', body, headers, 2000);
  assert.deepEqual(gone, { status: null, error: 'getaddrinfo ENOTFOUND nowhere.test' });
  const endless = await httpSender({ allowPrivate: false, resolve: () => new Promise(() => undefined) }).post('http://slow.test/', body, headers, 50);
  assert.deepEqual(endless, { status: null, error: 'no answer within 50 ms' });
});
