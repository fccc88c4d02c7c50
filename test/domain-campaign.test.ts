// The pure record rules of src/domain/campaign.ts, without a server or a store.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusAfterRecallCancelled } from '../src/domain/callback.ts';
import { checkRecord, formatReportTime, parseDayTime, recordFields } from '../src/domain/campaign.ts';

const tz = 'America/Bogota';
const now = Date.parse('2026-03-02T15:00:00Z');

test('checkRecord shapes a good row: text fields in data, phones in tel order, recall pair apart', () => {
  const r = checkRecord({ customer_id: 42, customer_name: ' Ana ', tel2: '3002', tel1: 3001000, tel_extra: '3009', recall_date: '20260303080000', unknown: 'ignored' }, tz, now);
  assert.ok(r.ok);
  assert.equal(r.record.customerId, '42');
  assert.deepEqual(r.record.phones, ['3001000', '3002']);
  assert.deepEqual(r.record.data, { customer_name: 'Ana', tel1: '3001000', tel2: '3002', tel_extra: '3009' });
  assert.equal(r.record.recallDate, Date.parse('2026-03-03T13:00:00Z'));
  // Without a recall_telephone the recall goes to tel1.
  assert.equal(r.record.recallTelephone, '3001000');
  assert.equal(r.record.timeZone, null, 'no time_zone: the operation\'s, filled in by the store');
});

test('a record may name its IANA time zone (Pacer extension of add_record), read in its canonical spelling', () => {
  const zone = (time_zone: unknown) => {
    const r = checkRecord({ customer_id: '1', tel1: '3001', time_zone }, tz, now);
    return r.ok ? r.record.timeZone : r.reason;
  };
  assert.equal(zone('America/Mexico_City'), 'America/Mexico_City');
  assert.equal(zone(' america/lima '), 'America/Lima');
  assert.equal(zone(''), null);
  for (const bad of ['Mars/Olympus', '-05:00', 'GMT-5 ', 5, 'America/Bogota; DROP']) assert.match(String(zone(bad)), /time_zone must be an IANA/, String(bad));
});

test('checkRecord names what is wrong with a bad row', () => {
  const reasons: [unknown, RegExp][] = [
    [null, /must be a JSON object/],
    [[{ customer_id: '1' }], /must be a JSON object/],
    [{ tel1: '3001' }, /customer_id is required/],
    [{ customer_id: 'a b', tel1: '3001' }, /customer_id must be/],
    [{ customer_id: '1' }, /at least one of tel1/],
    [{ customer_id: '1', tel1: '3001', email: { a: 1 } }, /email must be text/],
    [{ customer_id: '1', tel1: '3001', city: 'line\nbreak' }, /city must be text/],
    [{ customer_id: '1', tel1: '3001', recall_date: '20260230100000' }, /recall_date must be a real/],
    [{ customer_id: '1', tel1: '3001', recall_date: '20260301100000' }, /recall_date must be in the future/],
    [{ customer_id: '1', tel1: '3001', recall_telephone: 'x' }, /recall_telephone must be a phone/],
  ];
  for (const [row, reason] of reasons) {
    const r = checkRecord(row, tz, now);
    assert.equal(r.ok, false, JSON.stringify(row));
    if (!r.ok) assert.match(r.reason, reason);
  }
});

test('the record fields are the documented ones', () => {
  assert.equal(recordFields.length, 1 + 11 + 12 + 10 + 2 + 1 + 1);
  for (const f of ['customer_id', 'opt12', 'tel10', 'tel_extra', 'recall_date', 'recall_telephone', 'id_type', 'zone', 'time_zone']) assert.ok(recordFields.includes(f), f);
});

test('calling-window times are read in the three documented forms', () => {
  assert.equal(parseDayTime('080000'), '08:00:00');
  assert.equal(parseDayTime('08:00:00'), '08:00:00');
  assert.equal(parseDayTime('20260302190000'), '19:00:00');
  assert.equal(parseDayTime('24:00:00'), undefined);
  assert.equal(parseDayTime('8:00'), undefined);
});

test('report times are on the operation clock', () => {
  assert.equal(formatReportTime(now, tz), '2026-03-02 10:00:00');
});

test('a cancelled campaign recall leaves its record as its history says, not freshly dialable', () => {
  const fresh = { status: 'fresh', attempts: 0, lastResult: null, codAct: null };
  assert.equal(statusAfterRecallCancelled(fresh, 3), 'fresh', 'never tried: keeps its place');
  assert.equal(statusAfterRecallCancelled({ ...fresh, attempts: 1, lastResult: 'busy' }, 3), 'fresh', 'a retry to come');
  assert.equal(statusAfterRecallCancelled({ ...fresh, attempts: 1, lastResult: 'answer' }, 3), 'done', 'closed by its last attempt: answered');
  assert.equal(statusAfterRecallCancelled({ ...fresh, attempts: 3, lastResult: 'busy' }, 3), 'done', 'closed by its last attempt: out of attempts');
  assert.equal(statusAfterRecallCancelled({ ...fresh, codAct: 'SALE' }, 3), 'done', 'closed by a disposition');
  assert.equal(statusAfterRecallCancelled({ ...fresh, status: 'dialing', attempts: 2 }, 3), 'dialing', 'on a call: its result decides');
});
