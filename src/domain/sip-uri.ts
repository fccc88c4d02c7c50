// SIP URIs a tenant gives Pacer: a trunk's (where its customer legs go) and an agent phone's fixed
// contact. Only what Pacer can honour is taken — the scheme sip or sips, an optional user, a host
// (a name, an IPv4 address, an [IPv6] address), a port, and `;transport=udp|tcp|tls` — and
// anything else (other parameters, headers, a password in the URI) is refused with the reason,
// never silently dropped: a carrier's `;lr` or `maddr` would change where calls go.
//
// And where it may point. As for webhooks (webhook-target.ts), a tenant must not make Pacer send
// traffic into the network Pacer runs in: an address literal outside the public ranges, or a name
// local by definition (localhost, *.internal, a name without a dot…), is refused unless the
// operator allows private peers (PACER_SIP_ALLOW_PRIVATE). Multicast, broadcast and unspecified
// addresses are never a SIP peer and are refused whatever the setting. A host name is judged here
// only by its form: where it resolves to is checked when a call resolves it (the SIP adapter),
// since a name can point anywhere by then.
import { classifyAddress, formatIPv6, parseIPv6 } from './network-address.ts';
import { describeAddress, privateHost } from './private-host.ts';

/** The setting that lifts the address rules (src/config.ts reads it). */
export const sipAllowPrivateSetting = 'PACER_SIP_ALLOW_PRIVATE';

export const sipTransports = ['udp', 'tcp', 'tls'] as const;
export type SipTransport = (typeof sipTransports)[number];

export interface SipUri {
  scheme: 'sip' | 'sips';
  /** The user part (a phone's extension), or null. */
  user: string | null;
  /** Lower case; an IPv6 address in brackets, in its usual text (RFC 5952). */
  host: string;
  hostKind: 'name' | 'ipv4' | 'ipv6';
  /** As given; null: the transport's default (5060, 5061 for TLS) or what DNS SRV says. */
  port: number | null;
  /** As given; null: the scheme's default (RFC 3263). */
  transport: SipTransport | null;
}

export type SipUriRead = { ok: true; uri: SipUri } | { ok: false; message: string };

/** Longest URI taken: far above any carrier's, short enough for a log line. */
export const maxSipUriLength = 255;

// RFC 3261 §25.1: the user's unreserved characters and escapes; no ";" (it would be read as a
// parameter) and no ":" (a password).
const userPattern = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,]|%[0-9A-Fa-f]{2}){1,64}$/;
// A host name: labels of letters, digits and hyphens, the last one starting with a letter (so that
// `127.1` or `2130706433`, which resolvers read as addresses, are not names).
const hostNamePattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// Four decimal numbers, no leading zeros (which some resolvers read as octal).
const ipv4Pattern = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

const bad = (message: string): SipUriRead => ({ ok: false, message });

/**
 * Reads `text` as the SIP URI of `field` (the name the refusal starts with). A user part is
 * refused unless `userAllowed` (a trunk's Request-URI puts the dialled number there).
 */
export function parseSipUri(text: string, field: string, userAllowed: boolean): SipUriRead {
  if (text.length > maxSipUriLength) return bad(`${field} must be at most ${maxSipUriLength} characters`);
  const scheme = /^(sips?):/i.exec(text);
  if (!scheme) return bad(`${field} must be a SIP URI: sip: or sips: and a host, e.g. sip:carrier.example:5060;transport=udp`);
  let rest = text.slice(scheme[0].length);
  if (rest.includes('?')) return bad(`${field} must not carry headers (?…): Pacer sets the headers of its requests`);
  const [address = '', ...params] = rest.split(';');
  rest = address;
  let user: string | null = null;
  const at = rest.lastIndexOf('@');
  if (at !== -1) {
    const userinfo = rest.slice(0, at);
    rest = rest.slice(at + 1);
    // Not echoed: it may be a password.
    if (userinfo.includes(':')) return bad(`${field} must not carry a password: give username and password as their own fields`);
    if (!userAllowed) return bad(`${field} must not have a user part (…@): Pacer puts the number it dials there`);
    if (!userPattern.test(userinfo)) return bad(`${field} has a user part that is not 1 to 64 letters, digits, %-escapes or -_.!~*'()&=+$,`);
    user = userinfo;
  }
  const hostPort = readHostPort(rest, field);
  if (!hostPort.ok) return hostPort;
  let transport: SipTransport | null = null;
  for (const param of params) {
    const [name = '', value, ...extra] = param.split('=');
    if (name.toLowerCase() !== 'transport') {
      return bad(`${field} parameter ";${name.slice(0, 32)}" is not supported: the only parameter Pacer honours is ;transport=udp|tcp|tls`);
    }
    if (transport !== null) return bad(`${field} gives ;transport twice`);
    const t = value?.toLowerCase();
    if (extra.length > 0 || !(sipTransports as readonly string[]).includes(t ?? '')) return bad(`${field} transport must be udp, tcp or tls`);
    transport = t as SipTransport;
  }
  const sips = scheme[1]?.toLowerCase() === 'sips';
  if (sips && transport === 'udp') return bad(`${field} is a sips URI, which needs TLS: transport=udp cannot carry it`);
  return { ok: true, uri: { scheme: sips ? 'sips' : 'sip', user, ...hostPort.value, transport } };
}

function readHostPort(text: string, field: string): { ok: true; value: Pick<SipUri, 'host' | 'hostKind' | 'port'> } | { ok: false; message: string } {
  let host: string;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close === -1) return { ok: false, message: `${field} has an IPv6 address without its closing ]` };
    host = text.slice(0, close + 1);
    const after = text.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return { ok: false, message: `${field} has something after its IPv6 address that is not :port` };
    portText = after === '' ? undefined : after.slice(1);
  } else {
    const colon = text.indexOf(':');
    host = colon === -1 ? text : text.slice(0, colon);
    portText = colon === -1 ? undefined : text.slice(colon + 1);
  }
  let port: number | null = null;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) return { ok: false, message: `${field} port must be a number from 1 to 65535` };
    port = Number(portText);
  }
  const read = parseSipHost(host);
  if (read) return { ok: true, value: { ...read, port } };
  if (host.startsWith('[')) return { ok: false, message: `${field} has "${host.slice(0, 64)}" in brackets, which is no IPv6 address` };
  if (host === '') return { ok: false, message: `${field} has no host` };
  return { ok: false, message: `${field} host "${host.slice(0, 64)}" is neither a host name, an IPv4 address (four decimal numbers) nor an IPv6 address in brackets` };
}

/**
 * A SIP host: a name, an IPv4 address (four decimal numbers) or an IPv6 address in brackets, as
 * kept (lower case; IPv6 in its usual text); undefined when `text` is none of them.
 */
export function parseSipHost(text: string): Pick<SipUri, 'host' | 'hostKind'> | undefined {
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1);
    // A zone id (fe80::1%eth0) names an interface of Pacer's own host: no SIP URI carries one.
    const v6 = inner.includes('%') ? undefined : parseIPv6(inner);
    return v6 === undefined ? undefined : { host: `[${formatIPv6(v6)}]`, hostKind: 'ipv6' };
  }
  const lower = text.toLowerCase();
  if (ipv4Pattern.test(lower)) return { host: lower, hostKind: 'ipv4' };
  if (hostNamePattern.test(lower)) return { host: lower, hostKind: 'name' };
  return undefined;
}

/** The URI as Pacer keeps and shows it: scheme, host and transport in lower case, IPv6 in its usual text. */
export function formatSipUri(uri: SipUri): string {
  return `${uri.scheme}:${uri.user === null ? '' : `${uri.user}@`}${uri.host}${uri.port === null ? '' : `:${uri.port}`}${uri.transport === null ? '' : `;transport=${uri.transport}`}`;
}

/** Addresses that are never a SIP peer, whatever the operator allows. */
const neverPeers = new Set(['multicast', 'broadcast', 'unspecified']);

const remedy = `SIP peers are public addresses; set ${sipAllowPrivateSetting}=true when trunks and phones are on a private network`;

/**
 * Why Pacer may not send SIP to `uri`'s host, or undefined; `allowPrivate` is
 * PACER_SIP_ALLOW_PRIVATE. A host name that passes is checked again when a call resolves it.
 */
export function sipPeerProblem(uri: SipUri, field: string, allowPrivate: boolean): string | undefined {
  const literal = uri.hostKind === 'name' ? undefined : classifyAddress(uri.host);
  if (literal && neverPeers.has(literal.range)) return `${field} points at ${describeAddress(literal)}, which is never a SIP peer`;
  if (allowPrivate) return undefined;
  const problem = privateHost(uri.host);
  return problem === undefined ? undefined : `${field} ${problem}: ${remedy}`;
}

/**
 * Whether `text` holds a control character (U+0000–U+001F, U+007F): no digest credential or SIP
 * header value may (the input guard lets tab and line breaks through, for free text).
 */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** `text` read as the SIP URI of `field` and checked as a peer: the URI, or the refusal's message. */
export function readSipPeer(text: string, field: string, options: { userAllowed: boolean; allowPrivate: boolean }): SipUriRead {
  const read = parseSipUri(text, field, options.userAllowed);
  if (!read.ok) return read;
  const problem = sipPeerProblem(read.uri, field, options.allowPrivate);
  return problem === undefined ? read : { ok: false, message: problem };
}
