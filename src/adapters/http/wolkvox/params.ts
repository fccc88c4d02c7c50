// Parameters of the wolkvox APIs: one spec per parameter kind, shared by every api that takes it.
// A spec parses the raw value or says what is wrong with it, and describes itself as a JSON Schema
// with an example (the demo's values) for the OpenAPI document and the Postman collection; the
// api's parameter list is the one source of its types (see `Parsed`) and of those documents.
import { callResults } from '../../../domain/call-state.ts';
import { campaignTypes, customerIdPattern, parseDayTime, phonePattern } from '../../../domain/campaign.ts';
import { agentIdPattern, transferTargetPattern } from '../../../domain/agent.ts';
import { fail } from '../../../domain/errors.ts';

/** A JSON Schema (the dialect of OpenAPI 3.1). */
export type JsonSchema = Record<string, unknown>;

export interface ParamSpec<T> {
  /** The value, or a text saying what a valid one looks like. */
  parse(raw: unknown): { ok: true; value: T } | { ok: false; expected: string };
  optional: boolean;
  /** What a valid value looks like, for the documents (the parser is the rule; this describes it). */
  schema: JsonSchema;
  /** A value of the demo operation, for the documents' examples. */
  example?: unknown;
  /** Other names the parameter is sent under (the Postman collection's spelling beside the pages'). */
  aliases?: readonly string[];
  /** A JSON array is its value (a body field), not the same query parameter given twice. */
  list?: boolean;
}

type Spec<T> = ParamSpec<T>;

export function pattern(regex: RegExp, expected: string, example?: string): Spec<string> {
  return {
    optional: false, schema: { type: 'string', pattern: regex.source, description: expected }, example,
    parse: (raw) => {
      const text = typeof raw === 'number' ? String(raw) : raw;
      return typeof text === 'string' && regex.test(text) ? { ok: true, value: text } : { ok: false, expected };
    },
  };
}

export function oneOf<const T extends string>(values: readonly T[]): Spec<T> {
  return {
    optional: false, schema: { type: 'string', enum: [...values], description: `one of ${values.join(', ')}` }, example: values[0],
    parse: (raw) => (typeof raw === 'string' && (values as readonly string[]).includes(raw)
      ? { ok: true, value: raw as T } : { ok: false, expected: `one of ${values.join(', ')}` }),
  };
}

export function text(maxLength: number, example?: string): Spec<string> {
  const spec = pattern(new RegExp(`^[^\\u0000-\\u001f]{1,${maxLength}}$`, 'u'), `text of 1 to ${maxLength} characters`, example);
  return { ...spec, schema: { type: 'string', minLength: 1, maxLength, description: `text of 1 to ${maxLength} characters, no control characters` } };
}

/** Whole numbers in a range, sent as a JSON number or as digits in a string ("100"). */
export function integer(min: number, max: number, example?: string): Spec<number> {
  return {
    optional: false, example,
    schema: { description: `a whole number from ${min} to ${max}, as a JSON number or digits in a string`, anyOf: [{ type: 'string', pattern: '^\\s*\\d{1,9}\\s*$' }, { type: 'integer', minimum: min, maximum: max }] },
    parse: (raw) => {
      const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
      const value = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
      return value >= min && value <= max ? { ok: true, value } : { ok: false, expected: `a whole number from ${min} to ${max}` };
    },
  };
}

/** A value read by a pure function of the domain (undefined = invalid). */
export function readBy<T>(read: (text: string) => T | undefined, expected: string, example?: string): Spec<T> {
  return {
    optional: false, schema: { type: 'string', description: expected }, example,
    parse: (raw) => {
      const value = typeof raw === 'string' || typeof raw === 'number' ? read(String(raw).trim()) : undefined;
      return value === undefined ? { ok: false, expected } : { ok: true, value };
    },
  };
}

/** yes/no, as the wolkvox pages write it; JSON booleans too. */
export const yesNo: Spec<boolean> = {
  optional: false, schema: { description: 'yes or no (JSON booleans too)', anyOf: [{ type: 'string', enum: ['yes', 'no'] }, { type: 'boolean' }] }, example: 'no',
  parse: (raw) => (raw === 'yes' || raw === true ? { ok: true, value: true }
    : raw === 'no' || raw === false ? { ok: true, value: false } : { ok: false, expected: 'yes or no' }),
};

const absent = (raw: unknown) => raw === undefined || raw === '' || raw === null;

/** Absent, empty or JSON null is "not given". */
export function optional<T>(spec: Spec<T>): Spec<T | undefined> {
  return {
    optional: true, schema: spec.schema, example: spec.example, ...(spec.aliases ? { aliases: spec.aliases } : {}), ...(spec.list ? { list: true } : {}),
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
  const schema = how === 'array'
    ? { type: 'array', items: spec.schema, minItems: 1, maxItems: max, description: expected }
    : { type: 'string', description: `${expected}, each ${typeof spec.schema.description === 'string' ? spec.schema.description : 'valid'}` };
  return {
    optional: false, schema, example: how === 'array' ? [spec.example] : spec.example, ...(how === 'array' ? { list: true } : {}),
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

/** The same spec with another example (a second activity code, another phone). */
export function example<T>(spec: Spec<T>, value: unknown): Spec<T> {
  return { ...spec, example: value };
}

// Examples are the demo operation's (src/demo.ts): agents 1001…, campaign 1 (predictive) with
// records 100001…, activity codes SALE and NEW.
export const p = {
  agentId: pattern(agentIdPattern, 'the agent extension (digits)', '1001'),
  transferTarget: pattern(transferTargetPattern, 'another agent\'s extension or a phone number of 3 to 20 digits', '3001234567'),
  phone: pattern(phonePattern, 'a phone number of 3 to 20 digits', '3001234567'),
  customerId: pattern(customerIdPattern, 'up to 64 letters, digits or ._@+-', '100001'),
  name: text(200, 'Ana Díaz'),
  // A time to come wherever the examples are tried (a recall in the past is refused).
  stamp: pattern(/^\d{14}$/, 'a date as YYYYmmddHHiiss', '20301231100000'),
  code: pattern(/^[\w.-]{1,64}$/, 'an activity code', 'SALE'),
  comments: text(2000, 'Wants a call back tomorrow'),
  tones: pattern(/^[0-9*#A-Da-d]{1,32}$/, 'DTMF digits 0-9 * # A-D, at most 32', '123#'),
  campaignId: pattern(/^\d{1,12}$/, 'a campaign id (digits)', '1'),
  campaignType: oneOf(campaignTypes),
  description: text(2000, 'March renewals'),
  dayTime: readBy(parseDayTime, 'a time of day as HHiiss, HH:MM:SS or YYYYmmddHHiiss', '080000'),
  skillId: integer(0, 999_999_999, '7'),
  speed: integer(0, 100, '100'),
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
