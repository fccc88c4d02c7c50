// Calling schedules, Colombian public holidays and the one-contact-per-day rule: pure domain, no
// store, no clock. Instants are written in UTC; Bogota is UTC-5 all year.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  callingScheduleToJson, defaultCallingSchedule, parseCallingSchedule, weekdayOf, type CallingSchedule,
} from '../src/domain/calling-schedule.ts';
import { isCallingOpen, nextCallingOpening, openTimeZones, type CallingWindow } from '../src/domain/calling-window.ts';
import { colombianHolidays, easterSunday, isHoliday } from '../src/domain/holidays.ts';
import { startOfNextLocalDay } from '../src/domain/local-time.ts';
import { afterAttempt, isContact } from '../src/domain/record-result.ts';
import { callResults } from '../src/domain/call-state.ts';

const bogota = 'America/Bogota';
const at = (iso: string) => Date.parse(iso);
/** A local Bogota wall-clock time as an instant. */
const bog = (local: string) => at(`${local}-05:00`);
const colombian: CallingWindow = { schedule: defaultCallingSchedule, startTime: null, endTime: null };
const open = (local: string, window = colombian) => isCallingOpen(window, bog(local), bogota);

test('Easter Sunday by the Gregorian computus', () => {
  const easter = (y: number) => new Date(easterSunday(y)).toISOString().slice(0, 10);
  assert.equal(easter(2024), '2024-03-31');
  assert.equal(easter(2025), '2025-04-20');
  assert.equal(easter(2026), '2026-04-05');
  assert.equal(easter(2027), '2027-03-28');
  assert.equal(easter(2038), '2038-04-25'); // the latest possible date
  assert.equal(easter(2285), '2285-03-22'); // the earliest
});

test('Colombian holidays of 2026 and 2027 are the official lists', () => {
  // Decreed lists (Ley 51 de 1983): 18 holidays each year.
  assert.deepEqual(colombianHolidays(2026), [
    '2026-01-01', '2026-01-12', '2026-03-23', '2026-04-02', '2026-04-03', '2026-05-01', '2026-05-18', '2026-06-08',
    '2026-06-15', '2026-06-29', '2026-07-20', '2026-08-07', '2026-08-17', '2026-10-12', '2026-11-02', '2026-11-16',
    '2026-12-08', '2026-12-25',
  ]);
  assert.deepEqual(colombianHolidays(2027), [
    '2027-01-01', '2027-01-11', '2027-03-22', '2027-03-25', '2027-03-26', '2027-05-01', '2027-05-10', '2027-05-31',
    '2027-06-07', '2027-07-05', '2027-07-20', '2027-08-07', '2027-08-16', '2027-10-18', '2027-11-01', '2027-11-15',
    '2027-12-08', '2027-12-25',
  ]);
});

test('Emiliani holidays move to the following Monday, and stay put when they fall on one', () => {
  // Reyes Magos 2026: Tuesday 6 January → Monday 12; the 6th itself is a working day.
  assert.equal(isHoliday('CO', 2026, 1, 12), true);
  assert.equal(isHoliday('CO', 2026, 1, 6), false);
  // San Pedro y San Pablo 2026 falls on Monday 29 June: not moved.
  assert.equal(isHoliday('CO', 2026, 6, 29), true);
  // Fixed holidays are never moved: 1 May 2027 is a Saturday.
  assert.equal(isHoliday('CO', 2027, 5, 1), true);
  assert.equal(isHoliday('CO', 2027, 5, 3), false);
  // 2025: the Sacred Heart (Easter + 71) and San Pedro (29 June, a Sunday) share Monday 30 June.
  assert.equal(colombianHolidays(2025).length, 17);
  assert.ok(colombianHolidays(2025).includes('2025-06-30'));
  // Every moved holiday of the coming years is a Monday; 18 holidays, fewer only when two coincide.
  for (let year = 2024; year <= 2040; year++) {
    const days = colombianHolidays(year);
    assert.ok(days.length === 18 || days.length === 17, `${year}: ${days.length}`); // 17 in 2025, 2030, 2038
    for (const d of days.filter((x) => !/-(01-01|05-01|07-20|08-07|12-08|12-25)$/.test(x))) {
      const [y, m, day] = d.split('-').map(Number) as [number, number, number];
      const wd = weekdayOf({ year: y, month: m, day });
      assert.ok(wd === 'mon' || wd === 'thu' || wd === 'fri', `${d} is a ${wd}`);
    }
  }
  assert.equal(isHoliday('none', 2026, 12, 25), false);
});

test('Easter-based holidays: Holy Thursday, Good Friday, and Ascension, Corpus Christi, Sacred Heart on Mondays', () => {
  for (const [year, thursday, friday, ascension, corpus, heart] of [
    [2026, '04-02', '04-03', '05-18', '06-08', '06-15'],
    [2027, '03-25', '03-26', '05-10', '05-31', '06-07'],
  ] as const) {
    const days = new Set(colombianHolidays(year));
    for (const d of [thursday, friday, ascension, corpus, heart]) assert.ok(days.has(`${year}-${d}`), `${year}-${d}`);
  }
  // Good Friday 2026 at noon: closed, although it is a weekday inside hours.
  assert.equal(open('2026-04-03T12:00:00'), false);
  assert.equal(open('2026-04-01T12:00:00'), true, 'Holy Wednesday is a working day');
});

test('the default schedule: Monday to Friday 07:00–19:00, Saturday 08:00–15:00, boundaries [start, end)', () => {
  // Monday 2 March 2026.
  assert.equal(open('2026-03-02T06:59:59'), false);
  assert.equal(open('2026-03-02T07:00:00'), true);
  assert.equal(open('2026-03-02T18:59:59'), true);
  assert.equal(open('2026-03-02T19:00:00'), false);
  assert.equal(open('2026-03-06T12:00:00'), true, 'Friday');
  // Saturday 7 March.
  assert.equal(open('2026-03-07T07:59:59'), false);
  assert.equal(open('2026-03-07T08:00:00'), true);
  assert.equal(open('2026-03-07T14:59:59'), true);
  assert.equal(open('2026-03-07T15:00:00'), false);
  // Sunday 8 March: closed all day.
  for (const hour of ['00', '07', '10', '18']) assert.equal(open(`2026-03-08T${hour}:00:00`), false, hour);
  // Monday 23 March 2026, San José (moved from Thursday 19th): closed; the 19th is open.
  assert.equal(open('2026-03-23T10:00:00'), false);
  assert.equal(open('2026-03-19T10:00:00'), true);
  // Holidays closed, the schedule unchanged otherwise.
  const noHolidays: CallingWindow = { ...colombian, schedule: { ...defaultCallingSchedule, holidays: 'none' } };
  assert.equal(open('2026-03-23T10:00:00', noHolidays), true);
});

test('the record\'s own zone decides: one instant, open in one zone and closed in another', () => {
  const instant = at('2026-03-02T12:30:00Z'); // Monday: 07:30 in Bogota, 06:30 in Mexico City, 21:30 in Tokyo
  assert.equal(isCallingOpen(colombian, instant, 'America/Bogota'), true);
  assert.equal(isCallingOpen(colombian, instant, 'America/Mexico_City'), false);
  assert.equal(isCallingOpen(colombian, instant, 'Asia/Tokyo'), false);
  assert.equal(isCallingOpen(colombian, instant, 'Europe/Madrid'), true); // 13:30
  assert.deepEqual(openTimeZones(colombian, ['America/Bogota', 'America/Mexico_City', 'Asia/Tokyo', 'Europe/Madrid'], instant),
    ['America/Bogota', 'Europe/Madrid']);
});

test('the daily start_time/end_time narrows the schedule further', () => {
  const narrowed: CallingWindow = { schedule: defaultCallingSchedule, startTime: '09:00:00', endTime: '17:30:00' };
  assert.equal(open('2026-03-02T08:00:00', narrowed), false);
  assert.equal(open('2026-03-02T09:00:00', narrowed), true);
  assert.equal(open('2026-03-02T17:30:00', narrowed), false);
  assert.equal(open('2026-03-08T10:00:00', narrowed), false, 'never widens: Sunday stays closed');
  const late: CallingWindow = { schedule: defaultCallingSchedule, startTime: '18:00:00', endTime: '22:00:00' };
  assert.equal(open('2026-03-02T18:30:00', late), true);
  assert.equal(open('2026-03-02T19:30:00', late), false);
});

test('the next opening: the next start of the schedule, skipping Sundays, holidays and the daily window', () => {
  const next = (local: string, window = colombian, zone = bogota) => {
    const t = nextCallingOpening(window, bog(local), zone);
    return t === undefined ? undefined : new Date(t).toISOString();
  };
  assert.equal(next('2026-03-02T05:00:00'), '2026-03-02T12:00:00.000Z', 'Monday 07:00');
  assert.equal(next('2026-03-02T19:00:00'), '2026-03-03T12:00:00.000Z', 'Tuesday 07:00');
  assert.equal(next('2026-03-07T15:00:00'), '2026-03-09T12:00:00.000Z', 'Saturday after 15:00: Monday');
  // Friday 20 March 2026 after hours: Saturday 21 08:00 (Monday 23 is San José).
  assert.equal(next('2026-03-20T20:00:00'), '2026-03-21T13:00:00.000Z');
  // Holy week 2026: Wednesday 1 April after hours → Saturday 4 April 08:00.
  assert.equal(next('2026-04-01T19:30:00'), '2026-04-04T13:00:00.000Z');
  const narrowed: CallingWindow = { schedule: defaultCallingSchedule, startTime: '09:30:00', endTime: null };
  assert.equal(next('2026-03-02T05:00:00', narrowed), '2026-03-02T14:30:00.000Z');
  // In another zone: Mexico City (UTC-6) opens at 07:00 local.
  assert.equal(next('2026-03-02T07:30:00', colombian, 'America/Mexico_City'), '2026-03-02T13:00:00.000Z');
  const never: CallingWindow = { ...colombian, schedule: { days: { ...defaultCallingSchedule.days, mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] }, holidays: 'none' } };
  assert.equal(next('2026-03-02T05:00:00', never), undefined);
});

test('a schedule reads from JSON and writes back the same; bad ones are refused with a reason', () => {
  const json = callingScheduleToJson(defaultCallingSchedule);
  assert.deepEqual(json, {
    mon: ['07:00-19:00'], tue: ['07:00-19:00'], wed: ['07:00-19:00'], thu: ['07:00-19:00'], fri: ['07:00-19:00'],
    sat: ['08:00-15:00'], sun: [], holidays: 'CO',
  });
  const back = parseCallingSchedule(json);
  assert.ok(back.ok);
  assert.deepEqual(back.schedule, defaultCallingSchedule);
  const split = parseCallingSchedule({ mon: ['08:00-12:00', '14:00-24:00'], holidays: 'none' });
  assert.ok(split.ok);
  const s: CallingSchedule = split.schedule;
  assert.deepEqual(s.days.mon, [{ from: 8 * 3600, to: 12 * 3600 }, { from: 14 * 3600, to: 86_400 }]);
  assert.deepEqual(s.days.tue, [], 'a day left out is closed');
  const lunch: CallingWindow = { schedule: s, startTime: null, endTime: null };
  assert.equal(open('2026-03-02T12:30:00', lunch), false);
  assert.equal(open('2026-03-02T23:59:59', lunch), true);
  for (const [bad, reason] of [
    [[], /JSON object/], [{ mon: ['07:00-19:00'] }, /holidays is required/], [{ holidays: 'US' }, /holidays is required/],
    [{ monday: [], holidays: 'CO' }, /unknown key monday/], [{ mon: '07:00-19:00', holidays: 'CO' }, /list/],
    [{ mon: ['19:00-07:00'], holidays: 'CO' }, /ends after it starts/], [{ mon: ['7:00-19:00'], holidays: 'CO' }, /HH:MM-HH:MM/],
    [{ mon: ['07:00-24:30'], holidays: 'CO' }, /HH:MM-HH:MM/], [{ mon: ['08:00-12:00', '11:00-13:00'], holidays: 'CO' }, /overlap/],
  ] as const) {
    const r = parseCallingSchedule(bad);
    assert.equal(r.ok, false, JSON.stringify(bad));
    if (!r.ok) assert.match(r.reason, reason);
  }
});

test('one contact per day: after a person answered, the next attempt waits for the record\'s next local midnight', () => {
  const now = at('2026-03-02T15:00:00Z'); // 10:00 Bogota, 09:00 Mexico City
  assert.equal(startOfNextLocalDay(now, bogota), at('2026-03-03T05:00:00Z'));
  assert.equal(startOfNextLocalDay(now, 'America/Mexico_City'), at('2026-03-03T06:00:00Z'));
  // Santiago de Chile skips midnight when it springs forward (6 September 2026): the day starts at 01:00.
  assert.equal(startOfNextLocalDay(at('2026-09-05T15:00:00Z'), 'America/Santiago'), at('2026-09-06T04:00:00Z'));
  // A person answered and the call ended with a retry result (a crash): not before midnight.
  assert.deepEqual(afterAttempt('unknown', 1, 3, now, 'America/Mexico_City'), { status: 'fresh', nextAttemptAt: at('2026-03-03T06:00:00Z') });
  assert.deepEqual(afterAttempt('unknown', 1, 3, now), { status: 'fresh', nextAttemptAt: now + 10 * 60_000 }, 'option off');
  // A delay longer than that is kept (an abandon waits 72 h); finished records stay finished.
  assert.equal(afterAttempt('abandon', 1, 3, now, bogota).nextAttemptAt, now + 72 * 3600_000);
  assert.deepEqual(afterAttempt('answer', 1, 3, now, bogota), { status: 'done', nextAttemptAt: null });
  // A contact is an answer by a person: machines and unanswered calls are not.
  assert.equal(isContact(true, 'answer'), true);
  assert.equal(isContact(true, 'abandon'), true);
  assert.equal(isContact(true, 'unknown'), true);
  assert.equal(isContact(true, 'answer-machine'), false);
  for (const r of callResults) assert.equal(isContact(false, r), false, r);
});
