// `YYYYmmddHHiiss` stamps on the wall clock of an IANA time zone, both ways. Pure; the server
// parses request dates and the client formats them with these same functions.

// A formatter costs far more to build than to use: they are kept, one per zone as the runtime
// spells it. Zone names come from requests, so the names seen are kept apart and bounded: case
// variants of one zone (`america/bogota`, `AMERICA/BOGOTA`…) share its formatter, and past the bound
// the remembered spellings start over instead of growing without end.
const formatters = new Map<string, Intl.DateTimeFormat>();
const spellings = new Map<string, string>();
const maxSpellings = 1000;

function build(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const known = spellings.get(timeZone);
  if (known !== undefined) return formatters.get(known) ?? build(known);
  const fresh = build(timeZone);
  const canonical = fresh.resolvedOptions().timeZone;
  if (spellings.size >= maxSpellings) spellings.clear();
  spellings.set(timeZone, canonical);
  let kept = formatters.get(canonical);
  if (!kept) {
    kept = fresh;
    formatters.set(canonical, kept);
  }
  return kept;
}

/** How many formatters and remembered spellings are kept (tests: both stay bounded). */
export function formatterCacheSize(): { formatters: number; spellings: number } {
  return { formatters: formatters.size, spellings: spellings.size };
}

export interface LocalFields {
  year: number; month: number; day: number; hour: number; minute: number; second: number;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The IANA name of a time zone as the runtime spells it (`america/bogota` → `America/Bogota`), or
 * undefined when it is not a zone name: unknown, or a bare UTC offset such as `-05:00`.
 */
export function canonicalTimeZone(timeZone: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone)) return undefined;
  try {
    return formatterFor(timeZone).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The wall-clock fields of an instant in a time zone. */
export function localFields(epochMs: number, timeZone: string): LocalFields {
  const parts = formatterFor(timeZone).formatToParts(epochMs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

function fieldsAsUtc(f: LocalFields): number {
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
}

/**
 * The instant at which the wall clock of `timeZone` shows these fields, or undefined when it
 * never does (an impossible date such as Feb 30, or a time skipped by a DST change).
 */
export function instantOf(f: LocalFields, timeZone: string): number | undefined {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31 || f.hour > 23 || f.minute > 59 || f.second > 59) {
    return undefined;
  }
  const asUtc = fieldsAsUtc(f);
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const offset = fieldsAsUtc(localFields(guess, timeZone)) - guess;
    guess = asUtc - offset;
  }
  const back = localFields(guess, timeZone);
  const same = back.year === f.year && back.month === f.month && back.day === f.day &&
    back.hour === f.hour && back.minute === f.minute && back.second === f.second;
  return same ? guess : undefined;
}

const stampPattern = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** Reads `YYYYmmddHHiiss` in a time zone; undefined if malformed or not a real wall-clock time. */
export function parseStamp(stamp: string, timeZone: string): number | undefined {
  const m = stampPattern.exec(stamp);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (year < 1970 || year > 9999) return undefined;
  return instantOf({ year, month, day, hour, minute, second }, timeZone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Formats an instant (a Date or epoch ms) as `YYYYmmddHHiiss` on the wall clock of a time zone. */
export function formatStamp(at: Date | number, timeZone: string): string {
  const f = localFields(typeof at === 'number' ? at : at.getTime(), timeZone);
  return `${pad(f.year, 4)}${pad(f.month)}${pad(f.day)}${pad(f.hour)}${pad(f.minute)}${pad(f.second)}`;
}

/** The calendar day (`YYYY-mm-dd`) of an instant in a time zone. */
export function localDay(epochMs: number, timeZone: string): string {
  const f = localFields(epochMs, timeZone);
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
}
