// The campaign dialer: on every tick of the engine's clock, each started predictive campaign this
// process holds the pacing lease of (./pacing-leases.ts: one process per campaign) is paced once.
// A strategy decides how many calls to place from an honest snapshot; due campaign recalls are
// dialled before retries and fresh records; calls go out with no agent and are connected when a
// person answers (./connect.ts). The decision holds the campaign row and its lease locked, so a
// process that loses the lease never decides beside the one that took it. Only records whose
// local time is inside the campaign's calling window are taken: the zones of its records that are
// open now are worked out here, and the store claims records of those zones only. Each decision
// also works out whether the campaign is dialling, and announces a change of why not (./dialling.ts).
import { nextCallingOpening, openTimeZones } from '../../domain/calling-window.ts';
import { readyCount, type PacingStrategy, type StrategyTarget } from '../../domain/pacing/strategy.ts';
import type { CallLifecycle } from '../call-lifecycle.ts';
import type { EngineDeps } from '../deps.ts';
import { periodic } from '../periodic.ts';
import { campaignStrategy } from './campaign-strategy.ts';
import { announceDialling, windowOf } from './dialling.ts';
import { placeAttempts } from './place-attempts.ts';
import type { DialCampaign } from '../ports/dialing.ts';
import type { Tx } from '../ports/store.ts';
import type { PacingBus } from './pacing-bus.ts';
import { createPacingLeases, loneLeases, sharedLeases, type PacingLeases } from './pacing-leases.ts';
import { createStrategyMemory } from './strategy-memory.ts';
import { pacingSnapshot, sharingAgents } from './snapshot.ts';
import { legThrough, trunkRoom, trunkState } from '../telephony/customer-route.ts';

export interface DialerOptions {
  /** The strategy of a campaign (its dial mode); progressive by default. Called once per campaign. */
  strategyFor?: (campaign: DialCampaign) => PacingStrategy;
  /** Runs before each tick, e.g. waiting agent callbacks go before predictive calls. */
  beforeTick?: () => Promise<void>;
  /** Trunk lines per campaign. */
  maxLines?: number;
}

export interface DialerRunner {
  start(): void;
  stop(): Promise<void>;
  /** A campaign was started in this process: pace now rather than at the next tick. */
  wake(): void;
  /** Something committed in this process (an agent freed, a call ended): pace soon if asleep. */
  nudge(): void;
  /** One tick now (tests). */
  runNow(): Promise<void>;
  /** The last pacing decision this process made for a started campaign, if any since it was started. */
  decision(operationId: string, campaignId: string): PacingDecision | undefined;
  /** Which campaigns this process paces. */
  leases: PacingLeases;
  /** Outcomes may have been missed: every strategy is rebuilt from the database at its next decision. */
  relearn(): void;
}

/** What a strategy decided, and what it counted to decide it. */
export interface PacingDecision {
  /** The strategy's name (the campaign's dial mode as it reads it). */
  strategy: string;
  decidedAt: number;
  /** Calls in flight it counted: ringing or waiting for an agent, of this campaign and of campaigns sharing its agents. */
  inFlight: number;
  /** Ready agents of the campaign it counted. */
  ready: number;
  /** New calls it wanted placed (fewer go out when fewer records are due). */
  wanted: number;
  target: StrategyTarget;
}

const key = (operationId: string, campaignId: string) => `${operationId}/${campaignId}`;

/**
 * The zones of the campaign's records, those whose calling window is open now, and the closed ones.
 * Its operation's zone counts too: a recall whose record is gone is called in it.
 */
async function zonesNow(tx: Tx, campaign: DialCampaign, now: number): Promise<{ zones: string[]; open: string[]; closed?: { campaign: DialCampaign; zones: string[] } }> {
  const zones = [...new Set([...(await tx.dialing.timeZones(campaign.operationId, campaign.id)), campaign.timeZone])];
  const open = openTimeZones(windowOf(campaign), zones, now);
  return { zones, open, closed: open.length < zones.length ? { campaign, zones: zones.filter((z) => !open.includes(z)) } : undefined };
}

/** What pacing one campaign found: whether it has work in flight, and its zones closed now. */
interface Paced {
  busy: boolean;
  closed?: { campaign: DialCampaign; zones: string[] };
  /** The strategy wanted more calls than one transaction places: decide again at once. */
  more?: boolean;
}

/**
 * Calls one decision places in its transaction. A campaign of 500 agents may want 2,000 calls at
 * its start; placed in one transaction, the answers that come meanwhile wait seconds for it. In
 * batches, each committed (and its calls sent) before the next decision, which counts them.
 */
const placeBatch = 100;
/** Decisions one campaign may take in a row within a tick (batches of `placeBatch`). */
const maxBatches = 50;

export function createDialerRunner(deps: EngineDeps, calls: CallLifecycle, pacing: PacingBus, options: DialerOptions = {}): DialerRunner {
  const { clock, store } = deps;
  const strategyFor = options.strategyFor ?? ((c: DialCampaign) => campaignStrategy(c, deps.settings.connectDeadlineMs));
  const maxLines = options.maxLines ?? Infinity;
  const self = deps.settings.processId;
  const strategies = createStrategyMemory(strategyFor);
  const decisions = new Map<string, PacingDecision>();
  // A campaign taken at a beat is paced at once (its strategy first learns its history); one taken
  // by a tick is paced by that tick.
  let ticking = false;
  const leases = createPacingLeases(deps, self, () => {
    if (!ticking) job.wakeIn(0);
  }, deps.settings.multiProcess ? sharedLeases : loneLeases);

  pacing.listen(strategies.hear);
  pacing.pacedHere((operationId, campaignId) => leases.surelyHolds({ operationId, campaignId }, clock.now()));

  /** One pacing decision of a campaign, in its own transaction with the campaign locked. */
  const paceCampaign = (listed: DialCampaign, started: readonly DialCampaign[]) => store.transaction(async (tx): Promise<Paced> => {
    // Campaigns sharing agents may be paced by other processes: their decisions come one at a time.
    await tx.pacing.serialize(listed.operationId);
    const campaign = await tx.dialing.lockStarted(listed.operationId, listed.id);
    if (!campaign) return { busy: false }; // stopped meanwhile, or another process is pacing it right now
    const now = clock.now();
    const k = key(campaign.operationId, campaign.id);
    // The lease, held for share: no process takes it while this one decides.
    const lease = await tx.pacing.held({ operationId: campaign.operationId, campaignId: campaign.id }, self, now);
    if (!lease) return { busy: false };
    await calls.connectWaiting(tx, campaign.operationId, campaign.id, now);
    const { zones, open, closed } = await zonesNow(tx, campaign, now);
    const agents = await tx.dialing.agents(campaign.operationId, campaign.skillId);
    // On a real carrier the operation's trunk must have room: none, or full, and nothing is placed.
    const room = await trunkRoom(tx, deps, campaign.operationId);
    await announceDialling(tx, campaign, agents.map((a) => a.state), zones, now, trunkState(room));
    if (open.length === 0 || !room.ok) {
      decisions.delete(k); // no decision while every window is shut or the trunk has no line: none to show
      return { busy: !room.ok && room.reason === 'trunk_at_limit', closed };
    }
    const paced = await pacingSnapshot(tx, campaign, agents, sharingAgents(campaign, started), now, maxLines);
    const snapshot = { ...paced, maxLines: Math.min(paced.maxLines, paced.ringing.length + paced.waiting + room.lines) };
    const strategy = await strategies.of(tx, campaign, lease.since, now);
    const wanted = Math.floor(strategy.decide(snapshot));
    decisions.set(k, {
      strategy: strategy.name, decidedAt: now, inFlight: snapshot.ringing.length + snapshot.waiting, ready: readyCount(snapshot),
      wanted: wanted > 0 ? wanted : 0, target: strategy.target?.() ?? {},
    });
    // Calls ringing or waiting keep the strategy deciding every tick; else it may sleep until nudged.
    if (!(wanted > 0)) return { busy: snapshot.ringing.length + snapshot.waiting > 0, closed };
    // The trunk was looked at once for the decision, and the batch is within the room found.
    const batch = Math.min(wanted, room.lines, placeBatch);
    await placeAttempts(tx, calls, campaign, batch, open, now, (phone) => legThrough(room, deps, phone));
    return { busy: true, closed, more: batch < Math.min(wanted, room.lines) };
  });

  const tick = async (): Promise<number | undefined> => {
    if (options.beforeTick) await options.beforeTick();
    const started = await store.transaction((tx) => tx.dialing.startedCampaigns());
    const leaseOf = (c: DialCampaign) => ({ operationId: c.operationId, campaignId: c.id });
    // A campaign started since the last beat: its lease is taken now rather than at the next beat.
    if (started.some((c) => !leases.seen(leaseOf(c)))) {
      ticking = true;
      await leases.beat().finally(() => { ticking = false; });
    }
    const mine = started.filter((c) => leases.holds(leaseOf(c)));
    const live = new Set(mine.map((c) => key(c.operationId, c.id)));
    // A campaign stopped, or paced elsewhere now, starts afresh next time (from its history).
    strategies.retain((k) => live.has(k));
    for (const k of decisions.keys()) if (!live.has(k)) decisions.delete(k);
    let busy = false;
    const closed: NonNullable<Paced['closed']>[] = [];
    for (const c of mine) {
      try {
        let paced = await paceCampaign(c, started);
        for (let batches = 1; paced.more && batches < maxBatches; batches++) paced = await paceCampaign(c, started);
        if (paced.busy) busy = true;
        if (paced.closed) closed.push(paced.closed);
      } catch (error) {
        busy = true;
        deps.onError(error, `dialer campaign ${key(c.operationId, c.id)}`);
      }
    }
    // Nothing in flight and nothing to place: sleep; this process's commits nudge it awake, and the
    // process that frees an agent or ends a call is the one that paces next.
    if (busy || mine.length === 0) return busy ? undefined : deps.settings.dialerIdleMs;
    // Asleep, but awake for the next campaign recall of a started campaign, and for the moment a
    // closed zone's calling window opens (not polling while every window is shut).
    const now = clock.now();
    const recall = await store.transaction((tx) => tx.dialing.nextCampaignRecall(now));
    const opens = closed.flatMap((c) => c.zones.map((z) => nextCallingOpening(windowOf(c.campaign), now, z) ?? Infinity));
    return Math.min(deps.settings.dialerIdleMs, recall === undefined ? Infinity : recall - now, ...opens.map((at) => at - now));
  };

  const job = periodic(clock, deps.settings.dialerTickMs, tick, (e) => deps.onError(e, 'dialer'));
  return {
    start() {
      leases.start();
      job.start();
    },
    async stop() {
      await job.stop();
      await leases.stop();
    },
    wake: () => job.wakeIn(0), runNow: () => job.runNow(),
    decision: (operationId, campaignId) => decisions.get(key(operationId, campaignId)),
    leases, relearn: () => strategies.clear(),
    // A short delay folds a burst of commits into one tick.
    nudge: () => job.wakeIn(Math.min(100, deps.settings.dialerTickMs)),
  };
}
