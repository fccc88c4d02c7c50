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

export const campaignKey = (k: CampaignKey) => `${k.operationId}/${k.campaignId}`;

export interface PacingLeases {
  start(): void;
  /** Stops beating and gives every lease back. */
  stop(): Promise<void>;
  /** One beat now (a campaign was just started; tests). */
  beat(): Promise<void>;
  /** Whether this process held the campaign's lease at its last beat (the pacing decision checks again). */
  holds(key: CampaignKey): boolean;
  /** Whether the last beat saw the campaign started (a campaign it has not seen calls for a beat now). */
  seen(key: CampaignKey): boolean;
}

/** The leases of process `self`; `taken`: called after a beat that took a campaign (pace it now). */
export function createPacingLeases(deps: Pick<EngineDeps, 'clock' | 'store' | 'onError'>, self: string, taken: () => void): PacingLeases {
  const { clock, store } = deps;
  let mine = new Set<string>();
  let seen = new Set<string>();

  const beat = async () => {
    const took = await store.transaction(async (tx) => {
      const now = clock.now();
      await tx.recovery.heartbeat(self, now);
      await tx.pacing.forgetStopped();
      const held = new Set((await tx.pacing.renew(self, now + LEASE_MS)).map(campaignKey));
      const { leases, processes } = await tx.pacing.survey(now, now - LEASE_MS);
      const byKey = new Map(leases.map((l) => [campaignKey(l), l]));
      const moves = leaseMoves(leases.map((l) => ({ key: campaignKey(l), owner: l.owner })), self, processes);
      let got = 0;
      for (const k of moves.take) {
        const lease = byKey.get(k);
        if (lease && (await tx.pacing.take(lease, self, now, now + LEASE_MS))) {
          held.add(k);
          got++;
        }
      }
      const shed = moves.shed.flatMap((k) => byKey.get(k) ?? []);
      await tx.pacing.release(self, now, shed);
      for (const l of shed) held.delete(campaignKey(l));
      return { held, seen: new Set(byKey.keys()), got };
    });
    mine = took.held;
    seen = took.seen;
    if (took.got > 0) taken();
  };

  const job = periodic(clock, LEASE_BEAT_MS, beat, (e) => deps.onError(e, 'pacing leases'));
  return {
    start: () => job.start(),
    async stop() {
      await job.stop();
      mine = new Set();
      await store.transaction((tx) => tx.pacing.release(self, clock.now()));
    },
    beat: () => job.runNow(),
    holds: (key) => mine.has(campaignKey(key)),
    seen: (key) => seen.has(campaignKey(key)),
  };
}
