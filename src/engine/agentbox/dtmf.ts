// dtmf: tones sent on the agent's connected call.
import { fail } from '../../domain/errors.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import type { Telephony } from '../ports/telephony.ts';
import { lockAgent, lockLiveCall } from './lock-agent.ts';

export function createDtmf(telephony: Telephony) {
  return async (tx: Tx, ctx: RequestContext, agentId: string, tones: string): Promise<{ connId: string }> => {
    const agent = await lockAgent(tx, ctx, agentId);
    const call = await lockLiveCall(tx, agent);
    if (call.state !== 'connected') throw fail.agentState(`Call ${call.id} of agent ${agent.id} is ${call.state}: tones go on a connected call`);
    await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'call.dtmf', agentId, callId: call.id, data: { tones } });
    tx.afterCommit(() => telephony.sendDtmf(call.id, tones));
    return { connId: call.id };
  };
}
