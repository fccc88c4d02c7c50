// dial: the agent places a call; it rings, and is connected to the agent when answered.
import { isOnCall } from '../../domain/agent.ts';
import { fail } from '../../domain/errors.ts';
import type { CallLifecycle } from '../call-lifecycle.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { outboundRefusal, refuseNumber, type NumberRefused } from '../outbound/refusal.ts';
import { lockAgent } from './lock-agent.ts';

export interface DialRequest {
  agentId: string;
  phone: string;
  customerId?: string;
  customerName?: string;
}

export function createDial(calls: CallLifecycle) {
  return async (tx: Tx, ctx: RequestContext, req: DialRequest): Promise<{ connId: string } | NumberRefused> => {
    const agent = await lockAgent(tx, ctx, req.agentId);
    if (agent.state === 'logout') throw fail.agentState(`Agent ${agent.id} is logged out and cannot dial`);
    if (isOnCall(agent)) throw fail.agentState(`Agent ${agent.id} is already on call ${agent.callId} and cannot dial`);
    const refusal = await outboundRefusal(tx, ctx.operationId, req.phone, ctx.now);
    if (refusal) return refuseNumber(tx, ctx, req.phone, refusal, 'dial', agent.id);
    const call = await calls.place(tx, {
      operationId: ctx.operationId, phone: req.phone, origin: 'dial', agent,
      customerId: req.customerId ?? null, customerName: req.customerName ?? null,
    }, ctx.now);
    return { connId: call.id };
  };
}
