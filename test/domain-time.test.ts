// Wall-clock stamps of an operation: YYYYmmddHHiiss read and written in its time zone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatStamp, isValidTimeZone, localDay, parseStamp } from '../src/domain/local-time.ts';
import { formatterCacheSize } from '../packages/vocabulary/src/stamp.ts';

test('a stamp is read in the operation time zone', () => {
  assert.equal(parseStamp('20231122101520', 'America/Bogota'), Date.parse('2023-11-22T15:15:20Z'));
  assert.equal(parseStamp('20231122101520', 'UTC'), Date.parse('2023-11-22T10:15:20Z'));
  assert.equal(parseStamp('20240229000000', 'America/Bogota'), Date.parse('2024-02-29T05:00:00Z'));
});

test('malformed and impossible stamps are refused', () => {
  for (const bad of ['', '2023112210152', '202311221015200', '2023-11-22 10:15', 'abcdefghijklmn', '20230229000000',
    '20231131000000', '20231322000000', '20231100000000', '20231122240000', '20231122106000', '20231122101560', '00001122101520']) {
    assert.equal(parseStamp(bad, 'America/Bogota'), undefined, bad);
  }
});

test('a time skipped by a daylight-saving change does not exist', () => {
  // New York springs forward at 02:00 on 2024-03-10.
  assert.equal(parseStamp('20240310023000', 'America/New_York'), undefined);
  assert.equal(parseStamp('20240310033000', 'America/New_York'), Date.parse('2024-03-10T07:30:00Z'));
});

test('formatting is the inverse of parsing; the local day follows the zone', () => {
  const at = Date.parse('2026-03-03T03:30:00Z');
  assert.equal(formatStamp(at, 'America/Bogota'), '20260302223000');
  assert.equal(parseStamp(formatStamp(at, 'Asia/Tokyo'), 'Asia/Tokyo'), at);
  assert.equal(localDay(at, 'America/Bogota'), '2026-03-02');
  assert.equal(localDay(at, 'UTC'), '2026-03-03');
  assert.equal(isValidTimeZone('America/Bogota'), true);
  assert.equal(isValidTimeZone('Mars/Olympus'), false);
});

test('zone names from requests do not grow the formatter cache without bound', () => {
  const zone = 'america/bogota';
  // Every case variant of one zone (2^14 of them here, far more than the bound).
  for (let i = 0; i < 3000; i++) {
    const variant = [...zone].map((c, j) => ((i >> (j % 12)) & 1 ? c.toUpperCase() : c)).join('');
    assert.equal(parseStamp('20260302100000', variant), Date.parse('2026-03-02T15:00:00Z'));
  }
  const size = formatterCacheSize();
  assert.ok(size.spellings <= 1000, `${size.spellings} spellings kept`);
  assert.ok(size.formatters <= 50, `${size.formatters} formatters kept`);
});
