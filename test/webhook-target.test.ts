// Where webhooks may go (src/domain/webhook-target.ts), and the setting that lifts the address
// rules (PACER_WEBHOOK_ALLOW_PRIVATE in src/config.ts). Pure: nothing here opens a socket, and the
// URLs name loopback addresses only (which IPv4 ranges are private or link-local is proven without a
// URL in network-address.test.ts); the other ranges' wording is checked with IPv6 forms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.ts';
import { hostProblem, resolvedProblem, webhookUrlProblem } from '../src/domain/webhook-target.ts';

const remedy = /: webhooks go to public addresses; set PACER_WEBHOOK_ALLOW_PRIVATE=true on a private network$/;

test('literal non-public addresses are refused, naming the range and the address as parsed', () => {
  const cases: [string, RegExp][] = [
    ['http://127.0.0.1:5432/', /^url points at a loopback address \(127\.0\.0\.1\)/],
    ['http://2130706433/', /loopback address \(127\.0\.0\.1\)/],
    ['http://0x7f000001:8080/x', /loopback address \(127\.0\.0\.1\)/],
    ['http://0177.0.0.1/', /loopback address \(127\.0\.0\.1\)/],
    ['http://127.1/', /loopback address \(127\.0\.0\.1\)/],
    ['https://[::1]:443/', /loopback address \(::1\)/],
    ['http://[::ffff:127.0.0.1]/', /loopback address \(::ffff:7f00:1, an IPv6 form of 127\.0\.0\.1\)/],
    ['http://[::FFFF:7F00:1]/', /loopback address \(::ffff:7f00:1, an IPv6 form of 127\.0\.0\.1\)/],
    ['http://[64:ff9b::127.0.0.9]/', /loopback address \(64:ff9b::7f00:9, an IPv6 form of 127\.0\.0\.9\)/],
    ['http://[2002:a00:1::]/', /private address \(2002:a00:1::, an IPv6 form of 10\.0\.0\.1\)/],
    ['http://127.9.8.7/latest/meta-data/', /a loopback address \(127\.9\.8\.7\)/],
    ['http://100.64.0.1/', /a private address/], ['http://[fd00::1]/', /a private address \(fd00::1\)/],
    ['http://[fe80::1]/', /a link-local address \(fe80::1\)/], ['http://224.0.0.1/', /a multicast address/],
    ['http://0.0.0.0:22/', /an unspecified address \(0\.0\.0\.0\)/], ['http://0/', /an unspecified address \(0\.0\.0\.0\)/],
    ['http://[::]/', /an unspecified address \(::\)/], ['http://255.255.255.255/', /a broadcast address/],
    ['http://192.0.2.10/', /a reserved address \(192\.0\.2\.10\)/], ['http://[2001:db8::1]/', /a reserved address/],
  ];
  for (const [url, message] of cases) {
    const problem = webhookUrlProblem(url, false);
    assert.match(problem ?? '', message, url);
    assert.match(problem ?? '', remedy, url);
  }
});

test('names that are local by definition are refused; other names pass to the send-time check', () => {
  const refused: [string, RegExp][] = [
    ['http://localhost:8080/', /^url names localhost, this host/], ['http://LOCALHOST./', /^url names localhost,/],
    ['http://api.localhost/', /^url names api\.localhost, this host/], ['http://printer.local/', /multicast DNS/],
    ['http://metadata.google.internal/computeMetadata/v1/', /metadata\.google\.internal, a private-use name/],
    ['http://nas.home.arpa/', /home network/], ['http://localhost.localdomain/', /local domain/],
    ['http://postgres:5432/', /^url names postgres, a name without a dot/], ['http://intranet/', /a name without a dot/],
  ];
  for (const [url, message] of refused) {
    const problem = webhookUrlProblem(url, false);
    assert.match(problem ?? '', message, url);
    assert.match(problem ?? '', remedy, url);
  }
  for (const url of ['https://hooks.example.com/pacer', 'http://8.8.8.8/', 'https://[2606:4700:4700::1111]/', 'http://rebind.test:8080/x',
    'https://crm.example.com:8443/hooks', 'http://localhost.example.com/', 'http://local.example.org/', 'http://[::ffff:8.8.8.8]/']) {
    assert.equal(webhookUrlProblem(url, false), undefined, url);
  }
});

test('the scheme and credentials rules hold whatever the setting; the address rules are lifted by it', () => {
  for (const allow of [false, true]) {
    assert.match(webhookUrlProblem('ftp://example.com/', allow) ?? '', /^url must use http or https$/);
    assert.match(webhookUrlProblem('not a url', allow) ?? '', /^url must be an absolute http\(s\) URL/);
    assert.match(webhookUrlProblem('https://user:pw@example.com/', allow) ?? '', /must not carry credentials/);
  }
  for (const url of ['http://127.0.0.1:5432/', 'http://localhost/', 'http://[::1]/', 'http://127.3.2.1/', 'http://postgres:5432/']) {
    assert.equal(webhookUrlProblem(url, true), undefined, url);
  }
});

test('after resolution, any one address that is not public refuses the host', () => {
  assert.equal(resolvedProblem('hooks.example.com', ['8.8.8.8', '2606:4700:4700::1111']), undefined);
  assert.match(resolvedProblem('rebind.test', ['127.0.0.1']) ?? '', /^rebind\.test resolves to a loopback address \(127\.0\.0\.1\)/);
  assert.match(resolvedProblem('mixed.test', ['8.8.8.8', '127.0.0.2']) ?? '', /resolves to a loopback address \(127\.0\.0\.2\)/);
  assert.match(resolvedProblem('mapped.test', ['::ffff:127.0.0.1']) ?? '', /loopback address \(::ffff:7f00:1, an IPv6 form of 127\.0\.0\.1\)/);
  assert.match(resolvedProblem('none.test', []) ?? '', /resolves to no address/);
  assert.equal(hostProblem('hooks.example.com'), undefined);
});

test('PACER_WEBHOOK_ALLOW_PRIVATE is true or false, false by default; anything else stops Pacer', () => {
  assert.equal(loadConfig({}).webhookAllowPrivate, false);
  assert.equal(loadConfig({ PACER_WEBHOOK_ALLOW_PRIVATE: '' }).webhookAllowPrivate, false);
  assert.equal(loadConfig({ PACER_WEBHOOK_ALLOW_PRIVATE: 'true' }).webhookAllowPrivate, true);
  assert.equal(loadConfig({ PACER_WEBHOOK_ALLOW_PRIVATE: 'false' }).webhookAllowPrivate, false);
  for (const bad of ['yes', '1', 'TRUE', 'on']) {
    assert.throws(() => loadConfig({ PACER_WEBHOOK_ALLOW_PRIVATE: bad }),
      (e: unknown) => e instanceof ConfigError && e.message === `PACER_WEBHOOK_ALLOW_PRIVATE must be true or false, got "${bad}"`);
  }
});
