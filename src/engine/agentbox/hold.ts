// hold and mute: toggles on the agent's live call.
import { transition } from '../../domain/agent.ts';
import { callTransition } from '../../domain/call.ts';
import { fail } from '../../domain/errors.ts';
import { saveAgent } from '../agent-changes.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import type { Telephony } from '../ports/telephony.ts';
import { lockAgent, lockLiveCall } from './lock-agent.ts';

export function createHold(telephony: Telephony) {
  return async (tx: Tx, ctx: RequestContext, agentId: string): Promise<{ held: boolean }> => {
    const agent = await lockAgent(tx, ctx, agentId);
    const call = await lockLiveCall(tx, agent);
    if (call.state !== 'connected' && call.state !== 'held') {
      throw fail.agentState(`Call ${call.id} of agent ${agent.id} is ${call.state}: only a connected call can be held`);
    }
    const hold = !call.held;
    const after = callTransition(call, hold ? 'hold' : 'unhold', ctx.now);
    await tx.calls.save(after);
    await saveAgent(tx, agent, transition(agent, hold ? 'hold' : 'unhold', ctx.now).agent, ctx.now);
    await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: hold ? 'call.held' : 'call.unheld', agentId, callId: call.id });
    tx.afterCommit(() => telephony.setHold(call.id, hold));
    return { held: hold };
  };
}

export function createMute(telephony: Telephony) {
  return async (tx: Tx, ctx: RequestContext, agentId: string): Promise<{ muted: boolean }> => {
    const agent = await lockAgent(tx, ctx, agentId);
    const call = await lockLiveCall(tx, agent);
    const muted = !call.muted;
    await tx.calls.save({ ...call, muted });
    await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: muted ? 'call.muted' : 'call.unmuted', agentId, callId: call.id });
    tx.afterCommit(() => telephony.setMute(call.id, muted));
    return { muted };
  };
}
