// A time as a request gives it. The native API sends instants; the wolkvox face sends naive
// `YYYYmmddHHiiss` stamps, which mean a wall-clock time of the operation: only the engine, once it
// knows the operation, can read them.
import { fail } from './errors.ts';
import { parseStamp } from './local-time.ts';

/** Epoch milliseconds, or a wolkvox stamp named by the parameter that carried it (for the refusal). */
export type RequestTime = number | { stamp: string; param: string };

/** The instant of a request time in the operation's zone; a stamp that is no real time there is a 400. */
export function instantOfRequestTime(time: RequestTime, timeZone: string): number {
  if (typeof time === 'number') return time;
  const at = parseStamp(time.stamp, timeZone);
  if (at === undefined) throw fail.parameterRequired(time.param, `${time.stamp} is not a real time in ${timeZone}`);
  return at;
}
