// What an IP address is: public, or one of the ranges a server must not be sent to on a tenant's
// word (its own loopback, the private network it sits on, the cloud metadata service…). Parsed
// here from text, without Node's `net`, so the rule is pure and the same at create and at send.
// IPv4 is read the way the WHATWG URL parser and inet_aton read it (decimal, hex, octal, short
// forms); IPv6 with brackets, a zone id or a dotted tail, and its forms that carry an IPv4 address
// are judged by that IPv4 address.

export type AddressRange = 'public' | 'loopback' | 'private' | 'link-local' | 'multicast' | 'unspecified' | 'broadcast' | 'reserved';

export interface AddressClass {
  /** The address in its usual text: a dotted quad, or IPv6 compressed and in lower case (RFC 5952). */
  address: string;
  version: 4 | 6;
  range: AddressRange;
  /** The IPv4 address an IPv6 form carries (mapped, NAT64, 6to4…), when it was judged by it. */
  ipv4?: string;
}

interface Block {
  cidr: string;
  range: AddressRange;
}

interface IPv6Block {
  cidr: string;
  range?: AddressRange;
  /** Where the block carries an IPv4 address (its first bit): the address is judged by it. */
  ipv4At?: number;
  /** A form nobody routes any more: judged by its IPv4 address when that is not public, else reserved. */
  deprecated?: boolean;
}

// First match wins: the broadcast address comes before the 240/4 block that holds it.
const ipv4Blocks: Block[] = [
  { cidr: '0.0.0.0/8', range: 'unspecified' }, // "this network" (RFC 1122): 0.0.0.0 reaches this host on Linux
  { cidr: '10.0.0.0/8', range: 'private' }, // RFC 1918
  { cidr: '100.64.0.0/10', range: 'private' }, // shared address space, carrier-grade NAT (RFC 6598)
  { cidr: '127.0.0.0/8', range: 'loopback' },
  { cidr: '169.254.0.0/16', range: 'link-local' }, // holds the cloud metadata service, 169.254.169.254
  { cidr: '172.16.0.0/12', range: 'private' }, // RFC 1918
  { cidr: '192.0.0.0/24', range: 'reserved' }, // IETF protocol assignments (RFC 6890)
  { cidr: '192.0.2.0/24', range: 'reserved' }, // documentation, TEST-NET-1 (RFC 5737)
  { cidr: '192.88.99.0/24', range: 'reserved' }, // 6to4 relay anycast, deprecated (RFC 7526)
  { cidr: '192.168.0.0/16', range: 'private' }, // RFC 1918
  { cidr: '198.18.0.0/15', range: 'reserved' }, // benchmarking (RFC 2544)
  { cidr: '198.51.100.0/24', range: 'reserved' }, // documentation, TEST-NET-2
  { cidr: '203.0.113.0/24', range: 'reserved' }, // documentation, TEST-NET-3
  { cidr: '224.0.0.0/4', range: 'multicast' },
  { cidr: '255.255.255.255/32', range: 'broadcast' },
  { cidr: '240.0.0.0/4', range: 'reserved' }, // future use (RFC 1112)
];

const ipv6Blocks: IPv6Block[] = [
  { cidr: '::/128', range: 'unspecified' },
  { cidr: '::1/128', range: 'loopback' },
  { cidr: '::ffff:0:0/96', ipv4At: 96 }, // IPv4-mapped: a dual-stack socket reaches the IPv4 host
  { cidr: '::ffff:0:0:0/96', ipv4At: 96, deprecated: true }, // IPv4-translated (RFC 2765)
  { cidr: '::/96', ipv4At: 96, deprecated: true }, // IPv4-compatible (deprecated by RFC 4291)
  { cidr: '64:ff9b::/96', ipv4At: 96 }, // NAT64 well-known prefix: the translator reaches the IPv4 host
  { cidr: '64:ff9b:1::/48', range: 'private' }, // NAT64 for local use (RFC 8215)
  { cidr: '100::/64', range: 'reserved' }, // discard-only (RFC 6666)
  { cidr: '2001:db8::/32', range: 'reserved' }, // documentation (RFC 3849)
  // IETF protocol assignments: Teredo (2001::/32, whose client address is obfuscated), benchmarking, ORCHID.
  { cidr: '2001::/23', range: 'reserved' },
  { cidr: '2002::/16', ipv4At: 16 }, // 6to4: the IPv4 address of the site follows the prefix
  { cidr: '3fff::/20', range: 'reserved' }, // documentation (RFC 9637)
  { cidr: 'fc00::/7', range: 'private' }, // unique local addresses
  { cidr: 'fe80::/10', range: 'link-local' },
  { cidr: 'fec0::/10', range: 'private' }, // site-local, deprecated
  { cidr: 'ff00::/8', range: 'multicast' },
];

/** One part of an IPv4 address: decimal, octal after a leading 0, hex after 0x (an empty 0x is 0, as in URLs). */
function ipv4Part(part: string): number | undefined {
  const hex = /^0x/i.test(part);
  const octal = !hex && part.length > 1 && part.startsWith('0');
  const digits = hex ? part.slice(2) : octal ? part.slice(1) : part;
  if (hex && digits === '') return 0;
  const pattern = hex ? /^[0-9a-f]+$/i : octal ? /^[0-7]+$/ : /^[0-9]+$/;
  return pattern.test(digits) ? parseInt(digits, hex ? 16 : octal ? 8 : 10) : undefined;
}

/** The 32-bit value of an IPv4 address in any form inet_aton takes (`127.1`, `2130706433`, `0x7f.1`…). */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  // A trailing dot is the root of DNS, not a fifth part (as the URL parser reads it).
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length > 4) return undefined;
  const numbers = parts.map(ipv4Part);
  if (numbers.some((n) => n === undefined)) return undefined;
  const values = numbers as number[];
  const last = values.pop() as number;
  // The last part fills the bytes the others left: 127.1 is 127.0.0.1.
  if (values.some((n) => n > 255) || last >= 256 ** (4 - values.length)) return undefined;
  return values.reduce((sum, n, i) => sum + n * 256 ** (3 - i), 0) + last;
}

export const dottedQuadPattern = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function ipv6Groups(text: string, dottedTail: boolean): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (const [i, part] of parts.entries()) {
    if (dottedTail && i === parts.length - 1 && dottedQuadPattern.test(part)) {
      const v4 = parseIPv4(part) as number;
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
    } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** The 128-bit value of an IPv6 address; brackets and a zone id (`%eth0`) are allowed around it. */
export function parseIPv6(text: string): bigint | undefined {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = s.indexOf('%');
  if (zone !== -1) {
    if (zone === s.length - 1) return undefined;
    s = s.slice(0, zone);
  }
  if (!s.includes(':')) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const [head, tail] = [ipv6Groups(halves[0] ?? '', halves.length === 1), ipv6Groups(halves[1] ?? '', true)];
  if (!head || !tail) return undefined;
  // "::" stands for one group or more.
  if (halves.length === 1 ? head.length !== 8 : head.length + tail.length > 7) return undefined;
  const groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  return groups.reduce((value, g) => (value << 16n) | BigInt(g), 0n);
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
export function formatIPv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at === -1) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`;
}

function inIPv4Block(value: number, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(value / size) === Math.floor((parseIPv4(base ?? '') ?? -1) / size);
}

function inIPv6Block(value: bigint, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const shift = BigInt(128 - Number(bits));
  return value >> shift === (parseIPv6(base ?? '') ?? -1n) >> shift;
}

function classifyIPv4(value: number): AddressClass {
  const block = ipv4Blocks.find((b) => inIPv4Block(value, b.cidr));
  return { address: formatIPv4(value), version: 4, range: block?.range ?? 'public' };
}

function classifyIPv6(value: bigint): AddressClass {
  const address = formatIPv6(value);
  const block = ipv6Blocks.find((b) => inIPv6Block(value, b.cidr));
  if (block?.ipv4At !== undefined) {
    const inner = classifyIPv4(Number((value >> BigInt(96 - block.ipv4At)) & 0xffffffffn));
    const range = inner.range === 'public' && block.deprecated ? 'reserved' : inner.range;
    return { address, version: 6, range, ipv4: inner.address };
  }
  if (block?.range) return { address, version: 6, range: block.range };
  // Only 2000::/3 is handed out as global unicast; the rest of the space is the IETF's.
  return { address, version: 6, range: inIPv6Block(value, '2000::/3') ? 'public' : 'reserved' };
}

/** What `text` is as an IP address, or undefined when it is none (a host name). */
export function classifyAddress(text: string): AddressClass | undefined {
  if (text.includes(':') || text.startsWith('[')) {
    const v6 = parseIPv6(text);
    return v6 === undefined ? undefined : classifyIPv6(v6);
  }
  const v4 = parseIPv4(text);
  return v4 === undefined ? undefined : classifyIPv4(v4);
}
