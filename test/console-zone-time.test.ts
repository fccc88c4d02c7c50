// The console's wall-clock times of the operation's zone (packages/console/src/zone-time.ts): a
// callback promised for 10:00 on the operation's clock is 10:00 there whatever the browser's zone,
// summer-time gaps are refused and repeated hours take the first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instantInZone, knownZone, wallTimeAt } from '../packages/console/src/zone-time.ts';

const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

test('a wall-clock time of a zone is its instant, in zones with and without summer time', () => {
  assert.equal(iso(instantInZone({ date: '2026-03-02', time: '10:00' }, 'America/Bogota')), '2026-03-02T15:00:00.000Z');
  assert.equal(iso(instantInZone({ date: '2026-12-31', time: '23:59' }, 'America/Bogota')), '2027-01-01T04:59:00.000Z');
  assert.equal(iso(instantInZone({ date: '2026-07-01', time: '12:00' }, 'Europe/Madrid')), '2026-07-01T10:00:00.000Z');
  assert.equal(iso(instantInZone({ date: '2026-01-15', time: '12:00' }, 'Europe/Madrid')), '2026-01-15T11:00:00.000Z');
  assert.equal(iso(instantInZone({ date: '2026-03-08', time: '03:30' }, 'America/New_York')), '2026-03-08T07:30:00.000Z');
  assert.equal(iso(instantInZone({ date: '2026-03-02', time: '00:00' }, 'Asia/Kolkata')), '2026-03-01T18:30:00.000Z');
});

test('a time skipped by summer time does not exist; an hour that happens twice is the first', () => {
  assert.equal(instantInZone({ date: '2026-03-08', time: '02:30' }, 'America/New_York'), undefined);
  assert.equal(instantInZone({ date: '2026-03-29', time: '02:30' }, 'Europe/Madrid'), undefined);
  assert.equal(iso(instantInZone({ date: '2026-11-01', time: '01:30' }, 'America/New_York')), '2026-11-01T05:30:00.000Z');
});

test('the wall-clock time of an instant, and what is not a date or a zone', () => {
  assert.deepEqual(wallTimeAt(Date.parse('2026-03-02T15:00:00Z'), 'America/Bogota'), { date: '2026-03-02', time: '10:00' });
  assert.deepEqual(wallTimeAt(Date.parse('2026-03-02T05:00:00Z'), 'America/Bogota'), { date: '2026-03-02', time: '00:00' });
  for (const wall of [{ date: '2026-3-2', time: '10:00' }, { date: '2026-03-02', time: '' }, { date: '', time: '10:00' }, { date: '2026-02-30', time: '10:00' }]) {
    assert.equal(instantInZone(wall, 'America/Bogota'), undefined, JSON.stringify(wall));
  }
  assert.equal(knownZone('America/Bogota'), true);
  assert.equal(knownZone('Nowhere/Atlantis'), false);
});
