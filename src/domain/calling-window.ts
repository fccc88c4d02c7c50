// A campaign's calling window (SPEC §5): when the dialer may call a record, in the record's local
// time. Two rules, both must allow the call:
// - the weekly calling schedule with its holiday calendar (./calling-schedule.ts);
// - the wolkvox `start_time`/`end_time`, a daily time-of-day window that narrows it further.
//   wolkvox documents the format three ways (`hhiiss`, `HH:MM:SS`, a full `YYYYmmddhhiiss`
//   stamp), so all are read, and only their time of day counts. A missing or unreadable bound
//   leaves that side of the day open.
// Records carry an IANA time zone (by default their operation's). The dialer asks which of a
// campaign's zones are open now, and claims only records of those zones.
import { scheduleBoundaries, scheduleOpen, type CallingSchedule } from './calling-schedule.ts';
import { instantOf, localFields, type LocalFields } from './local-time.ts';

export interface CallingWindow {
  schedule: CallingSchedule;
  startTime: string | null;
  endTime: string | null;
}

/** Seconds after local midnight, or undefined when `value` is empty or not a time of day. */
export function secondOfDay(value: string | null): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  let m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  m ??= /^(?:\d{8})?(\d{2})(\d{2})(\d{2})$/.exec(v);
  if (!m) return undefined;
  const [h, i, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 24 || i > 59 || s > 59 || (h === 24 && (i > 0 || s > 0))) return undefined;
  return h * 3600 + i * 60 + s;
}

function insideDaily(start: string | null, end: string | null, f: LocalFields): boolean {
  const from = secondOfDay(start);
  const to = secondOfDay(end);
  if (from === undefined && to === undefined) return true;
  const t = f.hour * 3600 + f.minute * 60 + f.second;
  if (from !== undefined && to !== undefined && to < from) return t >= from || t < to;
  return (from === undefined || t >= from) && (to === undefined || t < to);
}

/** True when `now` is inside [start, end) local time; a window that ends before it starts spans midnight. */
export function insideCallingWindow(start: string | null, end: string | null, now: number, timeZone: string): boolean {
  return insideDaily(start, end, localFields(now, timeZone));
}

/** Whether a record in `timeZone` may be called at `now`. */
export function isCallingOpen(window: CallingWindow, now: number, timeZone: string): boolean {
  const f = localFields(now, timeZone);
  return insideDaily(window.startTime, window.endTime, f) && scheduleOpen(window.schedule, f);
}

/** The zones, among `timeZones`, whose records may be called at `now`. */
export function openTimeZones(window: CallingWindow, timeZones: readonly string[], now: number): string[] {
  return timeZones.filter((z) => isCallingOpen(window, now, z));
}

const dayMs = 86_400_000;

/**
 * The first instant after `now` at which a record in `timeZone` may be called, looking up to
 * `horizonDays` local days ahead (the dialer re-checks on its own beat anyway, so a short horizon
 * keeps this cheap); undefined when the window does not open in that time. Openings happen only
 * where a rule starts or ends, so only those local times are tried. A boundary that falls in a
 * daylight-saving gap does not exist that day and is skipped.
 */
export function nextCallingOpening(window: CallingWindow, now: number, timeZone: string, horizonDays = 14): number | undefined {
  const daily = [window.startTime, window.endTime].map(secondOfDay).filter((s) => s !== undefined);
  const boundaries = [...new Set([0, ...daily, ...scheduleBoundaries(window.schedule)])].filter((s) => s < 86_400).sort((a, b) => a - b);
  const today = localFields(now, timeZone);
  const base = Date.UTC(today.year, today.month - 1, today.day);
  for (let k = 0; k <= horizonDays; k++) {
    const day = new Date(base + k * dayMs);
    for (const s of boundaries) {
      const at = instantOf({
        year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(),
        hour: Math.floor(s / 3600), minute: Math.floor((s % 3600) / 60), second: s % 60,
      }, timeZone);
      if (at !== undefined && at > now && isCallingOpen(window, at, timeZone)) return at;
    }
  }
  return undefined;
}
