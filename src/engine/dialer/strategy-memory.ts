// The strategies of the campaigns this process paces, and what they have heard. A strategy is made
// when the process first paces a campaign (it took the campaign's lease, or its mode or speed
// changed) and is taught, before its first decision, the campaign's history: every outcome of the
// calls placed since the campaign was started (at most HISTORY_MS back), whichever process placed
// them, in time order. Outcomes heard while it learns wait, and every outcome is learnt once (keyed
// by call and type), however many ways it arrives.
import { pacingEventKey, pacingHistory, type KeyedPacingEvent } from '../../domain/pacing/history.ts';
import type { PacingStrategy } from '../../domain/pacing/strategy.ts';
import type { DialCampaign } from '../ports/dialing.ts';
import type { Tx } from '../ports/store.ts';
import { strategyKey } from './campaign-strategy.ts';
import type { PacingListener } from './pacing-bus.ts';

/** How far back a new strategy's history reaches at most: a long shift. */
export const HISTORY_MS = 12 * 3_600_000;
/** Outcome keys remembered per campaign to learn each once (a few minutes of a large team). */
const REMEMBERED = 50_000;

export interface StrategyMemory {
  /** The campaign's strategy; a new one first learns the campaign's history since `since`. */
  of(tx: Tx, campaign: DialCampaign, since: number, now: number): Promise<PacingStrategy>;
  hear: PacingListener;
  /** Forgets the strategies of the campaigns `keep` refuses (`operationId/campaignId`). */
  retain(keep: (key: string) => boolean): void;
  /** Forgets every strategy (outcomes may have been missed): each is rebuilt at its next decision. */
  clear(): void;
}

interface Entry {
  strategy: PacingStrategy;
  version: string;
  heard: Set<string>;
  /** Outcomes heard while the history is read, learnt after it. */
  waiting: KeyedPacingEvent[] | undefined;
}

const keyOf = (operationId: string, campaignId: string) => `${operationId}/${campaignId}`;

function learn(entry: Entry, e: KeyedPacingEvent): void {
  if (entry.heard.has(e.key)) return;
  entry.heard.add(e.key);
  if (entry.heard.size > REMEMBERED) entry.heard.delete(entry.heard.values().next().value ?? '');
  entry.strategy.observe(e.event);
}

export function createStrategyMemory(strategyFor: (c: DialCampaign) => PacingStrategy): StrategyMemory {
  const entries = new Map<string, Entry>();
  return {
    async of(tx, campaign, since, now) {
      const k = keyOf(campaign.operationId, campaign.id);
      const version = strategyKey(campaign);
      const found = entries.get(k);
      if (found && found.version === version && found.waiting === undefined) return found.strategy;
      const entry: Entry = { strategy: strategyFor(campaign), version, heard: new Set(), waiting: [] };
      entries.set(k, entry);
      try {
        const past = await tx.pacing.history({ operationId: campaign.operationId, campaignId: campaign.id }, Math.max(since, now - HISTORY_MS), now);
        for (const e of pacingHistory(past.calls, past.acwEnds)) learn(entry, e);
        for (const e of entry.waiting ?? []) learn(entry, e);
        entry.waiting = undefined;
      } catch (error) {
        if (entries.get(k) === entry) entries.delete(k);
        throw error;
      }
      return entry.strategy;
    },
    hear(operationId, campaignId, callId, event) {
      const entry = entries.get(keyOf(operationId, campaignId));
      if (!entry) return;
      const e = { key: pacingEventKey(callId, event.type), event };
      if (entry.waiting) entry.waiting.push(e);
      else learn(entry, e);
    },
    retain(keep) {
      for (const k of entries.keys()) if (!keep(k)) entries.delete(k);
    },
    clear: () => entries.clear(),
  };
}
