// recall: a callback owned by the agent, at a wall-clock time of the operation.
import type { RecallType } from '../../domain/callback.ts';
import { fail } from '../../domain/errors.ts';
import { formatStamp } from '../../domain/local-time.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { lockAgent } from './lock-agent.ts';

export interface RecallRequest {
  agentId: string;
  phone: string;
  dueAt: number;
  type: RecallType;
}

export async function scheduleAgentRecall(tx: Tx, ctx: RequestContext, req: RecallRequest): Promise<{ callbackId: string }> {
  const agent = await lockAgent(tx, ctx, req.agentId);
  if (req.dueAt <= ctx.now) {
    throw fail.parameterRequired('date', `${formatStamp(req.dueAt, ctx.timeZone)} is not in the future (now ${formatStamp(ctx.now, ctx.timeZone)} in ${ctx.timeZone})`);
  }
  // A callback scheduled during or right after a campaign call belongs to that customer record.
  const callId = agent.callId ?? agent.lastCallId;
  const call = callId ? await tx.calls.lock(callId) : undefined;
  const fromCampaign = call?.campaignId != null;
  const callbackId = await tx.callbacks.insert({
    operationId: ctx.operationId, agentId: agent.id, campaignId: fromCampaign ? call.campaignId : null,
    customerId: call?.customerId ?? null, phone: req.phone, dueAt: req.dueAt, type: req.type, status: 'pending',
    firedAt: null, callId: null, createdAt: ctx.now,
  });
  await tx.events.append({
    operationId: ctx.operationId, at: ctx.now, type: 'callback.scheduled', agentId: agent.id,
    data: { callback_id: callbackId, phone: req.phone, due_at: new Date(req.dueAt).toISOString(), type_recall: req.type },
  });
  return { callbackId };
}
