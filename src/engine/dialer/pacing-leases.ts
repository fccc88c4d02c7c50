// One pacing owner per started campaign across the processes sharing a database. Every beat this
// process renews the leases it holds, takes free ones up to its share of the started campaigns
// (src/domain/pacing/lease-share.ts) and gives back what is over it; a lease it stops renewing (the
// process died) expires, and another process takes the campaign at its next beat. Its beat is also
// its heartbeat (pacer_processes), which is how the others count the processes alive. Everything
// runs on the engine's clock. A graceful stop gives the leases back at once.
import { leaseMoves } from '../../domain/pacing/lease-share.ts';
import type { EngineDeps } from '../deps.ts';
import { periodic } from '../periodic.ts';
import type { CampaignKey } from '../ports/pacing.ts';

/** How long a lease lasts unless renewed, and how often it is: a dead owner's campaigns are taken within LEASE_MS + BEAT_MS. */
export const LEASE_MS = 6000;
export const LEASE_BEAT_MS = 2000;

/**
 * How a process keeps its leases: `shared` when other processes may pace the same campaigns (a
 * shared PostgreSQL), `lone` when none can (the embedded store). A lone process takes every lease
 * at its first beat (whoever held them before is gone) and then only needs to keep them: it beats
 * once a minute, not every 2 s (a campaign it has not seen yet is leased at once by the dialer).
 */
export interface LeaseTiming { leaseMs: number; beatMs: number; lone: boolean }
export const sharedLeases: LeaseTiming = { leaseMs: LEASE_MS, beatMs: LEASE_BEAT_MS, lone: false };
export const loneLeases: LeaseTiming = { leaseMs: 180_000, beatMs: 60_000, lone: true };

export const campaignKey = (k: CampaignKey) => `${k.operationId}/${k.campaignId}`;

/** What must be left of a renewed lease for its holder to be sure of it (a commit in flight lands well inside it). */
const SURE_MS = 1000;

export interface PacingLeases {
  start(): void;
  /** Stops beating and gives every lease back. */
  stop(): Promise<void>;
  /** One beat now (a campaign was just started; tests). */
  beat(): Promise<void>;
  /** Whether this process held the campaign's lease at its last beat (the pacing decision checks again). */
  holds(key: CampaignKey): boolean;
  /**
   * Whether the campaign is surely this process's at `now` and for a while yet: held at the last
   * beat, and what that beat renewed has more than SURE_MS to run (no other process can take a
   * lease before it expires). A process that stalled past its lease is not sure, whatever it held.
   */
  surelyHolds(key: CampaignKey, now: number): boolean;
  /** Whether the last beat saw the campaign started (a campaign it has not seen calls for a beat now). */
  seen(key: CampaignKey): boolean;
}

/** The leases of process `self`; `taken`: called after a beat that took a campaign (pace it now). */
export function createPacingLeases(deps: Pick<EngineDeps, 'clock' | 'store' | 'onError'>, self: string, taken: () => void, timing: LeaseTiming = sharedLeases): PacingLeases {
  const { clock, store } = deps;
  const { leaseMs, beatMs } = timing;
  let mine = new Set<string>();
  let seen = new Set<string>();
  let first = true;
  /** Until when the leases of `mine` were renewed at the last beat. */
  let renewedUntil = -Infinity;

  const beat = async () => {
    let until = -Infinity;
    const took = await store.transaction(async (tx) => {
      const now = clock.now();
      until = now + leaseMs;
      await tx.recovery.heartbeat(self, now);
      if (timing.lone && first) await tx.pacing.releaseAll(now);
      await tx.pacing.forgetStopped();
      const held = new Set((await tx.pacing.renew(self, now + leaseMs)).map(campaignKey));
      const { leases, processes } = await tx.pacing.survey(now, now - leaseMs);
      const byKey = new Map(leases.map((l) => [campaignKey(l), l]));
      const moves = leaseMoves(leases.map((l) => ({ key: campaignKey(l), owner: l.owner })), self, processes);
      let got = 0;
      for (const k of moves.take) {
        const lease = byKey.get(k);
        if (lease && (await tx.pacing.take(lease, self, now, now + leaseMs))) {
          held.add(k);
          got++;
        }
      }
      const shed = moves.shed.flatMap((k) => byKey.get(k) ?? []);
      await tx.pacing.release(self, now, shed);
      for (const l of shed) held.delete(campaignKey(l));
      return { held, seen: new Set(byKey.keys()), got };
    });
    first = false;
    renewedUntil = until;
    mine = took.held;
    seen = took.seen;
    if (took.got > 0) taken();
  };

  const job = periodic(clock, beatMs, beat, (e) => deps.onError(e, 'pacing leases'));
  return {
    start: () => job.start(),
    async stop() {
      await job.stop();
      mine = new Set();
      renewedUntil = -Infinity;
      await store.transaction((tx) => tx.pacing.release(self, clock.now()));
    },
    beat: () => job.runNow(),
    holds: (key) => mine.has(campaignKey(key)),
    surelyHolds: (key, now) => mine.has(campaignKey(key)) && now + SURE_MS < renewedUntil,
    seen: (key) => seen.has(campaignKey(key)),
  };
}
