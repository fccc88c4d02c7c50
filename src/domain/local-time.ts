// Wall-clock times of an operation. wolkvox sends naive `YYYYmmddHHiiss` stamps; Pacer reads them
// in the operation's IANA time zone. The stamp functions live in the shared vocabulary (pure, no
// I/O), so the client formats exactly what the server parses.
import { instantOf, localFields } from '../../packages/vocabulary/src/stamp.ts';

export { canonicalTimeZone, formatStamp, instantOf, isValidTimeZone, localDay, localFields, parseStamp, type LocalFields } from '../../packages/vocabulary/src/stamp.ts';

/**
 * The first instant of the local day `days` after the one `now` falls in. Where a daylight-saving
 * change skips midnight, the day starts at the first wall-clock time that exists.
 */
function startOfLocalDayAfter(now: number, timeZone: string, days: number): number {
  const today = localFields(now, timeZone);
  const day = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
  const date = { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() };
  for (let minute = 0; minute < 24 * 60; minute += 15) {
    const at = instantOf({ ...date, hour: Math.floor(minute / 60), minute: minute % 60, second: 0 }, timeZone);
    if (at !== undefined) return at;
  }
  return now + days * 86_400_000; // unreachable for real zones
}

/** The first instant of the local day after the one `now` falls in. */
export function startOfNextLocalDay(now: number, timeZone: string): number {
  return startOfLocalDayAfter(now, timeZone, 1);
}

/** The first instant of the local day `now` falls in ("today" on the operation's clock). */
export function startOfLocalDay(now: number, timeZone: string): number {
  return startOfLocalDayAfter(now, timeZone, 0);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * An instant as ISO 8601 on the wall clock of a zone, with its offset and to the second:
 * `2026-03-03T07:00:00-05:00`. The same instant as `toISOString()`, read as the zone reads it.
 */
export function localIsoTime(epochMs: number, timeZone: string): string {
  const f = localFields(epochMs, timeZone);
  const whole = Math.floor(epochMs / 1000) * 1000;
  const offsetMin = Math.round((Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - whole) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
