// transfer (blind) and aux_call.
import { isOnCall, transition } from '../../domain/agent.ts';
import { newCall } from '../../domain/call.ts';
import { phonePattern } from '../../domain/campaign.ts';
import { fail } from '../../domain/errors.ts';
import { saveAgent } from '../agent-changes.ts';
import type { CallLifecycle } from '../call-lifecycle.ts';
import type { EngineDeps, RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { lockAgent, lockLiveCall } from './lock-agent.ts';
import { customerRoute } from '../telephony/customer-route.ts';
import { outboundRefusal, refuseNumber, type NumberRefused } from '../outbound/refusal.ts';

/**
 * The agent's connected call goes to `target`: another agent's extension (who must be ready and
 * gets the call at once) or an outside number. The agent is released to after-call work.
 */
export function createTransfer(deps: EngineDeps, calls: CallLifecycle) {
  return async (tx: Tx, ctx: RequestContext, agentId: string, target: string): Promise<{ connId: string } | NumberRefused> => {
    const agent = await lockAgent(tx, ctx, agentId);
    const call = await lockLiveCall(tx, agent);
    if (call.state !== 'connected' && call.state !== 'held') {
      throw fail.agentState(`Call ${call.id} of agent ${agent.id} is ${call.state}: only a connected call can be transferred`);
    }
    if (target === agent.id) throw fail.badValue(`Agent ${agent.id} cannot transfer a call to itself`);
    const targetAgent = await tx.agents.lock(ctx.operationId, target);
    if (targetAgent && targetAgent.state !== 'ready') {
      throw fail.agentState(`Agent ${target} is ${targetAgent.state} and cannot take a transferred call`);
    }
    if (!targetAgent && !phonePattern.test(target)) {
      throw fail.badValue(`${target} is neither an agent of operation ${ctx.operationId} nor a phone number (3 to 20 digits)`);
    }
    // A number that is no agent's extension is a customer leg like any other.
    const refusal = targetAgent ? undefined : await outboundRefusal(tx, ctx.operationId, target, ctx.now);
    if (refusal) return refuseNumber(tx, ctx, target, refusal, 'transfer', agent.id);
    const { route } = targetAgent ? { route: undefined } : await customerRoute(tx, deps, ctx.operationId, target);
    const leg = newCall({
      id: deps.random.callId(), operationId: ctx.operationId, phone: target, origin: 'transfer', placedAt: ctx.now,
      agentId: targetAgent?.id ?? null, customerId: call.customerId, customerName: call.customerName,
      campaignId: call.campaignId, parentCallId: call.id,
      ...(targetAgent ? { state: 'connected' as const, answeredAt: ctx.now, connectedAt: ctx.now } : {}),
    });
    await tx.calls.insert(leg, null);
    await calls.endCall(tx, call, 'answer', ctx.now, 'agent');
    if (targetAgent) {
      const offered = { ...transition(targetAgent, 'offer', ctx.now).agent, callId: leg.id };
      await saveAgent(tx, targetAgent, offered, ctx.now);
    }
    await tx.events.append({
      operationId: ctx.operationId, at: ctx.now, type: 'call.transferred', agentId, callId: call.id,
      data: { to: target, conn_id: leg.id, to_agent: targetAgent?.id ?? null },
    });
    tx.afterCommit(() => {
      deps.telephony.transfer(call.id, leg.id, target, targetAgent?.id, route);
      if (targetAgent) deps.telephony.bridge(leg.id, targetAgent.id);
    });
    return { connId: leg.id };
  };
}

/** aux_call: after a predictive-campaign call of this agent has ended, a further manual call to that customer. */
export function createAuxCall(calls: CallLifecycle) {
  return async (tx: Tx, ctx: RequestContext, agentId: string, phone: string): Promise<{ connId: string } | NumberRefused> => {
    const agent = await lockAgent(tx, ctx, agentId);
    if (isOnCall(agent)) throw fail.agentState(`Agent ${agent.id} is on call ${agent.callId}: aux_call is only possible after it ends`);
    if (agent.state === 'logout') throw fail.agentState(`Agent ${agent.id} is logged out and cannot dial`);
    const last = agent.lastCallId ? await tx.calls.lock(agent.lastCallId) : undefined;
    if (!last || last.origin !== 'campaign' || last.state !== 'ended') {
      throw fail.agentState(`Agent ${agent.id} has no ended predictive-campaign call: aux_call follows one`);
    }
    const refusal = await outboundRefusal(tx, ctx.operationId, phone, ctx.now);
    if (refusal) return refuseNumber(tx, ctx, phone, refusal, 'aux_call', agent.id);
    const call = await calls.place(tx, {
      operationId: ctx.operationId, phone, origin: 'aux_call', agent, customerId: last.customerId,
      customerName: last.customerName, campaignId: last.campaignId, parentCallId: last.id,
    }, ctx.now);
    return { connId: call.id };
  };
}
