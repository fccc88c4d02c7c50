// A dialer call answered by a person waits for the longest-ready agent of its campaign; one that
// finds none within the connect deadline (2 s, SPEC §5) is abandoned. Machines are hung up.
import { transition, type Agent } from '../../domain/agent.ts';
import { callTransition, type Call } from '../../domain/call.ts';
import type { CallResult } from '../../domain/call-state.ts';
import { saveAgent } from '../agent-changes.ts';
import type { EngineDeps } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import type { PacingBus } from './pacing-bus.ts';

export type EndCall = (tx: Tx, call: Call, result: CallResult, now: number) => Promise<void>;

export interface CampaignConnect {
  /**
   * `ready`: the agent the call's own lock chose and locked (CallRepo.lockForAnswer; null: none was
   * ready); left out, one is looked for here.
   */
  answered(tx: Tx, call: Call, by: 'human' | 'machine', now: number, ready?: Agent | null): Promise<void>;
  /** Connects the campaign's waiting calls, oldest first, while it has ready agents. */
  connectWaiting(tx: Tx, operationId: string, campaignId: string, now: number): Promise<void>;
}

export function createCampaignConnect(deps: EngineDeps, endCall: EndCall, pacing: PacingBus): CampaignConnect {
  const { clock, store, telephony } = deps;
  const tS = (ms: number) => ms / 1000;

  const tryConnect = async (tx: Tx, call: Call, now: number, ready?: Agent | null): Promise<boolean> => {
    if (!call.campaignId) return false;
    const agent = ready === undefined ? await tx.agents.lockLongestReady(call.operationId, call.campaignId) : ready;
    if (!agent) return false;
    await tx.calls.save({ ...callTransition(call, 'connect', now), agentId: agent.id });
    await saveAgent(tx, agent, { ...transition(agent, 'offer', now).agent, callId: call.id }, now);
    await tx.events.append({
      operationId: call.operationId, at: now, type: 'call.connected', callId: call.id, agentId: agent.id,
      campaignId: call.campaignId, data: { by: 'human', wait_ms: now - (call.answeredAt ?? now) },
    });
    tx.afterCommit(() => telephony.bridge(call.id, agent.id));
    await pacing.emit(tx, call.operationId, call.campaignId, call.id, { type: 'connect', tS: tS(now), waitS: tS(now - (call.answeredAt ?? now)) });
    return true;
  };

  // The deadline: connect if an agent freed up in time, else abandon (hang up, result abandon). On
  // the answer path too: the urgent lane.
  const deadline = (callId: string) => store.urgentTransaction(async (tx) => {
    const call = await tx.calls.lock(callId);
    if (!call || call.state !== 'waiting') return;
    const now = clock.now();
    if (await tryConnect(tx, call, now)) return;
    await endCall(tx, call, 'abandon', now);
    tx.afterCommit(() => telephony.hangup(call.id));
  });

  return {
    async answered(tx, call, by, now, ready) {
      await pacing.emit(tx, call.operationId, call.campaignId ?? '', call.id, { type: 'answer', tS: tS(now), ringS: tS(now - call.placedAt), by });
      if (by === 'machine') {
        await endCall(tx, { ...call, answeredAt: now }, 'answer-machine', now);
        tx.afterCommit(() => telephony.hangup(call.id));
        return;
      }
      const waiting = callTransition(call, 'answer', now);
      await tx.calls.save(waiting);
      await tx.events.append({
        operationId: call.operationId, at: now, type: 'call.waiting', callId: call.id, campaignId: call.campaignId, data: {},
      });
      if (await tryConnect(tx, waiting, now, ready)) return;
      const deadlineMs = deps.settings.connectDeadlineMs;
      tx.afterCommit(() => {
        clock.setTimer(deadlineMs, () => deadline(call.id).catch((e: unknown) => deps.onError(e, 'connect deadline')));
      });
    },
    async connectWaiting(tx, operationId, campaignId, now) {
      for (const id of await tx.dialing.waitingCalls(operationId, campaignId)) {
        const call = await tx.calls.lock(id);
        if (!call || call.state !== 'waiting') continue;
        if (!(await tryConnect(tx, call, now))) return;
      }
    },
  };
}
