// hang, type (disposition) and hang_type_ready.
import { transition } from '../../domain/agent.ts';
import type { Call } from '../../domain/call.ts';
import { fail } from '../../domain/errors.ts';
import { saveAgent } from '../agent-changes.ts';
import type { CallLifecycle } from '../call-lifecycle.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import type { Telephony } from '../ports/telephony.ts';
import { lockAgent, lockLiveCall } from './lock-agent.ts';

export interface Disposition {
  codAct: string;
  codAct2?: string;
  comments?: string;
}

/** The result recorded for a call that Pacer's agent ends. */
const resultOnHang = (call: Call) => (call.connectedAt !== null ? 'answer' : 'no-answer');

export function createHang(calls: CallLifecycle, telephony: Telephony) {
  return async (tx: Tx, ctx: RequestContext, agentId: string): Promise<{ connId: string }> => {
    const agent = await lockAgent(tx, ctx, agentId);
    const call = await lockLiveCall(tx, agent);
    await calls.endCall(tx, call, resultOnHang(call), ctx.now, 'agent');
    tx.afterCommit(() => telephony.hangup(call.id));
    return { connId: call.id };
  };
}

async function checkCodes(tx: Tx, ctx: RequestContext, d: Disposition): Promise<void> {
  if (!(await tx.operations.activityCodeExists(ctx.operationId, 1, d.codAct))) throw fail.activityCodeNotFound(1, d.codAct);
  if (d.codAct2 !== undefined && !(await tx.operations.activityCodeExists(ctx.operationId, 2, d.codAct2))) {
    throw fail.activityCodeNotFound(2, d.codAct2);
  }
}

async function dispose(tx: Tx, ctx: RequestContext, call: Call, d: Disposition): Promise<void> {
  await tx.calls.save({ ...call, codAct: d.codAct, codAct2: d.codAct2 ?? null, comments: d.comments ?? null, disposedAt: ctx.now });
  await tx.events.append({
    operationId: ctx.operationId, at: ctx.now, type: 'call.disposed', agentId: call.agentId, callId: call.id,
    campaignId: call.campaignId, data: { cod_act: d.codAct, cod_act_2: d.codAct2 ?? null, comments: d.comments ?? null },
  });
}

/** type: disposition of the agent's current call, or of its last one. */
export async function typeDisposition(tx: Tx, ctx: RequestContext, agentId: string, d: Disposition): Promise<{ connId: string }> {
  const agent = await lockAgent(tx, ctx, agentId);
  await checkCodes(tx, ctx, d);
  const callId = agent.callId ?? agent.lastCallId;
  const call = callId ? await tx.calls.lock(callId) : undefined;
  if (!call) throw fail.agentState(`Agent ${agent.id} has no current or last call to disposition`);
  await dispose(tx, ctx, call, d);
  return { connId: call.id };
}

/** hang_type_ready: the call must be active; it ends, is dispositioned, and the agent is ready. */
export function createHangTypeReady(calls: CallLifecycle, telephony: Telephony) {
  return async (tx: Tx, ctx: RequestContext, agentId: string, d: Disposition): Promise<{ connId: string }> => {
    const agent = await lockAgent(tx, ctx, agentId);
    const call = await lockLiveCall(tx, agent);
    await checkCodes(tx, ctx, d);
    await calls.endCall(tx, call, resultOnHang(call), ctx.now, 'agent');
    const ended = await tx.calls.lock(call.id);
    if (ended) await dispose(tx, ctx, ended, d);
    const inAcw = await lockAgent(tx, ctx, agentId);
    await saveAgent(tx, inAcw, transition(inAcw, 'goReady', ctx.now).agent, ctx.now);
    tx.afterCommit(() => telephony.hangup(call.id));
    return { connId: call.id };
  };
}
