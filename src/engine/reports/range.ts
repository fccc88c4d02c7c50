// The range of a report as a request gives it: instants (the native face; `to` excluded) or
// wolkvox stamps (`date_ini`, `date_end`, read on the operation's clock; `date_end` is included to
// its last second, as wolkvox's reports include it).
import type { RequestTime } from '../../domain/request-time.ts';
import { instantOfRequestTime } from '../../domain/request-time.ts';
import { checkRange } from '../../domain/reports.ts';

export interface Range {
  from: RequestTime;
  to: RequestTime;
}

/** The instants [from, to) of a range, within the reports' limits (a 400 naming the parameter otherwise). */
export function rangeOf(range: Range, timeZone: string): { from: number; to: number } {
  const from = instantOfRequestTime(range.from, timeZone);
  const to = instantOfRequestTime(range.to, timeZone) + (typeof range.to === 'number' ? 0 : 1000);
  checkRange(from, to, typeof range.to === 'number' ? 'to' : range.to.param);
  return { from, to };
}
