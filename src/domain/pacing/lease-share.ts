// Which started campaigns a process should pace when several share a database: each campaign has
// one pacing owner (a lease with an expiry), and the processes spread the campaigns between them.
// A process takes free campaigns (no owner, or an owner whose lease expired) while it holds fewer
// than its share, and gives back one campaign a beat while it holds more than its share (a process
// that joined takes it up), so the campaigns settle evenly without two processes trading one back
// and forth.

/** A started campaign and its live owner (null: nobody holds an unexpired lease on it). */
export interface LeaseView {
  key: string;
  owner: string | null;
}

export interface LeaseMoves {
  /** Free campaigns to take, in the order given. */
  take: string[];
  /** Campaigns of this process to give back. */
  shed: string[];
}

/** A process's share: the started campaigns over the processes alive (at least this one), rounded up. */
export function leaseShare(campaigns: number, processes: number): number {
  return Math.ceil(campaigns / Math.max(1, processes));
}

/** What `self` should do with the leases: `processes` alive, itself included. */
export function leaseMoves(leases: readonly LeaseView[], self: string, processes: number): LeaseMoves {
  const share = leaseShare(leases.length, processes);
  const mine = leases.filter((l) => l.owner === self).map((l) => l.key);
  const free = leases.filter((l) => l.owner === null).map((l) => l.key);
  const take = free.slice(0, Math.max(0, share - mine.length));
  // Only when no campaign is free: a free one is the place for a newcomer to start.
  const shed = mine.length > share && free.length === 0 ? mine.slice(-1) : [];
  return { take, shed };
}
