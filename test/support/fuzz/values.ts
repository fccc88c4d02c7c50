// What the fuzz test sends in place of good input: hostile strings (controls, lone surrogates,
// emoji, right-to-left, combining marks, huge), numbers JSON cannot round-trip (-0, 1e400,
// 2^53+1), broken JSON texts, odd content types and URL pieces; and how to write them on the wire
// (JSON text with raw number tokens, percent-encoding that survives lone surrogates).
import type { Rng } from './random.ts';

/** A JSON token written as is, for numbers JSON.stringify would change (-0, 1e400, 2^53+1). */
export class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** A body that is not JSON at all: sent as this text. */
export class RawText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** JSON text of a value that may hold RawJson tokens (bodies are small and shallow: recursion is fine). */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const controls = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\u007f'];

/** Hostile strings by kind: a kind is picked first, so that each is tried often whatever its size. */
const stringKinds: readonly (readonly string[])[] = [
  // NUL, which PostgreSQL refuses in text and json, and the other controls (tab, LF and CR are
  // allowed in free text).
  ['\u0000', 'a\u0000b', 'Agent\u0000', '\u0000\u0000'],
  [...controls.map((c) => `x${c}y`), 'tab\there', 'two\nlines', 'cr\rlf\n', '\u0085', '\u009b'],
  // Unicode: lone and paired surrogates, emoji, right-to-left, combining marks, invisible characters.
  ['\ud800', 'a\udc00b', '\udbff', '\udbff\udfff', '😀', '👩‍👩‍👧‍👦', '🏳️‍🌈', '\u202eevil', 'مرحبا بالعالم', 'שלום', 'e\u0301\u0302\u0303\u0304',
    'Z\u0364\u0351\u0313\u0300', '\u200b', '\ufeff', '\uffff', '\ufffd', '\u00c0\u00af', '\u2028', '\u2029', '\u00ad', 'Ñandú café', '日本語テキスト'],
  // Sizes.
  ['', ' ', '  padded  ', 'a'.repeat(65), 'a'.repeat(101), 'a'.repeat(201), 'a'.repeat(2001), 'a'.repeat(70_000), '9'.repeat(400)],
  // Numbers as text: signs, overflow, not-a-number, other notations and digits.
  ['-0', '0', '-1', '1e308', '-1e308', '1e400', '9007199254740993', '-9007199254740993', '2147483648', 'NaN', 'Infinity', '-Infinity',
    '0x1F', '1.5', ' 1', '1 ', '+1', '١٢٣', '00000001001', '1_000', '1e2'],
  // Syntax of other languages, names of prototypes, look-alikes of good values.
  ['null', 'true', 'false', '[]', '{}', '"', '\'', '\' OR 1=1 --', '1; DROP TABLE agents; --', '%00', '%', '%%', '\\', '\\u0000',
    '../../etc/passwd', '<script>alert(1)</script>', '${jndi:ldap://x}', '{{7*7}}', '__proto__', 'constructor', 'prototype', 'toString',
    'hasOwnProperty', 'ready', 'logout', '1001', '0001', '2026-02-30T25:61:61Z', '2026-03-02T15:00:00', '99999-01-01T00:00:00Z',
    '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '20261301000000', '99999999999999', '00000000000000', '24:00', '23:59:60',
    '00:00-24:00', '19:00-07:00', 'call.', 'a,b,,c', 'Mars/Phobos', 'America/Bogota\u0000'],
];

export const nastyStrings: readonly string[] = stringKinds.flat();

export function nastyString(r: Rng): string {
  return r.pick(r.pick(stringKinds));
}

/** Deeply nested arrays, as text: JSON.stringify of such a value would overflow the stack. */
export const deepJson = (depth: number): RawJson => new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`);

export function nastyJson(r: Rng): unknown {
  switch (r.int(0, 9)) {
    case 0: return r.pick([null, true, false, 0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER]);
    case 1: return new RawJson(r.pick(['-0', '1e308', '-1e308', '1e400', '-1e400', '9007199254740993', '1E2', '1.0', '0.1e-400', '123456789012345678901234567890']));
    case 2: return r.pick([[], {}, [null], [''], { a: 1 }, [[[]]], { '': '' }]);
    case 3: return Array.from({ length: r.pick([101, 1001, 10_001]) }, (_, i) => (r.chance(0.5) ? i : String(i)));
    case 4: return deepJson(r.pick([64, 1000, 100_000]));
    case 5: return Object.fromEntries(Array.from({ length: r.pick([100, 2000]) }, (_, i) => [`k${i}`, i]));
    default: return nastyString(r);
  }
}

/** Bodies that are not JSON, or JSON of a shape no route takes. */
export const badBodyTexts: readonly string[] = [
  '{', '}', '{"a":1,}', '{"a":}', '{\'a\':1}', '[1,2', 'nul', 'NaN', '{"a":NaN}', '{"a":Infinity}', '\u0000', '\u0000{}', '{}\u0000',
  '{"a":"\\u0000"}', '{"a":"\\ud800"}', '\ufeff{}', '{"a":1}{"b":2}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}',
  '  ', '\n', '0', '"str"', 'true', 'x'.repeat(5000), `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`, '[]', '[{}]',
  'name=x&description=y', '<xml><name>x</name></xml>', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
];

/** Bodies whose bytes are not UTF-8: overlong forms, a lone surrogate's bytes, stray bytes, UTF-16. */
export const badBodyBytes: readonly Buffer[] = [
  Buffer.from('{"name":"\xc0\xaf","description":"\xc0\x80"}', 'latin1'),
  Buffer.from('{"name":"\xed\xa0\x80"}', 'latin1'),
  Buffer.from('{"name":"\xff\xfe"}', 'latin1'),
  Buffer.from('\ufeff{"name":"x"}', 'utf16le'),
  Buffer.from([0x5b, 0x22, 0xe2, 0x82, 0x22, 0x5d]),
];

export const contentTypes: readonly string[] = [
  'text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x',
  'application/octet-stream', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/vnd.api+json',
  'application/json-patch+json', 'APPLICATION/JSON', 'application/jsonx', 'application/', 'x', '*/*', ';', 'application/json;;',
];

/** Pieces written into a URL as they are: escapes that are not UTF-8, overlong forms, lone surrogates. */
export const rawUrlPieces: readonly string[] = [
  '%', '%0', '%ZZ', '%00', '%FF', '%C0%AF', '%C0%80', '%ED%A0%80', '%ED%B0%80', '%E2%80%AE', '%F0%9F%98%80', '%2F', '%2E%2E', '..', '+', '%20', '%0A', '%7F', '%EF%BB%BF',
];

/** Percent-encoding that also writes lone surrogates (as their WTF-8 bytes, as a sloppy client would). */
export function encodeAny(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    let out = '';
    for (const ch of text) {
      const code = ch.codePointAt(0) ?? 0;
      if (code >= 0xd800 && code <= 0xdfff) {
        out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      } else {
        out += encodeURIComponent(ch);
      }
    }
    return out;
  }
}
