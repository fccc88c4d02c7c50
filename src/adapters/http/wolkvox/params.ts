// Parameters of the wolkvox APIs: one spec per parameter kind, shared by every api that takes it.
// A spec parses the raw value or says what is wrong with it; the api's parameter list is the one
// source of its types (see `Parsed`).
import { callResults } from '../../../domain/call-state.ts';
import { campaignTypes, customerIdPattern, parseDayTime, phonePattern } from '../../../domain/campaign.ts';
import { fail } from '../../../domain/errors.ts';

export interface ParamSpec<T> {
  /** The value, or a text saying what a valid one looks like. */
  parse(raw: unknown): { ok: true; value: T } | { ok: false; expected: string };
  optional: boolean;
  /** Other names the parameter is sent under (the Postman collection's spelling beside the pages'). */
  aliases?: readonly string[];
  /** A JSON array is its value (a body field), not the same query parameter given twice. */
  list?: boolean;
}

type Spec<T> = ParamSpec<T>;

export function pattern(regex: RegExp, expected: string): Spec<string> {
  return {
    optional: false,
    parse: (raw) => {
      const text = typeof raw === 'number' ? String(raw) : raw;
      return typeof text === 'string' && regex.test(text) ? { ok: true, value: text } : { ok: false, expected };
    },
  };
}

export function oneOf<const T extends string>(values: readonly T[]): Spec<T> {
  return {
    optional: false,
    parse: (raw) => (typeof raw === 'string' && (values as readonly string[]).includes(raw)
      ? { ok: true, value: raw as T } : { ok: false, expected: `one of ${values.join(', ')}` }),
  };
}

export function text(maxLength: number): Spec<string> {
  return pattern(new RegExp(`^[^\\u0000-\\u001f]{1,${maxLength}}$`, 'u'), `text of 1 to ${maxLength} characters`);
}

/** Whole numbers in a range, sent as a JSON number or as digits in a string ("100"). */
export function integer(min: number, max: number): Spec<number> {
  return {
    optional: false,
    parse: (raw) => {
      const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
      const value = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
      return value >= min && value <= max ? { ok: true, value } : { ok: false, expected: `a whole number from ${min} to ${max}` };
    },
  };
}

/** A value read by a pure function of the domain (undefined = invalid). */
export function readBy<T>(read: (text: string) => T | undefined, expected: string): Spec<T> {
  return {
    optional: false,
    parse: (raw) => {
      const value = typeof raw === 'string' || typeof raw === 'number' ? read(String(raw).trim()) : undefined;
      return value === undefined ? { ok: false, expected } : { ok: true, value };
    },
  };
}

/** yes/no, as the wolkvox pages write it; JSON booleans too. */
export const yesNo: Spec<boolean> = {
  optional: false,
  parse: (raw) => (raw === 'yes' || raw === true ? { ok: true, value: true }
    : raw === 'no' || raw === false ? { ok: true, value: false } : { ok: false, expected: 'yes or no' }),
};

const absent = (raw: unknown) => raw === undefined || raw === '' || raw === null;

/** Absent, empty or JSON null is "not given". */
export function optional<T>(spec: Spec<T>): Spec<T | undefined> {
  return {
    optional: true, ...(spec.aliases ? { aliases: spec.aliases } : {}), ...(spec.list ? { list: true } : {}),
    parse: (raw) => (absent(raw) ? { ok: true, value: undefined } : spec.parse(raw)),
  };
}

/** The same parameter, also read under other names; the first name is the one a refusal names when none is sent. */
export function aliased<T>(spec: Spec<T>, ...aliases: string[]): Spec<T> {
  return { ...spec, aliases };
}

/**
 * Several values of `spec` in one: a comma-separated text (remove_record's `customer_id`,
 * "100000000,200000000") or, with `array`, a JSON array; 1 to `max` of them, each valid.
 */
export function listOf<T>(spec: Spec<T>, max: number, how: 'commas' | 'array'): Spec<T[]> {
  const expected = how === 'commas' ? `1 to ${max} values separated by commas` : `a JSON array of 1 to ${max} values`;
  return {
    optional: false, ...(how === 'array' ? { list: true } : {}),
    parse: (raw) => {
      const items = how === 'array' ? (Array.isArray(raw) ? raw as unknown[] : undefined)
        : typeof raw === 'string' || typeof raw === 'number' ? String(raw).split(',').map((x) => x.trim()) : undefined;
      if (items === undefined || items.length === 0 || items.length > max) return { ok: false, expected };
      const values: T[] = [];
      for (const [i, item] of items.entries()) {
        const one = spec.parse(item);
        if (!one.ok) return { ok: false, expected: `${expected}; value ${i + 1} must be ${one.expected}` };
        values.push(one.value);
      }
      return { ok: true, value: values };
    },
  };
}

export const p = {
  agentId: pattern(/^\d{1,12}$/, 'the agent extension (digits)'),
  phone: pattern(phonePattern, 'a phone number of 3 to 20 digits'),
  customerId: pattern(customerIdPattern, 'up to 64 letters, digits or ._@+-'),
  name: text(200),
  stamp: pattern(/^\d{14}$/, 'a date as YYYYmmddHHiiss'),
  code: pattern(/^[\w.-]{1,64}$/, 'an activity code'),
  comments: text(2000),
  tones: pattern(/^[0-9*#A-Da-d]{1,32}$/, 'DTMF digits 0-9 * # A-D, at most 32'),
  campaignId: pattern(/^\d{1,12}$/, 'a campaign id (digits)'),
  campaignType: oneOf(campaignTypes),
  description: text(2000),
  dayTime: readBy(parseDayTime, 'a time of day as HHiiss, HH:MM:SS or YYYYmmddHHiiss'),
  skillId: integer(0, 999_999_999),
  speed: integer(0, 100),
  result: oneOf(callResults),
  yesNo,
};

export type ParamList = Record<string, Spec<unknown>>;
export type Parsed<L extends ParamList> = { [K in keyof L]: L[K] extends Spec<infer T> ? T : never };

/** Under which name each parameter of a parsed list was sent (its own, or an alias). */
const sentAs = new WeakMap<object, Record<string, string>>();

/**
 * Parses `source` against a parameter list; the first bad or missing one is a 400 naming it. A
 * parameter with aliases may come under any one of its names (two names with two values is a 400).
 */
export function parseParams<L extends ParamList>(list: L, source: Record<string, unknown>): Parsed<L> {
  const out: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  for (const [name, spec] of Object.entries(list)) {
    const all = [name, ...(spec.aliases ?? [])];
    if (!spec.list) for (const n of all) if (Array.isArray(source[n])) throw fail.parameterRequired(n, 'given more than once');
    const sent = all.filter((n) => !absent(source[n]));
    const used = sent[0] ?? name;
    const other = sent.find((n) => source[n] !== source[used]);
    if (other !== undefined) throw fail.parameterRequired(other, `${used} is given too, with another value: send one of them`);
    if (sent.length === 0 && !spec.optional) throw fail.parameterRequired(name, spec.aliases?.length ? `or ${spec.aliases.join(' or ')}` : undefined);
    const result = spec.parse(source[used]);
    if (!result.ok) throw fail.parameterRequired(used, `expected ${result.expected}`);
    out[name] = result.value;
    names[name] = used;
  }
  sentAs.set(out, names);
  return out as Parsed<L>;
}

/** The name `param` of `parsed` was sent under (for a refusal that names it later). */
export function nameSent(parsed: object, param: string): string {
  return sentAs.get(parsed)?.[param] ?? param;
}
