// Where webhooks may go. Pacer POSTs to any URL a tenant names and shows the tenant what came
// back, so without these rules it would probe its own network for them (loopback, the private
// network, the cloud metadata service) and report what answers. A target must be http(s), carry
// no credentials, and, unless the operator allows private targets, name a public address: no
// literal address outside the public ranges and no name that is local by definition. The same
// rules apply again at send time to the addresses the name resolves to (`resolvedProblem`), since
// a name can point anywhere by then. Ports are not restricted: the rules protect Pacer's own
// network, a public address is reachable by anyone on any port, and receivers on 8080 or 8443
// are common.
import { classifyAddress } from './network-address.ts';
import { describeAddress, privateHost } from './private-host.ts';

/** The setting that lifts the address rules (src/config.ts reads it). */
export const allowPrivateSetting = 'PACER_WEBHOOK_ALLOW_PRIVATE';

const remedy = `webhooks go to public addresses; set ${allowPrivateSetting}=true on a private network`;

/** Why `hostname` (as `new URL(…).hostname` gives it) is no public target, or undefined. */
export function hostProblem(hostname: string): string | undefined {
  const problem = privateHost(hostname);
  return problem === undefined ? undefined : `url ${problem}: ${remedy}`;
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
    if (a.range !== 'public') return `${hostname} resolves to ${describeAddress(a)}: ${remedy}`;
  }
  if (addresses.length === 0) return `${hostname} resolves to no address`;
  return undefined;
}
