// The campaign calling window: time of day in the operation's zone, in the formats wolkvox uses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insideCallingWindow, secondOfDay } from '../src/domain/calling-window.ts';

const bogota = 'America/Bogota';
const at = (iso: string) => Date.parse(iso);

test('reads HH:MM, HH:MM:SS, hhiiss and YYYYmmddhhiiss; rejects the rest', () => {
  assert.equal(secondOfDay('08:30'), 8 * 3600 + 1800);
  assert.equal(secondOfDay('08:30:15'), 8 * 3600 + 1815);
  assert.equal(secondOfDay('083015'), 8 * 3600 + 1815);
  assert.equal(secondOfDay('20231122083015'), 8 * 3600 + 1815);
  for (const bad of ['', '8', '25:00', '08:61', 'morning']) assert.equal(secondOfDay(bad), undefined, bad);
  assert.equal(secondOfDay(null), undefined);
});

test('inside [start, end) in the operation zone; open sides; windows across midnight', () => {
  // 15:00Z is 10:00 in Bogota (UTC-5).
  assert.equal(insideCallingWindow('08:00:00', '18:00:00', at('2026-03-02T15:00:00Z'), bogota), true);
  assert.equal(insideCallingWindow('11:00:00', '18:00:00', at('2026-03-02T15:00:00Z'), bogota), false);
  assert.equal(insideCallingWindow('08:00:00', '10:00:00', at('2026-03-02T15:00:00Z'), bogota), false);
  assert.equal(insideCallingWindow(null, null, at('2026-03-02T08:00:00Z'), bogota), true);
  assert.equal(insideCallingWindow('08:00', null, at('2026-03-02T12:00:00Z'), bogota), false);
  assert.equal(insideCallingWindow('22:00', '02:00', at('2026-03-03T04:00:00Z'), bogota), true); // 23:00
  assert.equal(insideCallingWindow('22:00', '02:00', at('2026-03-02T15:00:00Z'), bogota), false);
});
