// Digest authentication as a server (RFC 3261 §22.4, RFC 2617 MD5 with qop=auth): Pacer's
// registrar challenges a REGISTER and checks the answer. (The vendored `digest` module is made for
// the client side and keeps its server state per dialog; this is the small verifier Pacer needs.)
//
// Nonces are stateless and unguessable: the time they were made (the engine's clock), 12 random
// bytes and an HMAC-SHA256 of both and the requester's address under a key drawn at start. A
// nonce is good for `lifetimeMs` from the address it was given to; after that it is stale (a new
// challenge with stale=true, which phones answer without asking their user). A restart draws a new
// key: the nonces of before are answered the same way. Within its life a nonce may be used again
// with a growing nonce count (phones do, to skip a challenge per refresh); a count that does not
// grow is a replay and gets a new challenge.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../../engine/ports/clock.ts';

/** The fields of a Digest Authorization, unquoted, names in lower case. */
export interface DigestAnswer {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
  algorithm?: string;
}

const unquote = (value: string): string => (value.length >= 2 && value.startsWith('"') && value.endsWith('"')
  ? value.slice(1, -1).replace(/\\(.)/g, '$1')
  : value);
const quote = (value: string): string => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/**
 * The Digest answer for `realm` among the Authorization headers the stack parsed (objects of
 * `scheme` and the parameters as written), or undefined when there is none or it lacks a field.
 */
export function readAuthorization(header: unknown, realm: string): DigestAnswer | undefined {
  if (!Array.isArray(header)) return undefined;
  for (const raw of header as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof value === 'string') fields[name.toLowerCase()] = name === 'scheme' ? value : unquote(value);
    }
    if (fields.scheme?.toLowerCase() !== 'digest' || fields.realm !== realm) continue;
    const { username, nonce, uri, response } = fields;
    if (username === undefined || nonce === undefined || uri === undefined || response === undefined) return undefined;
    const answer: DigestAnswer = { username, realm, nonce, uri, response };
    for (const name of ['qop', 'nc', 'cnonce', 'algorithm'] as const) if (fields[name] !== undefined) answer[name] = fields[name];
    return answer;
  }
  return undefined;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * The `response` of an answer with qop=auth (RFC 2617 §3.2.2.1), lower-case hex, from HA1 (the
 * MD5 of username, realm and password: src/engine/telephony/digest-ha1.ts, all Pacer keeps of a
 * phone's password).
 */
export function digestResponse(a: { ha1: string; method: string; uri: string; nonce: string; nc: string; cnonce: string }): string {
  const ha2 = md5(`${a.method}:${a.uri}`);
  return md5(`${a.ha1}:${a.nonce}:${a.nc}:${a.cnonce}:auth:${ha2}`);
}

/**
 * Whether `answer` proves the password whose HA1 is `ha1` for `method` (the answer's username and
 * realm are those `ha1` was computed with: the caller checks them). Only MD5 with qop=auth is
 * taken (what Pacer offers): no qop (RFC 2069), auth-int or another algorithm is a wrong answer.
 */
export function verifyDigest(answer: DigestAnswer, method: string, ha1: string): boolean {
  if (answer.algorithm !== undefined && answer.algorithm.toUpperCase() !== 'MD5') return false;
  if (answer.qop?.toLowerCase() !== 'auth' || answer.cnonce === undefined || answer.nc === undefined || !/^[0-9a-fA-F]{8}$/.test(answer.nc)) return false;
  const expected = Buffer.from(digestResponse({ ...answer, ha1, method, nc: answer.nc, cnonce: answer.cnonce }), 'utf8');
  const given = Buffer.from(answer.response.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A WWW-Authenticate value as the stack writes it (parameters quoted as they go on the wire). */
export function challenge(realm: string, nonce: string, stale: boolean): Record<string, string> {
  return { scheme: 'Digest', realm: quote(realm), nonce: quote(nonce), algorithm: 'MD5', qop: quote('auth'), ...(stale ? { stale: 'true' } : {}) };
}

export type NonceCheck = 'fresh' | 'stale' | 'invalid';

export interface Nonces {
  /** A new nonce for a requester at `address`. */
  issue(address: string): string;
  /** Whether `nonce` is one of ours given to `address`, and still within its life. */
  check(nonce: string, address: string): NonceCheck;
  /**
   * Records a verified use of `nonce` with count `nc` (8 hex digits); false when the count does not
   * grow (a replay). Call after the answer was verified, so nobody can spend a phone's counts.
   */
  use(nonce: string, nc: string): boolean;
}

export interface NonceOptions {
  lifetimeMs: number;
  /** Nonces whose counts are remembered at most (the oldest are forgotten first). */
  remembered?: number;
  /** The HMAC key; random by default. */
  key?: Buffer;
}

export function createNonces(clock: Clock, options: NonceOptions): Nonces {
  const key = options.key ?? randomBytes(32);
  const remembered = options.remembered ?? 50_000;
  const counts = new Map<string, { nc: number; until: number }>();
  const mac = (made: string, salt: string, address: string) =>
    createHmac('sha256', key).update(`${made}.${salt}.${address}`).digest('base64url').slice(0, 22);

  return {
    issue(address) {
      const made = clock.now().toString(36);
      const salt = randomBytes(12).toString('base64url');
      return `${made}.${salt}.${mac(made, salt, address)}`;
    },
    check(nonce, address) {
      const [made, salt, tag, extra] = nonce.split('.');
      if (made === undefined || salt === undefined || tag === undefined || extra !== undefined || !/^[0-9a-z]{1,12}$/.test(made)) return 'invalid';
      const expected = Buffer.from(mac(made, salt, address));
      const given = Buffer.from(tag);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      const at = parseInt(made, 36);
      const now = clock.now();
      if (at > now) return 'invalid';
      return now - at < options.lifetimeMs ? 'fresh' : 'stale';
    },
    use(nonce, nc) {
      const count = parseInt(nc, 16);
      const now = clock.now();
      const seen = counts.get(nonce);
      if (seen && seen.until > now && count <= seen.nc) return false;
      counts.delete(nonce);
      if (counts.size >= remembered) {
        for (const [n, c] of counts) if (c.until <= now) counts.delete(n);
        // Still full: forget the oldest (a forgotten nonce's next count is taken, as a new one).
        for (const n of counts.keys()) {
          if (counts.size < remembered) break;
          counts.delete(n);
        }
      }
      counts.set(nonce, { nc: count, until: now + options.lifetimeMs });
      return true;
    },
  };
}
