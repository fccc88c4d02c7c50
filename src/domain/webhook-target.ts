// Where webhooks may go. Pacer POSTs to any URL a tenant names and shows the tenant what came
// back, so without these rules it would probe its own network for them (loopback, the private
// network, the cloud metadata service) and report what answers. A target must be http(s), carry
// no credentials, and, unless the operator allows private targets, name a public address: no
// literal address outside the public ranges and no name that is local by definition. The same
// rules apply again at send time to the addresses the name resolves to (`resolvedProblem`), since
// a name can point anywhere by then. Ports are not restricted: the rules protect Pacer's own
// network, a public address is reachable by anyone on any port, and receivers on 8080 or 8443
// are common.
import { classifyAddress, type AddressClass } from './network-address.ts';

/** The setting that lifts the address rules (src/config.ts reads it). */
export const allowPrivateSetting = 'PACER_WEBHOOK_ALLOW_PRIVATE';

const remedy = `webhooks go to public addresses; set ${allowPrivateSetting}=true on a private network`;

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

function describe(a: AddressClass): string {
  const article = /^[aeiou]/.test(a.range) ? 'an' : 'a';
  return `${article} ${a.range} address (${a.address}${a.ipv4 ? `, an IPv6 form of ${a.ipv4}` : ''})`;
}

/** Why `hostname` (as `new URL(…).hostname` gives it) is no public target, or undefined. */
export function hostProblem(hostname: string): string | undefined {
  const literal = classifyAddress(hostname);
  if (literal) return literal.range === 'public' ? undefined : `url points at ${describe(literal)}: ${remedy}`;
  // One trailing dot is the DNS root: "localhost." is localhost.
  const name = hostname.toLowerCase().replace(/\.$/, '');
  const local = localNames.find((n) => name === n.suffix || name.endsWith(`.${n.suffix}`));
  if (local) return `url names ${name}, ${local.what}: ${remedy}`;
  // A name without a dot is completed by the search domains of Pacer's own host (an intranet
  // name, a container's service name): it never names a public host.
  if (!name.includes('.')) return `url names ${name}, a name without a dot that resolves inside Pacer's own network: ${remedy}`;
  return undefined;
}

/** Why `url` may not receive webhooks, or undefined. */
export function webhookUrlProblem(url: string, allowPrivate: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `url must be an absolute http(s) URL, got "${url.slice(0, 100)}"`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'url must use http or https';
  if (parsed.username || parsed.password) return 'url must not carry credentials: verify the Pacer-Signature instead';
  return allowPrivate ? undefined : hostProblem(parsed.hostname);
}

/** Why a host whose name resolved to `addresses` may not be sent to: any one of them not public. */
export function resolvedProblem(hostname: string, addresses: string[]): string | undefined {
  for (const address of addresses) {
    const a = classifyAddress(address);
    if (!a) return `${hostname} resolves to "${address}", which is no IP address`;
    if (a.range !== 'public') return `${hostname} resolves to ${describe(a)}: ${remedy}`;
  }
  if (addresses.length === 0) return `${hostname} resolves to no address`;
  return undefined;
}
