// edit_recall and delete_recall (agentbox, from the official collection): an agent's open recall of
// a campaign record, named by the record (id_camp, id_customer), moved to another time, phone,
// style or agent, or cancelled. Campaign recalls (campaign.php recall, owned by no agent) are
// campaign.php's business and are not touched here.
//
// Locks: the record's callbacks first, then the agent, the order of the callback scheduler
// (callback, then agent), so neither waits on the other in a cycle.
import { authorize, actingOn } from '../../domain/permission.ts';
import type { Callback, RecallType } from '../../domain/callback.ts';
import { fail } from '../../domain/errors.ts';
import { callbackEvent } from '../callbacks/event.ts';
import type { RequestContext } from '../deps.ts';
import type { RecordKey } from '../ports/records.ts';
import type { Tx } from '../ports/store.ts';
import { lockAgent } from './lock-agent.ts';
import { checkFuture, namedRecord, type RecordRef } from './recall.ts';

export interface RecallEdit {
  /** The agent the recall is for from now on (its own recall of the record, or another agent's moved to it). */
  agentId: string;
  record: RecordRef;
  dueAt: number;
  /** The parameter that carried the time, for a refusal. */
  dueParam: string;
  /** Kept when not given. */
  phone?: string;
  type?: RecallType;
  /** The customer's name: given to the record only when it has none. */
  customerName?: string;
}

export interface RecallRemoval {
  agentId: string;
  record: RecordRef;
  /** When given, only the agent's recalls of the record to this phone, or of this style. */
  phone?: string;
  type?: RecallType;
}

const iso = (ms: number) => new Date(ms).toISOString();

function noRecall(key: RecordKey, agentId?: string): Error {
  const whose = agentId === undefined ? '' : ` of agent ${agentId}`;
  return fail.noCallbackFound(`No open recall${whose} for customer_id ${key.customerId} in campaign_id ${key.campaignId}`);
}

/**
 * Changes the record's open agent recall: the agent's own (its latest), else the latest of another
 * agent, which moves to this agent. Answers the recall as it is now.
 */
export async function editAgentRecall(tx: Tx, ctx: RequestContext, req: RecallEdit): Promise<Callback> {
  checkFuture(ctx, req.dueAt, req.dueParam);
  const key = await namedRecord(tx, ctx, req.record);
  const open = await tx.callbacks.lockOpenOfRecord(key);
  const own = open.filter((cb) => cb.agentId === req.agentId);
  const cb = own.at(-1) ?? open.at(-1);
  if (!cb) throw noRecall(key);
  // Moving another agent's recall is acting on that agent too.
  if (cb.agentId !== null && cb.agentId !== req.agentId) authorize(ctx.principal, actingOn(cb.agentId));
  await lockAgent(tx, ctx, req.agentId);
  const changed: Callback = {
    ...cb, agentId: req.agentId, dueAt: req.dueAt, phone: req.phone ?? cb.phone, type: req.type ?? cb.type, status: 'pending', firedAt: null,
  };
  await tx.callbacks.change(ctx.operationId, cb.id, { agentId: req.agentId, dueAt: changed.dueAt, phone: changed.phone, type: changed.type });
  if (req.customerName !== undefined) await tx.records.nameIfUnnamed(key, req.customerName);
  await callbackEvent(tx, changed, 'callback.rescheduled', ctx.now, {
    previous_due_at: iso(cb.dueAt), ...(cb.agentId === changed.agentId ? {} : { previous_agent_id: cb.agentId }),
  });
  return changed;
}

/** Cancels the agent's open recalls of the record (usually one); answers how many. */
export async function deleteAgentRecall(tx: Tx, ctx: RequestContext, req: RecallRemoval): Promise<number> {
  const key = await namedRecord(tx, ctx, req.record);
  const open = await tx.callbacks.lockOpenOfRecord(key);
  const mine = open.filter((cb) => cb.agentId === req.agentId && (req.phone === undefined || cb.phone === req.phone) && (req.type === undefined || cb.type === req.type));
  await lockAgent(tx, ctx, req.agentId);
  if (mine.length === 0) throw noRecall(key, req.agentId);
  for (const cb of mine) {
    await tx.callbacks.cancel(ctx.operationId, cb.id);
    await callbackEvent(tx, cb, 'callback.cancelled', ctx.now);
  }
  return mine.length;
}
