// Wall-clock times of the operation's time zone, in a browser that may be anywhere: a callback is
// promised "tomorrow at 10:00" on the operation's clock (the server reads wolkvox dates the same
// way), whatever the agent's browser says. Only the browser's own Intl is used, no time-zone
// data of our own. Pure functions: test/console-zone-time.test.ts runs them in Node.

/** A wall-clock time: `date` YYYY-MM-DD and `time` HH:MM. */
export interface WallTime { date: string; time: string }

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formats.set(zone, f);
  }
  return f;
}

/** The fields of the wall-clock time at `t` in `zone`. */
function fieldsAt(t: number, zone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts = formatIn(zone).formatToParts(t);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour') % 24, mi: get('minute'), s: get('second') };
}

/** How far `zone`'s wall clock is ahead of UTC at `t`, in ms. */
function offsetAt(t: number, zone: string): number {
  const f = fieldsAt(t, zone);
  return Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s) - Math.floor(t / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The wall-clock time at `t` in `zone`. */
export function wallTimeAt(t: number, zone: string): WallTime {
  const f = fieldsAt(t, zone);
  return { date: `${pad(f.y, 4)}-${pad(f.mo)}-${pad(f.d)}`, time: `${pad(f.h)}:${pad(f.mi)}` };
}

/**
 * The instant at which `zone`'s clocks show `wall`; undefined when the text is not a date and a
 * time, or when that time does not exist there (skipped by a change to summer time). A time that
 * happens twice (the hour repeated in autumn) is the first of the two.
 */
export function instantInZone(wall: WallTime, zone: string): number | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(wall.date);
  const t = /^(\d{2}):(\d{2})$/.exec(wall.time);
  if (!d || !t) return undefined;
  const asUtc = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  // Two rounds: the offset at the first guess may differ from the one at the answer near a change.
  const candidates = [asUtc - offsetAt(asUtc, zone)];
  candidates.push(asUtc - offsetAt(candidates[0] ?? asUtc, zone));
  const found = candidates.filter((c) => {
    const back = wallTimeAt(c, zone);
    return back.date === wall.date && back.time === wall.time;
  });
  return found.length === 0 ? undefined : Math.min(...found);
}

/** Whether `zone` is a time zone this browser knows. */
export function knownZone(zone: string): boolean {
  try {
    formatIn(zone);
    return true;
  } catch {
    return false;
  }
}

/** `t` as a person reads it on the operation's clock, in the page's language ("Mar 2, 2026, 3:30 PM"). */
export function describeInstant(t: number, zone: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(t);
  } catch {
    return new Date(t).toISOString();
  }
}
