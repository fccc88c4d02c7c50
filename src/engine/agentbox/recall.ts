// recall: a callback owned by the agent, at a wall-clock time of the operation. It belongs to a
// campaign record when the request names one (id_camp, id_customer: the official collection's
// form), or else to the record of the agent's current or last campaign call, if any.
import type { RecallType } from '../../domain/callback.ts';
import { fail } from '../../domain/errors.ts';
import { formatStamp } from '../../domain/local-time.ts';
import type { RequestContext } from '../deps.ts';
import type { RecordKey } from '../ports/records.ts';
import type { Tx } from '../ports/store.ts';
import { lockRecord, readCampaign, recordKey } from '../campaign/load.ts';
import { lockAgent } from './lock-agent.ts';

/** A campaign record named by a request. */
export interface RecordRef {
  campaignId: string;
  customerId: string;
}

export interface RecallRequest {
  agentId: string;
  phone: string;
  dueAt: number;
  type: RecallType;
  /** The record the callback is for; without it, the record of the agent's current or last call. */
  record?: RecordRef;
  /** The customer's name: given to the record only when it has none (wolkvox name_recall). */
  customerName?: string;
  /** The parameter that carried the time, for a refusal (default `date`). */
  dueParam?: string;
}

/** A time for a recall must be ahead of now; the refusal names the parameter and the operation's clock. */
export function checkFuture(ctx: RequestContext, dueAt: number, param: string): void {
  if (dueAt <= ctx.now) {
    throw fail.parameterRequired(param, `${formatStamp(dueAt, ctx.timeZone)} is not in the future (now ${formatStamp(ctx.now, ctx.timeZone)} in ${ctx.timeZone})`);
  }
}

/** The record a request names, which must exist; 404 naming the campaign or the customer_id. */
export async function namedRecord(tx: Tx, ctx: RequestContext, ref: RecordRef): Promise<RecordKey> {
  await readCampaign(tx, ctx, ref.campaignId);
  const key = recordKey(ctx, ref.campaignId, ref.customerId);
  const [found] = await tx.records.find(key, 1);
  if (!found) throw fail.recordNotFound(ref.campaignId, ref.customerId);
  return key;
}

export async function scheduleAgentRecall(tx: Tx, ctx: RequestContext, req: RecallRequest): Promise<{ callbackId: string }> {
  const agent = await lockAgent(tx, ctx, req.agentId);
  checkFuture(ctx, req.dueAt, req.dueParam ?? 'date');
  let campaignId: string | null = null;
  let customerId: string | null = null;
  if (req.record) {
    // The agent is locked first, then the record: the order of a call's end (agent, call, record).
    await readCampaign(tx, ctx, req.record.campaignId);
    await lockRecord(tx, ctx, req.record.campaignId, req.record.customerId);
    ({ campaignId, customerId } = req.record);
  } else {
    // A callback scheduled during or right after a campaign call belongs to that customer record.
    const callId = agent.callId ?? agent.lastCallId;
    const call = callId ? await tx.calls.lock(callId) : undefined;
    campaignId = call?.campaignId ?? null;
    customerId = call?.customerId ?? null;
  }
  if (campaignId !== null && customerId !== null && req.customerName !== undefined) {
    await tx.records.nameIfUnnamed(recordKey(ctx, campaignId, customerId), req.customerName);
  }
  const callbackId = await tx.callbacks.insert({
    operationId: ctx.operationId, agentId: agent.id, campaignId, customerId, phone: req.phone, dueAt: req.dueAt,
    type: req.type, status: 'pending', firedAt: null, callId: null, createdAt: ctx.now,
  });
  await tx.events.append({
    operationId: ctx.operationId, at: ctx.now, type: 'callback.scheduled', agentId: agent.id,
    data: { callback_id: callbackId, phone: req.phone, due_at: new Date(req.dueAt).toISOString(), type_recall: req.type },
  });
  return { callbackId };
}
