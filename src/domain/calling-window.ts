// A campaign's calling window (SPEC §5): the dialer places calls only between its start and end
// time of day, in the operation's time zone (records carry no zone of their own). wolkvox documents
// the format three ways (`hhiiss`, `HH:MM:SS`, a full `YYYYmmddhhiiss` stamp), so all are read, and
// only their time of day counts. A missing or unreadable bound leaves that side of the day open.
import { localFields } from './local-time.ts';

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

/** True when `now` is inside [start, end) local time; a window that ends before it starts spans midnight. */
export function insideCallingWindow(start: string | null, end: string | null, now: number, timeZone: string): boolean {
  const from = secondOfDay(start);
  const to = secondOfDay(end);
  if (from === undefined && to === undefined) return true;
  const f = localFields(now, timeZone);
  const t = f.hour * 3600 + f.minute * 60 + f.second;
  if (from !== undefined && to !== undefined && to < from) return t >= from || t < to;
  return (from === undefined || t >= from) && (to === undefined || t < to);
}
