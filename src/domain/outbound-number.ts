// Which numbers an operation may call. One policy for every customer leg (manual dial, aux_call,
// callbacks, transfers to a number, the dialer): emergency and short service numbers are never
// dialled, an operation may restrict the prefixes it calls (premium-rate and international ranges
// are where toll fraud happens), and the do-not-call list matches a number in any of its written
// forms (`+57 300…`, `0057 300…`, `57300…` and the national `300…` are one number).

export interface OutboundPolicy {
  /** The operation's country calling code, digits only (57: Colombia). */
  countryCode: string;
  /** Numbers shorter than this, in national form, are service numbers and are not dialled. */
  minDigits: number;
  /**
   * When not empty, only numbers starting with one of these are dialled. A prefix with `+` is read
   * against the international form (`+57` allows every Colombian number and no foreign one), one
   * without against the national form (`300` allows the mobiles that start with it).
   */
  allowedPrefixes: string[];
  /** Numbers starting with one of these (read as `allowedPrefixes`) are not dialled. */
  blockedPrefixes: string[];
}

export const defaultOutboundPolicy: OutboundPolicy = { countryCode: '57', minDigits: 7, allowedPrefixes: [], blockedPrefixes: [] };

/**
 * Emergency numbers, refused whatever the policy says: Colombia's (123 national, 112 police, 119
 * fire, 125 ambulance, 132 Red Cross, 144 civil defence, 165 and 167 anti-kidnapping) and the
 * common international ones, in case an operation lowers `minDigits`.
 */
export const emergencyNumbers: readonly string[] = ['123', '112', '119', '125', '132', '144', '165', '167', '911', '999', '000', '110', '118', '066', '060'];

export type OutboundRule = 'do-not-call' | 'emergency' | 'service-number' | 'blocked-prefix' | 'not-allowed-prefix';

export interface OutboundRefusal {
  rule: OutboundRule;
  message: string;
}

/**
 * The number as the operation's country sees it: its national digits (`3001234567`) for a domestic
 * number, `+` and all its digits for a foreign one. A number with `+` or `00` is international; one
 * without them that starts with the country code and has more than 10 digits is read as
 * international too (national numbers have at most 10 digits in Colombia and in the NANP).
 */
export function nationalForm(phone: string, countryCode: string): string {
  const digits = phone.replace(/^\+/, '');
  const international = phone.startsWith('+') ? digits : digits.startsWith('00') ? digits.slice(2) : undefined;
  if (international !== undefined) return international.startsWith(countryCode) ? international.slice(countryCode.length) : `+${international}`;
  return digits.length > 10 && digits.startsWith(countryCode) ? digits.slice(countryCode.length) : digits;
}

/** The ways the same number may be written: a do-not-call entry in any of them blocks it. */
export function writtenForms(phone: string, countryCode: string): string[] {
  const national = nationalForm(phone, countryCode);
  if (national.startsWith('+')) return [national, `00${national.slice(1)}`];
  return [national, `${countryCode}${national}`, `+${countryCode}${national}`, `00${countryCode}${national}`];
}

/** Why the policy forbids dialling `phone`, if it does (the do-not-call list is checked apart). */
export function policyRefusal(phone: string, policy: OutboundPolicy): OutboundRefusal | undefined {
  const national = nationalForm(phone, policy.countryCode);
  const international = national.startsWith('+') ? national : `+${policy.countryCode}${national}`;
  if (emergencyNumbers.includes(national)) {
    return { rule: 'emergency', message: `${phone} is an emergency number: Pacer never dials it` };
  }
  if (!national.startsWith('+') && national.length < policy.minDigits) {
    return { rule: 'service-number', message: `${phone} is a service number (fewer than ${policy.minDigits} digits): Pacer does not dial it` };
  }
  const startsWith = (prefix: string) => (prefix.startsWith('+') ? international : national).startsWith(prefix);
  const blocked = policy.blockedPrefixes.find(startsWith);
  if (blocked !== undefined) return { rule: 'blocked-prefix', message: `${phone} starts with ${blocked}, a prefix this operation does not call` };
  if (policy.allowedPrefixes.length > 0 && !policy.allowedPrefixes.some(startsWith)) {
    return { rule: 'not-allowed-prefix', message: `${phone} starts with none of the prefixes this operation calls (${policy.allowedPrefixes.join(', ')})` };
  }
  return undefined;
}

export function doNotCallRefusal(phone: string): OutboundRefusal {
  return { rule: 'do-not-call', message: `${phone} is on the do-not-call list of this operation` };
}

/** A policy given as JSON (the native API, or the stored row); undefined with the reason if it is not one. */
export function parseOutboundPolicy(json: unknown): { ok: true; policy: OutboundPolicy } | { ok: false; reason: string } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'must be an object' };
  const o = json as Record<string, unknown>;
  const countryCode = o.country_code ?? defaultOutboundPolicy.countryCode;
  if (typeof countryCode !== 'string' || !/^[1-9]\d{0,2}$/.test(countryCode)) return { ok: false, reason: 'country_code must be 1 to 3 digits, not starting with 0 (57: Colombia)' };
  const minDigits = o.min_digits ?? defaultOutboundPolicy.minDigits;
  if (typeof minDigits !== 'number' || !Number.isInteger(minDigits) || minDigits < 3 || minDigits > 15) return { ok: false, reason: 'min_digits must be an integer from 3 to 15' };
  const prefixes = (name: string): string[] | string => {
    const list = o[name] ?? [];
    if (!Array.isArray(list) || list.length > 100 || !list.every((p) => typeof p === 'string' && /^\+?\d{1,15}$/.test(p))) {
      return `${name} must be a list of at most 100 prefixes: digits (national form), or + and digits (international form)`;
    }
    return list as string[];
  };
  const allowed = prefixes('allowed_prefixes');
  if (typeof allowed === 'string') return { ok: false, reason: allowed };
  const blocked = prefixes('blocked_prefixes');
  if (typeof blocked === 'string') return { ok: false, reason: blocked };
  return { ok: true, policy: { countryCode, minDigits, allowedPrefixes: allowed, blockedPrefixes: blocked } };
}

export function outboundPolicyToJson(p: OutboundPolicy) {
  return { country_code: p.countryCode, min_digits: p.minDigits, allowed_prefixes: p.allowedPrefixes, blocked_prefixes: p.blockedPrefixes };
}
