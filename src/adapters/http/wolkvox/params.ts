// Parameters of the wolkvox APIs: one spec per parameter kind, shared by every api that takes it.
// A spec parses the raw value or says what is wrong with it; the api's parameter list is the one
// source of its types (see `Parsed`).
import { fail } from '../../../domain/errors.ts';

export interface ParamSpec<T> {
  /** The value, or a text saying what a valid one looks like. */
  parse(raw: unknown): { ok: true; value: T } | { ok: false; expected: string };
  optional: boolean;
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

export function optional<T>(spec: Spec<T>): Spec<T | undefined> {
  return {
    optional: true,
    parse: (raw) => (raw === undefined || raw === '' ? { ok: true, value: undefined } : spec.parse(raw)),
  };
}

export const p = {
  agentId: pattern(/^\d{1,12}$/, 'the agent extension (digits)'),
  phone: pattern(/^\+?\d{3,20}$/, 'a phone number of 3 to 20 digits'),
  customerId: pattern(/^[\w.@+-]{1,64}$/, 'up to 64 letters, digits or ._@+-'),
  name: text(200),
  stamp: pattern(/^\d{14}$/, 'a date as YYYYmmddHHiiss'),
  code: pattern(/^[\w.-]{1,64}$/, 'an activity code'),
  comments: text(2000),
  tones: pattern(/^[0-9*#A-Da-d]{1,32}$/, 'DTMF digits 0-9 * # A-D, at most 32'),
  campaignId: pattern(/^\d{1,12}$/, 'a campaign id (digits)'),
};

export type ParamList = Record<string, Spec<unknown>>;
export type Parsed<L extends ParamList> = { [K in keyof L]: L[K] extends Spec<infer T> ? T : never };

/** Parses `source` against a parameter list; the first bad or missing one is a 400 naming it. */
export function parseParams<L extends ParamList>(list: L, source: Record<string, unknown>): Parsed<L> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(list)) {
    const raw = source[name];
    if (Array.isArray(raw)) throw fail.parameterRequired(name, 'given more than once');
    if ((raw === undefined || raw === '') && !spec.optional) throw fail.parameterRequired(name);
    const result = spec.parse(raw);
    if (!result.ok) throw fail.parameterRequired(name, `expected ${result.expected}`);
    out[name] = result.value;
  }
  return out as Parsed<L>;
}
