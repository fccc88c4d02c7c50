// An operation's SIP trunk: where its customer legs go, how Pacer authenticates to the carrier,
// and how the number is rewritten for it. The rules of each field, the number a trunk dials for a
// phone (strip, then prefix) and the Request-URI of that call. Pure: the trunk's host is judged by
// its form and, when it is an address, by its range (sip-uri.ts); a name is checked when a call
// resolves it.
import { formatSipUri, hasControlCharacter, readSipPeer, type SipUri } from './sip-uri.ts';

export interface TrunkSettings {
  /** The carrier's SIP URI, as formatSipUri writes it: no user part, at most ;transport. */
  uri: string;
  /** Digest credentials for the carrier's 401/407 challenges: both or neither. */
  username: string | null;
  /** Kept as given (digest needs it); never shown by a read, never logged. */
  password: string | null;
  /** The number customers see (From / P-Asserted-Identity); null: the carrier's default. */
  callerId: string | null;
  /** Calls this trunk may carry at once; null: no limit. */
  maxCalls: number | null;
  /** Dialled before the number (after `strip`): digits, # and *. */
  prefix: string;
  /** Leading digits removed from the number before `prefix` is put. */
  strip: number;
  /** Seconds a customer leg may ring before Pacer cancels it (no answer). */
  ringTimeoutS: number;
}

/** A create or a change: a field left out stays as it is (or takes its default); null clears it to its default. */
export type TrunkChange = { [K in keyof TrunkSettings]?: TrunkSettings[K] | null };

export const trunkDefaults = { prefix: '', strip: 0, ringTimeoutS: 30 } as const;

/** The fields' names on the wire, which refusals name. */
export const trunkFieldNames: Record<keyof TrunkSettings, string> = {
  uri: 'uri', username: 'username', password: 'password', callerId: 'caller_id', maxCalls: 'max_calls',
  prefix: 'prefix', strip: 'strip', ringTimeoutS: 'ring_timeout_s',
};

export const trunkLimits = {
  credentialLength: 128, maxCalls: 10_000, prefixLength: 10, strip: 10, ringTimeoutS: { min: 5, max: 300 },
} as const;

export type TrunkRead = { ok: true; settings: TrunkSettings } | { ok: false; field: keyof TrunkSettings; message: string };

const integerIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
// No control characters (the input guard lets tab and line breaks through: no credential has one),
// and for the username no quote or backslash, which the quoted-string of a digest header would have to escape.
const credential = (v: unknown, username: boolean): v is string =>
  typeof v === 'string' && v.length >= 1 && v.length <= trunkLimits.credentialLength && !hasControlCharacter(v) && !(username && /["\\]/.test(v));

/** Why `value` cannot be the trunk's `field`, or undefined (null is checked by the caller). */
function fieldProblem(field: keyof TrunkSettings, value: unknown): string | undefined {
  const name = trunkFieldNames[field];
  switch (field) {
    case 'uri': return undefined; // read by readSipPeer
    case 'username': return credential(value, true) ? undefined : `${name} must be 1 to ${trunkLimits.credentialLength} characters, without control characters, quotes or backslashes`;
    case 'password': return credential(value, false) ? undefined : `${name} must be 1 to ${trunkLimits.credentialLength} characters, without control characters`;
    case 'callerId': return typeof value === 'string' && /^\+?\d{3,20}$/.test(value) ? undefined : `${name} must be 3 to 20 digits, with an optional leading +`;
    case 'maxCalls': return integerIn(value, 1, trunkLimits.maxCalls) ? undefined : `${name} must be an integer from 1 to ${trunkLimits.maxCalls} (leave it out or null for no limit)`;
    case 'prefix': return typeof value === 'string' && /^[0-9#*]{0,10}$/.test(value) ? undefined : `${name} must be at most ${trunkLimits.prefixLength} digits, # or *`;
    case 'strip': return integerIn(value, 0, trunkLimits.strip) ? undefined : `${name} must be an integer from 0 to ${trunkLimits.strip} (leading digits removed)`;
    case 'ringTimeoutS': {
      const { min, max } = trunkLimits.ringTimeoutS;
      return integerIn(value, min, max) ? undefined : `${name} must be an integer from ${min} to ${max} (seconds)`;
    }
  }
}

/**
 * The trunk `change` makes of `base` (undefined: a new trunk), every field checked; the refusal
 * names the field. `allowPrivate` is PACER_SIP_ALLOW_PRIVATE.
 */
export function applyTrunkChange(base: TrunkSettings | undefined, change: TrunkChange, allowPrivate: boolean): TrunkRead {
  const next: TrunkSettings = base ? { ...base } : { uri: '', username: null, password: null, callerId: null, maxCalls: null, ...trunkDefaults };
  for (const field of Object.keys(trunkFieldNames) as (keyof TrunkSettings)[]) {
    const value = change[field];
    if (value === undefined) continue;
    if (value === null) {
      if (field === 'uri') return { ok: false, field, message: 'uri is required' };
      Object.assign(next, { [field]: field in trunkDefaults ? trunkDefaults[field as keyof typeof trunkDefaults] : null });
      continue;
    }
    if (field === 'uri') {
      if (typeof value !== 'string') return { ok: false, field, message: 'uri must be a SIP URI' };
      const read = readTrunkUri(value, allowPrivate);
      if (!read.ok) return { ok: false, field, message: read.message };
      next.uri = formatSipUri(read.uri);
      continue;
    }
    const problem = fieldProblem(field, value);
    if (problem) return { ok: false, field, message: problem };
    Object.assign(next, { [field]: value });
  }
  if (next.uri === '') return { ok: false, field: 'uri', message: 'uri is required' };
  // Digest takes both; one without the other could never answer a challenge.
  if (next.username !== null && next.password === null) return { ok: false, field: 'password', message: 'password is required with username (digest authentication takes both)' };
  if (next.password !== null && next.username === null) return { ok: false, field: 'username', message: 'username is required with password (digest authentication takes both)' };
  return { ok: true, settings: next };
}

/** A trunk's URI: no user part (the dialled number goes there), and a peer Pacer may send to. */
export function readTrunkUri(text: string, allowPrivate: boolean) {
  return readSipPeer(text, 'uri', { userAllowed: false, allowPrivate });
}

export type TrunkDial = { ok: true; number: string; requestUri: string } | { ok: false; reason: string };

/**
 * The number Pacer dials through `trunk` for `phone` (`+?digits`): the first `strip` digits
 * removed, then `prefix` put before the rest. A leading + goes when digits are stripped or a
 * prefix is put (a dialling code takes its place: prefix 00 dials +573001234567 as
 * 00573001234567); with neither, the number is dialled as it is, + included.
 */
export function trunkNumber(trunk: Pick<TrunkSettings, 'prefix' | 'strip'>, phone: string): { ok: true; number: string } | { ok: false; reason: string } {
  if (!/^\+?\d{1,32}$/.test(phone)) return { ok: false, reason: `${phone.slice(0, 40)} is no phone number (digits with an optional leading +)` };
  const plus = phone.startsWith('+');
  const digits = plus ? phone.slice(1) : phone;
  if (digits.length <= trunk.strip) return { ok: false, reason: `${phone} has ${digits.length} digits and the trunk strips ${trunk.strip}: nothing would be left to dial` };
  const rest = digits.slice(trunk.strip);
  if (trunk.strip === 0 && trunk.prefix === '') return { ok: true, number: phone };
  return { ok: true, number: `${trunk.prefix}${rest}` };
}

/** The Request-URI of a call to `number` through the trunk whose URI is `trunkUri`: the number as its user part. */
export function trunkRequestUri(trunkUri: SipUri, number: string): string {
  // # is no user character in a SIP URI (RFC 3261 §25.1): it is sent escaped; + and * are.
  return formatSipUri({ ...trunkUri, user: number.replaceAll('#', '%23') });
}

/**
 * Where a call to `phone` through `trunk` goes: the number dialled and the Request-URI, or why it
 * cannot be. The trunk's address is judged again with today's `allowPrivate` (a trunk made while
 * private peers were allowed is refused once they are not); a host name is left to the resolver's check.
 */
export function trunkDial(trunk: TrunkSettings, phone: string, allowPrivate: boolean): TrunkDial {
  const dialled = trunkNumber(trunk, phone);
  if (!dialled.ok) return dialled;
  const read = readTrunkUri(trunk.uri, allowPrivate);
  if (!read.ok) return { ok: false, reason: `the trunk cannot be used: ${read.message}` };
  return { ok: true, number: dialled.number, requestUri: trunkRequestUri(read.uri, dialled.number) };
}
