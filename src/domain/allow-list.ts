// The IP allow-list of an operation (configuration.php add_ip / remove_ip): which addresses its
// tokens may be used from. Pure: what an address is written as, how long a temporary entry lasts,
// how many permanent ones an operation may have.
import { dottedQuadPattern, formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from './network-address.ts';

/** wolkvox allows at most 5 permanent addresses per operation (the official collection). */
export const maxPermanentAddresses = 5;
/** A temporary entry (permanent "no") lasts this long: a Pacer choice, wolkvox does not document it. */
export const temporaryAddressMs = 24 * 3600_000;

/**
 * An address as it is stored and compared: IPv4 dotted, IPv6 in RFC 5952 form, an IPv4-mapped
 * IPv6 address (::ffff:a.b.c.d, what a dual-stack socket reports) as its IPv4. Undefined when the
 * text is no single address (ranges and host names are refused).
 */
export function canonicalAddress(text: string): string | undefined {
  const t = text.trim();
  if (dottedQuadPattern.test(t)) return formatIPv4(parseIPv4(t) as number);
  if (t.includes('%') || t.startsWith('[')) return undefined;
  const v6 = parseIPv6(t);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return formatIPv4(Number(v6 & 0xffffffffn));
  return formatIPv6(v6);
}
