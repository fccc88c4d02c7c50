// The address classifier: every way of writing an address lands in its range, both as the raw
// text and as the engine sees it after the URL parser (`new URL(…).hostname`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyAddress, formatIPv6, parseIPv4, parseIPv6, type AddressRange } from '../src/domain/network-address.ts';

const hostOf = (host: string) => new URL(`http://${host}:5432/`).hostname;

function expectRange(text: string, range: AddressRange, address?: string): void {
  const got = classifyAddress(text);
  assert.ok(got, `${text} is an address`);
  assert.equal(got.range, range, text);
  if (address !== undefined) assert.equal(got.address, address, text);
}

test('every IPv4 form of loopback, raw and through the URL parser', () => {
  const forms = ['127.0.0.1', '2130706433', '0x7f000001', '0X7F000001', '0x7F.1', '0177.0.0.1', '0177.1', '017700000001',
    '127.1', '127.0.1', '0x7f.0x0.0x0.0x1', '127.0.0.1.', '127.255.255.254', '0x7f.0.0.01'];
  for (const form of forms) {
    expectRange(form, 'loopback');
    assert.match(hostOf(form), /^127\./, `the URL parser reads ${form} as a dotted quad`);
    expectRange(hostOf(form), 'loopback');
  }
  assert.equal(parseIPv4('2130706433'), 0x7f000001);
  assert.equal(classifyAddress('127.1')?.address, '127.0.0.1');
});

test('the metadata address in its disguises is link-local', () => {
  for (const form of ['169.254.169.254', '2852039166', '0xa9fea9fe', '0251.0376.0251.0376', '169.254.43518', '0xa9.0xfe.0xa9.0xfe']) {
    expectRange(form, 'link-local', '169.254.169.254');
    expectRange(hostOf(form), 'link-local', '169.254.169.254');
  }
});

test('IPv4 ranges', () => {
  const cases: [string, AddressRange][] = [
    ['10.0.0.1', 'private'], ['10.255.255.255', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'], ['100.64.0.1', 'private'], ['100.127.255.255', 'private'],
    ['169.254.0.1', 'link-local'], ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'],
    ['0.0.0.0', 'unspecified'], ['0.1.2.3', 'unspecified'], ['0', 'unspecified'], ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'], ['255.255.255.254', 'reserved'], ['192.0.2.1', 'reserved'], ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'], ['198.18.0.1', 'reserved'], ['198.19.255.255', 'reserved'], ['192.0.0.8', 'reserved'],
    ['192.88.99.1', 'reserved'],
    ['8.8.8.8', 'public'], ['1.1.1.1', 'public'], ['9.255.255.255', 'public'], ['11.0.0.0', 'public'], ['172.15.255.255', 'public'],
    ['172.32.0.0', 'public'], ['100.63.255.255', 'public'], ['100.128.0.0', 'public'], ['192.169.0.1', 'public'],
    ['126.255.255.255', 'public'], ['128.0.0.0', 'public'], ['223.255.255.255', 'public'], ['198.20.0.0', 'public'],
  ];
  for (const [text, range] of cases) expectRange(text, range);
});

test('every IPv6 form of loopback, raw, bracketed and through the URL parser', () => {
  const forms = ['::1', '[::1]', '0:0:0:0:0:0:0:1', '[0000:0000:0000:0000:0000:0000:0000:0001]', '0::1', '::0:1'];
  for (const form of forms) expectRange(form, 'loopback', '::1');
  for (const form of ['[::1]', '[0:0:0:0:0:0:0:1]', '[0::0001]']) expectRange(hostOf(form), 'loopback', '::1');
  assert.equal(hostOf('[0:0:0:0:0:0:0:1]'), '[::1]');
});

test('IPv6 forms of an IPv4 address are judged by that address, in either case', () => {
  const loopback: [string, string][] = [
    ['::ffff:127.0.0.1', '::ffff:7f00:1'], ['::ffff:7f00:1', '::ffff:7f00:1'], ['[::FFFF:7F00:1]', '::ffff:7f00:1'],
    ['0:0:0:0:0:ffff:127.0.0.1', '::ffff:7f00:1'], ['::ffff:0:127.0.0.1', '::ffff:0:7f00:1'],
    ['::127.0.0.1', '::7f00:1'], ['::7f00:1', '::7f00:1'],
    ['64:ff9b::127.0.0.1', '64:ff9b::7f00:1'], ['64:FF9B::7F00:1', '64:ff9b::7f00:1'],
    ['2002:7f00:1::', '2002:7f00:1::'], ['2002:7f00:0001:abcd::1', '2002:7f00:1:abcd::1'],
  ];
  for (const [form, canonical] of loopback) {
    const got = classifyAddress(form);
    assert.deepEqual([got?.range, got?.address, got?.ipv4], ['loopback', canonical, '127.0.0.1'], form);
  }
  // The URL parser rewrites the dotted tail in hex: the engine sees ::ffff:7f00:1.
  assert.equal(hostOf('[::ffff:127.0.0.1]'), '[::ffff:7f00:1]');
  for (const form of ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[::127.0.0.1]', '[64:ff9b::127.0.0.1]', '[2002:7f00:1::]']) {
    expectRange(hostOf(form), 'loopback');
  }
  expectRange('::ffff:169.254.169.254', 'link-local');
  expectRange('64:ff9b::a9fe:a9fe', 'link-local');
  expectRange('2002:a9fe:a9fe::1', 'link-local');
  expectRange('::ffff:10.0.0.1', 'private');
  expectRange('::ffff:0.0.0.0', 'unspecified');
  expectRange('::ffff:8.8.8.8', 'public');
  expectRange('64:ff9b::808:808', 'public');
  expectRange('2002:808:808::1', 'public');
  // Deprecated forms that nobody routes are not public even when they carry a public address.
  expectRange('::8.8.8.8', 'reserved');
  expectRange('::ffff:0:8.8.8.8', 'reserved');
});

test('IPv6 ranges', () => {
  const cases: [string, AddressRange][] = [
    ['::', 'unspecified'], ['[::]', 'unspecified'], ['fc00::1', 'private'], ['fd12:3456:789a::1', 'private'],
    ['fd00:ec2::254', 'private'], ['fec0::1', 'private'], ['64:ff9b:1::1', 'private'],
    ['fe80::1', 'link-local'], ['febf:ffff::1', 'link-local'], ['FE80::ABCD', 'link-local'],
    ['ff02::1', 'multicast'], ['ff05::1:3', 'multicast'],
    ['2001:db8::1', 'reserved'], ['2001::1', 'reserved'], ['2001:2::1', 'reserved'], ['100::1', 'reserved'],
    ['3fff::1', 'reserved'], ['4000::1', 'reserved'], ['::2', 'unspecified'],
    ['2606:4700:4700::1111', 'public'], ['2a00:1450:4001::1', 'public'], ['2001:4860:4860::8888', 'public'],
  ];
  for (const [text, range] of cases) expectRange(text, range);
});

test('a zone id is read past; the URL parser refuses it', () => {
  expectRange('fe80::1%eth0', 'link-local', 'fe80::1');
  expectRange('[fe80::1%25eth0]', 'link-local', 'fe80::1');
  expectRange('::1%lo', 'loopback', '::1');
  assert.throws(() => new URL('http://[fe80::1%25eth0]/'));
  assert.equal(parseIPv6('fe80::1%'), undefined);
});

test('what is no address is a name, not a guess', () => {
  for (const text of ['example.com', 'localhost', '', 'rebind.test', '1.2.3.4.5', '256.0.0.1', '1.2.3.256', '1.2.65536',
    '08.0.0.1', '0x.g', '1..2', ':::', '1::2::3', '12345::', 'g::1', '[::1', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9',
    '1:2:3:4::5:6:7:8', '::1.2.3', '::1.2.3.04', '1.2.3.4::', 'fe80::1%']) {
    assert.equal(classifyAddress(text), undefined, JSON.stringify(text));
  }
});

test('IPv6 is written as RFC 5952 says', () => {
  const cases: [string, string][] = [
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'], ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], ['1:0:2:3:4:5:6:7', '1:0:2:3:4:5:6:7'], ['::', '::'], ['1::', '1::'],
  ];
  for (const [text, canonical] of cases) assert.equal(formatIPv6(parseIPv6(text) as bigint), canonical, text);
});
