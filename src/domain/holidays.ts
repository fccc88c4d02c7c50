// Public-holiday calendars a campaign's calling schedule may close on. Pure: a year in, the dates
// out, computed by rule so that every year is right without a table to keep up to date.
//
// Colombia (Ley 51 de 1983, "Ley Emiliani"): six fixed dates; seven dates moved to the following
// Monday when they do not fall on one; Holy Thursday and Good Friday; and three Easter-based
// Thursdays/Fridays moved to the Monday after them: Ascension (Easter + 39 → + 43), Corpus Christi
// (+ 60 → + 64) and the Sacred Heart (+ 68 → + 71).

import { holidayCalendars, type HolidayCalendar } from '../../packages/vocabulary/src/campaign.ts';

/** Shared with the client: the vocabulary is defined once, in packages/vocabulary. */
export { holidayCalendars, type HolidayCalendar };

const dayMs = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-mm-dd` of a UTC midnight. */
function isoDay(utcMs: number): string {
  const d = new Date(utcMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Easter Sunday of the Gregorian calendar (anonymous algorithm, Meeus/Jones/Butcher), as UTC midnight. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

/** The Monday on or after a UTC midnight. */
function mondayFrom(utcMs: number): number {
  const weekday = new Date(utcMs).getUTCDay(); // 0 Sunday … 6 Saturday
  return utcMs + ((8 - weekday) % 7) * dayMs;
}

const fixedCO: readonly [number, number][] = [[1, 1], [5, 1], [7, 20], [8, 7], [12, 8], [12, 25]];
const movedToMondayCO: readonly [number, number][] = [[1, 6], [3, 19], [6, 29], [8, 15], [10, 12], [11, 1], [11, 11]];
/** Days after Easter Sunday: Holy Thursday, Good Friday, then the three already moved to Monday. */
const easterOffsetsCO = [-3, -2, 43, 64, 71];

/** Colombian public holidays of a year, `YYYY-mm-dd`, in calendar order. */
export function colombianHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const days = [
    ...fixedCO.map(([m, d]) => Date.UTC(year, m - 1, d)),
    ...movedToMondayCO.map(([m, d]) => mondayFrom(Date.UTC(year, m - 1, d))),
    ...easterOffsetsCO.map((offset) => easter + offset * dayMs),
  ];
  return [...new Set(days.sort((x, y) => x - y).map(isoDay))];
}

/** Holidays per calendar and year (`CO:2026`), computed once each. */
const cache = new Map<string, ReadonlySet<string>>();

/** Whether a local calendar day is a public holiday of the calendar. */
export function isHoliday(calendar: HolidayCalendar, year: number, month: number, day: number): boolean {
  if (calendar === 'none') return false;
  const key = `${calendar}:${year}`;
  let days = cache.get(key);
  if (!days) cache.set(key, (days = new Set(colombianHolidays(year))));
  return days.has(`${year}-${pad(month)}-${pad(day)}`);
}
