// Hosts a tenant may not point Pacer at: an address literal outside the public ranges, or a name
// that is local by definition. Shared by the rules of every place Pacer sends traffic on a
// tenant's word (webhooks: webhook-target.ts; SIP trunks and agent phones: sip-uri.ts), each of
// which adds its own field name and remedy to the reason given here.
import { classifyAddress, type AddressClass } from './network-address.ts';

/**
 * Names that never lead to a public host, whatever DNS says. Not refused: the special-use names
 * that no resolver answers for (.test, .example, .invalid), which fail on their own.
 */
const localNames: { suffix: string; what: string }[] = [
  { suffix: 'localhost', what: 'this host (RFC 6761)' },
  { suffix: 'local', what: 'a multicast DNS name of the local network (RFC 6762)' },
  { suffix: 'internal', what: 'a private-use name (ICANN), as cloud networks name their hosts and metadata service' },
  { suffix: 'home.arpa', what: 'a home network name (RFC 8375)' },
  { suffix: 'localdomain', what: 'the conventional name of the local domain' },
];

/** "a loopback address (127.0.0.1)", "an IPv6 form of …" when it was judged by its IPv4 address. */
export function describeAddress(a: AddressClass): string {
  const article = /^[aeiou]/.test(a.range) ? 'an' : 'a';
  return `${article} ${a.range} address (${a.address}${a.ipv4 ? `, an IPv6 form of ${a.ipv4}` : ''})`;
}

/**
 * Why `hostname` (a URL's or a SIP URI's host, IPv6 in brackets or not) is no public host, as the
 * end of a sentence that starts with the field's name ("points at a loopback address (127.0.0.1)",
 * "names localhost, this host (RFC 6761)"), or undefined when it may be public.
 */
export function privateHost(hostname: string): string | undefined {
  const literal = classifyAddress(hostname);
  if (literal) return literal.range === 'public' ? undefined : `points at ${describeAddress(literal)}`;
  // One trailing dot is the DNS root: "localhost." is localhost.
  const name = hostname.toLowerCase().replace(/\.$/, '');
  const local = localNames.find((n) => name === n.suffix || name.endsWith(`.${n.suffix}`));
  if (local) return `names ${name}, ${local.what}`;
  // A name without a dot is completed by the search domains of Pacer's own host (an intranet
  // name, a container's service name): it never names a public host.
  if (!name.includes('.')) return `names ${name}, a name without a dot that resolves inside Pacer's own network`;
  return undefined;
}
