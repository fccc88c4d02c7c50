// The addresses Pacer knows as SIP peers: its trunks' hosts, the hosts of fixed phone contacts and
// where phones registered from (./registrar-store.ts knownHosts). A request from anywhere else,
// outside Pacer's own dialogs, is a stranger's (./outside.ts). The list is read from the database
// when it is older than `refreshMs` of the engine's clock and a request asks, so at most once a
// period whatever arrives (a flood from strangers costs one read per period); a phone that
// registers here is known at once. Host names are resolved, and
// what they resolve to kept for `nameTtlMs`. Addresses are compared without ports (a phone behind
// NAT may ping from another port than it registered from).
import { lookup } from 'node:dns/promises';
import type { Clock } from '../../../engine/ports/clock.ts';
import { sourceAddress } from './registrar.ts';

export interface KnownPeers {
  has(address: string): Promise<boolean>;
  /** A phone registered from `address` until `until` (epoch ms). */
  add(address: string, until: number): void;
}

export interface KnownPeersOptions {
  clock: Clock;
  load: (now: number) => Promise<string[]>;
  refreshMs?: number;
  nameTtlMs?: number;
  /** The addresses of a host name; system resolver by default. */
  resolve?: (name: string) => Promise<string[]>;
  onError: (error: unknown, context: string) => void;
}

const isAddress = (host: string) => /^[0-9.]+$/.test(host) || host.includes(':');

async function systemResolve(name: string): Promise<string[]> {
  const found = await lookup(name, { all: true });
  return found.map((a) => a.address);
}

export function knownPeers(options: KnownPeersOptions): KnownPeers {
  const { clock } = options;
  const refreshMs = options.refreshMs ?? 5000;
  const nameTtlMs = options.nameTtlMs ?? 60_000;
  const resolve = options.resolve ?? systemResolve;
  const registered = new Map<string, number>();
  const names = new Map<string, { addresses: string[]; until: number }>();
  let known = new Set<string>();
  let loadedAt = -Infinity;
  let loading: Promise<void> | undefined;

  const addressesOf = async (name: string, now: number): Promise<string[]> => {
    const cached = names.get(name);
    if (cached && cached.until > now) return cached.addresses;
    let addresses: string[] = [];
    try {
      addresses = (await resolve(name)).map(sourceAddress);
    } catch {
      // A name that does not resolve names nobody; asked again after the TTL.
    }
    names.set(name, { addresses, until: now + nameTtlMs });
    return addresses;
  };

  const refresh = async () => {
    const now = clock.now();
    try {
      const hosts = await options.load(now);
      const next = new Set<string>();
      for (const host of hosts) {
        const lower = host.toLowerCase();
        if (isAddress(lower)) next.add(sourceAddress(lower));
        else for (const a of await addressesOf(lower, now)) next.add(a);
      }
      known = next;
      for (const [name, entry] of names) if (entry.until <= now && !hosts.includes(name)) names.delete(name);
    } catch (error) {
      // Kept as it was; tried again next period.
      options.onError(error, 'reading the known SIP peers');
    }
    loadedAt = now;
  };

  return {
    async has(address) {
      const now = clock.now();
      const until = registered.get(address);
      if (until !== undefined) {
        if (until > now) return true;
        registered.delete(address);
      }
      if (now - loadedAt >= refreshMs) {
        loading ??= refresh().finally(() => { loading = undefined; });
        await loading;
      }
      return known.has(address);
    },
    add(address, until) {
      registered.set(address, Math.max(until, registered.get(address) ?? 0));
    },
  };
}
