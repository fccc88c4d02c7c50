// Wall-clock times of an operation. wolkvox sends naive `YYYYmmddHHiiss` stamps; Pacer reads them
// in the operation's IANA time zone. The stamp functions live in the shared vocabulary (pure, no
// I/O), so the client formats exactly what the server parses.
import { instantOf, localFields } from '../../packages/vocabulary/src/stamp.ts';

export { canonicalTimeZone, formatStamp, instantOf, isValidTimeZone, localDay, localFields, parseStamp, type LocalFields } from '../../packages/vocabulary/src/stamp.ts';

/**
 * The first instant of the local day after the one `now` falls in. Where a daylight-saving change
 * skips midnight, the day starts at the first wall-clock time that exists.
 */
export function startOfNextLocalDay(now: number, timeZone: string): number {
  const today = localFields(now, timeZone);
  const next = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
  const date = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
  for (let minute = 0; minute < 24 * 60; minute += 15) {
    const at = instantOf({ ...date, hour: Math.floor(minute / 60), minute: minute % 60, second: 0 }, timeZone);
    if (at !== undefined) return at;
  }
  return now + 86_400_000; // unreachable for real zones
}
