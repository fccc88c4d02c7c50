// A campaign's weekly calling schedule: for each weekday, the local [start, end) intervals in which
// the dialer may call a record, and a holiday calendar whose days are closed all day. Stored as
// JSON on the campaign, e.g.
//   {"mon": ["07:00-19:00"], …, "sat": ["08:00-15:00"], "sun": [], "holidays": "CO"}
// A weekday left out is closed. The default is the Colombian rule for contacting consumers:
// Monday to Friday 07:00–19:00, Saturday 08:00–15:00, no Sundays or public holidays.
import { holidayCalendars, isHoliday, type HolidayCalendar } from './holidays.ts';
import type { LocalFields } from './local-time.ts';

/** In the order of the week, Monday first. */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** Seconds after local midnight; `to` may be 86,400 (24:00). */
export interface DayInterval {
  from: number;
  to: number;
}

export interface CallingSchedule {
  days: Readonly<Record<Weekday, readonly DayInterval[]>>;
  holidays: HolidayCalendar;
}

export type CallingScheduleJson = Partial<Record<Weekday, string[]>> & { holidays: HolidayCalendar };

const h = (hours: number) => hours * 3600;
const weekday = { from: h(7), to: h(19) };

export const defaultCallingSchedule: CallingSchedule = {
  days: { mon: [weekday], tue: [weekday], wed: [weekday], thu: [weekday], fri: [weekday], sat: [{ from: h(8), to: h(15) }], sun: [] },
  holidays: 'CO',
};

/** Never open: what a campaign whose stored schedule does not read is held to. */
export const closedCallingSchedule: CallingSchedule = {
  days: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: 'none',
};

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (s: number) => `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}`;

/** The schedule as stored and shown. */
export function callingScheduleToJson(schedule: CallingSchedule): Required<CallingScheduleJson> {
  const days = Object.fromEntries(weekdays.map((d) => [d, schedule.days[d].map((i) => `${hhmm(i.from)}-${hhmm(i.to)}`)]));
  return { ...(days as Record<Weekday, string[]>), holidays: schedule.holidays };
}

const intervalPattern = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

function clock(hh: string | undefined, mm: string | undefined): number | undefined {
  const [hours, minutes] = [Number(hh), Number(mm)];
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 3600 + minutes * 60;
}

export type ScheduleCheck = { ok: true; schedule: CallingSchedule } | { ok: false; reason: string };

/** Reads a schedule from its JSON, naming what is wrong with a bad one. */
export function parseCallingSchedule(raw: unknown): ScheduleCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'the calling schedule must be a JSON object' };
  const json = raw as Record<string, unknown>;
  for (const key of Object.keys(json)) {
    if (key !== 'holidays' && !(weekdays as readonly string[]).includes(key)) {
      return { ok: false, reason: `unknown key ${key} in the calling schedule (expected ${weekdays.join(', ')}, holidays)` };
    }
  }
  // Required, so that leaving it out never silently opens the public holidays.
  const holidays = json.holidays;
  if (!(holidayCalendars as readonly unknown[]).includes(holidays)) {
    return { ok: false, reason: `holidays is required: one of ${holidayCalendars.join(', ')}` };
  }
  const days = {} as Record<Weekday, DayInterval[]>;
  for (const day of weekdays) {
    const list = json[day] ?? [];
    if (!Array.isArray(list)) return { ok: false, reason: `${day} must be a list of "HH:MM-HH:MM" intervals` };
    const intervals: DayInterval[] = [];
    for (const item of list) {
      const m = typeof item === 'string' ? intervalPattern.exec(item) : null;
      const from = m ? clock(m[1], m[2]) : undefined;
      const to = m ? clock(m[3], m[4]) : undefined;
      if (from === undefined || to === undefined || from >= to) {
        return { ok: false, reason: `${day}: ${JSON.stringify(item)} is not an interval "HH:MM-HH:MM" that ends after it starts (00:00 to 24:00)` };
      }
      const previous = intervals.at(-1);
      if (previous && from < previous.to) return { ok: false, reason: `${day}: intervals must be in order and must not overlap` };
      intervals.push({ from, to });
    }
    days[day] = intervals;
  }
  return { ok: true, schedule: { days, holidays: holidays as HolidayCalendar } };
}

/** Monday 0 … Sunday 6 of a local calendar day. */
export function weekdayOf(f: Pick<LocalFields, 'year' | 'month' | 'day'>): Weekday {
  const sundayFirst = new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay();
  return weekdays[(sundayFirst + 6) % 7] ?? 'mon';
}

/** Whether the schedule allows calls at this local wall-clock time. */
export function scheduleOpen(schedule: CallingSchedule, f: LocalFields): boolean {
  if (isHoliday(schedule.holidays, f.year, f.month, f.day)) return false;
  const t = f.hour * 3600 + f.minute * 60 + f.second;
  return schedule.days[weekdayOf(f)].some((i) => t >= i.from && t < i.to);
}

/** Seconds of the day at which the schedule may open or close (for finding the next opening). */
export function scheduleBoundaries(schedule: CallingSchedule): number[] {
  return weekdays.flatMap((d) => schedule.days[d].flatMap((i) => [i.from, i.to]));
}
