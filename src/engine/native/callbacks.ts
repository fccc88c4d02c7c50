// Callbacks as a resource: created (an agent's own, or a campaign record's recall: the very use
// cases of agentbox and campaign.php recall), moved to another time, or cancelled. Only an open
// callback (pending, or due and waiting for its agent) changes; each change is an event, and
// whoever fires the callback (the scheduler, or the dialer for campaign recalls) is woken to see it.
import { isOpen, statusAfterRecallCancelled, type Callback, type RecallType } from '../../domain/callback.ts';
import { fail } from '../../domain/errors.ts';
import { scheduleAgentRecall } from '../agentbox/recall.ts';
import { callbackEvent } from '../callbacks/event.ts';
import { recallRecord } from '../campaign/recall.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';

/** An agent's own callback (its campaign and customer come from the agent's current or last call), or a record's recall. */
export type NewCallback =
  | { agentId: string; phone: string; dueAt: number; type: RecallType }
  | { campaignId: string; customerId: string; phone: string; dueAt: number };

/** Wakes whoever fires this callback: the callback scheduler (agent-owned) or the dialer (campaign recall). */
export type WakeFor = (callback: { agentId: string | null }) => void;

export interface CallbackCommands {
  create(tx: Tx, ctx: RequestContext, req: NewCallback): Promise<{ callbackId: string }>;
  reschedule(tx: Tx, ctx: RequestContext, id: string, dueAt: number): Promise<void>;
  /** `changed` is false when the callback was already cancelled: a repeat changes nothing. */
  cancel(tx: Tx, ctx: RequestContext, id: string): Promise<{ changed: boolean }>;
}

const iso = (ms: number) => new Date(ms).toISOString();

function checkDue(ctx: RequestContext, dueAt: number): void {
  if (!(dueAt > ctx.now)) throw fail.badValue(`due_at ${iso(dueAt)} is not in the future (now ${iso(ctx.now)})`);
}

const isCampaignRecall = (cb: Callback): cb is Callback & { campaignId: string; customerId: string } =>
  cb.agentId === null && cb.campaignId !== null && cb.customerId !== null;

/**
 * The callback, locked. A campaign recall's campaign is locked first, the order of the dialer and
 * of campaign.php recall (campaign, then record and callbacks), so none of them can deadlock with this.
 */
async function lockCallback(tx: Tx, ctx: RequestContext, id: string): Promise<Callback> {
  const seen = await tx.callbacks.get(ctx.operationId, id);
  if (!seen) throw fail.callbackNotFound(id);
  if (isCampaignRecall(seen)) await tx.campaigns.lock(ctx.operationId, seen.campaignId);
  const cb = await tx.callbacks.lock(ctx.operationId, id);
  if (!cb) throw fail.callbackNotFound(id);
  return cb;
}

function notOpen(cb: Callback, change: string) {
  const fired = cb.firedAt === null ? '' : ` (fired at ${iso(cb.firedAt)})`;
  return fail.callbackConflict(`Callback ${cb.id} is ${cb.status}${fired}: only a pending or waiting callback can be ${change}`);
}

export function createCallbackCommands(wake: WakeFor): CallbackCommands {
  return {
    async create(tx, ctx, req) {
      checkDue(ctx, req.dueAt);
      const agentId = 'agentId' in req ? req.agentId : null;
      const created = 'agentId' in req ? await scheduleAgentRecall(tx, ctx, req) : await recallRecord(tx, ctx, req);
      tx.afterCommit(() => wake({ agentId }));
      return created;
    },

    async reschedule(tx, ctx, id, dueAt) {
      checkDue(ctx, dueAt);
      const cb = await lockCallback(tx, ctx, id);
      if (!isOpen(cb.status)) throw notOpen(cb, 'rescheduled');
      // A repeat (a retried PATCH) finds the change made: nothing to do, no second event.
      if (cb.status === 'pending' && cb.dueAt === dueAt) return;
      await tx.callbacks.reschedule(ctx.operationId, cb.id, dueAt);
      // find_record shows a record's recall date, and the record's next attempt waits for its
      // recall (see RecordRepo.scheduleRecalls): both follow it.
      if (isCampaignRecall(cb)) await tx.records.update({ operationId: ctx.operationId, campaignId: cb.campaignId, customerId: cb.customerId }, { recallDate: dueAt, nextAttemptAt: dueAt });
      await callbackEvent(tx, { ...cb, dueAt }, 'callback.rescheduled', ctx.now, { previous_due_at: iso(cb.dueAt) });
      tx.afterCommit(() => wake(cb));
    },

    async cancel(tx, ctx, id) {
      const cb = await lockCallback(tx, ctx, id);
      if (cb.status === 'cancelled') return { changed: false };
      if (!isOpen(cb.status)) throw notOpen(cb, 'cancelled');
      await tx.callbacks.cancel(ctx.operationId, cb.id);
      if (isCampaignRecall(cb)) {
        const key = { operationId: ctx.operationId, campaignId: cb.campaignId, customerId: cb.customerId };
        const record = await tx.records.lock(key);
        const campaign = record && (await tx.dialing.campaign(ctx.operationId, cb.campaignId));
        // The recall had moved the record's next attempt to its own time: a never-tried record
        // goes back among the never-tried, one with a retry to come may be tried from now.
        if (record && campaign) {
          await tx.records.update(key, {
            status: statusAfterRecallCancelled(record, campaign.maxAttempts), recallDate: null, recallTelephone: null,
            nextAttemptAt: record.attempts === 0 ? null : ctx.now,
          });
        }
      }
      await callbackEvent(tx, cb, 'callback.cancelled', ctx.now);
      tx.afterCommit(() => wake(cb));
      return { changed: true };
    },
  };
}
