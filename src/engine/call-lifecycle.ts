// The life of a call after it is placed: what the carrier reports (ringing, answered, ended)
// moves the call and its agent; after-call work ends on a timer of the engine's clock.
import { transition, type Agent } from '../domain/agent.ts';
import { callTransition, newCall, type Call } from '../domain/call.ts';
import type { CallEnder, CallOrigin, CallResult } from '../domain/call-state.ts';
import type { PacingEvent } from '../domain/pacing/strategy.ts';
import { saveAgent } from './agent-changes.ts';
import type { EngineDeps } from './deps.ts';
import type { EndLocks } from './ports/calls.ts';
import type { Tx } from './ports/store.ts';
import type { TelephonyEvent } from './ports/telephony.ts';
import { isRecordAttempt, recordAttempt } from './dialer/attempts.ts';
import { createCampaignConnect } from './dialer/connect.ts';
import { createPacingBus, type PacingBus } from './dialer/pacing-bus.ts';
import type { AgentSessions } from './telephony/agent-sessions.ts';
import { customerRoute, type CustomerLeg } from './telephony/customer-route.ts';

export interface PlaceCall {
  operationId: string;
  phone: string;
  origin: CallOrigin;
  agent?: Agent;
  customerId?: string | null;
  customerName?: string | null;
  campaignId?: string | null;
  parentCallId?: string | null;
}

/** What the carrier says about one call. */
export type CallEvent = Exclude<TelephonyEvent, { type: 'agent-session-ended' | 'agent-session-dropped' }>;

export interface CallLifecycle {
  /**
   * Places a call for an agent (who goes to ringing) or for the dialer; returns the conn_id. `leg`:
   * how it goes out, when the caller already checked the trunk (else it is looked up here).
   */
  place(tx: Tx, request: PlaceCall, now: number, leg?: CustomerLeg): Promise<Call>;
  /** Ends a call (`by`: who ended it, Pacer itself unless said): the call row, the agent's ACW. */
  endCall(tx: Tx, call: Call, result: CallResult, now: number, by?: CallEnder, agentTo?: 'acw' | 'release'): Promise<void>;
  /** Arms the end of an after-call work that began at `since` (restart recovery re-arms lost timers). */
  armWrapUp(operationId: string, agentId: string, since: number, acwS: number): void;
  /** Connects a campaign's waiting calls to its ready agents (the dialer's tick). */
  connectWaiting(tx: Tx, operationId: string, campaignId: string, now: number): Promise<void>;
  handle(event: CallEvent): Promise<void>;
}

/**
 * Who ended a call the telephony reports ended (CallEnder): the agent's phone; Pacer itself (a leg
 * it could not place, a dead process's call); else the customer's side, the carrier and the network included.
 */
function enderOf(by: Extract<CallEvent, { type: 'ended' }>['by']): CallEnder {
  return by === 'agent' ? 'agent' : by === 'pacer' ? 'system' : 'customer';
}

export function createCallLifecycle(deps: EngineDeps, sessions: AgentSessions, pacing: PacingBus = createPacingBus()): CallLifecycle {
  const { clock, store, telephony, random } = deps;
  const tS = (ms: number) => ms / 1000;

  /**
   * Calls this process placed that have not been heard of since: all a ringing needs of its call
   * to move it with one statement and no read (the first event of a call, or its end, takes it out).
   */
  const placedHere = new Map<string, Pick<Call, 'operationId' | 'agentId' | 'campaignId'>>();

  /** `endedCall`: the call the ACW follows, when known (restart recovery re-arms without it). */
  const armWrapUp = (operationId: string, agentId: string, since: number, acwS: number, endedCall?: Call) => {
    const delay = Math.max(0, since + acwS * 1000 - clock.now());
    clock.setTimer(delay, () => wrapUp(operationId, agentId, since, endedCall).catch((e: unknown) => deps.onError(e, 'wrap-up')));
  };

  const wrapUp = (operationId: string, agentId: string, since: number, endedCall: Call | undefined) =>
    store.transaction(async (tx) => {
      const agent = await tx.agents.lock(operationId, agentId);
      // A stale timer: the agent already left this ACW.
      if (!agent || agent.state !== 'acw' || agent.stateSince !== since) return;
      const now = clock.now();
      const after = transition(agent, 'wrapUp', now).agent;
      // A logout asked for during the call applies now: the agent's phone session ends with it.
      if (after.state === 'logout') sessions.loggedOut(tx, after);
      await saveAgent(tx, agent, after, now);
      // Predictive strategies learn handle times (talk + ACW) from the campaign's calls. What
      // this needs of the call (its campaign, whether it was a record's attempt) no longer changes.
      const last = !agent.lastCallId ? undefined : agent.lastCallId === endedCall?.id ? endedCall : await tx.calls.lock(agent.lastCallId);
      if (last && isRecordAttempt(last) && last.campaignId) {
        await pacing.emit(tx, operationId, last.campaignId, last.id, { type: 'acwEnd', tS: tS(now), acwS: tS(now - since) });
      }
    });

  /** Moves an agent whose call ended into after-call work and arms its end. */
  const startAcw = async (tx: Tx, agent: Agent, endedCall: Call, now: number, knownAcwS?: number) => {
    const after = { ...transition(agent, 'callEnd', now).agent, lastCallId: agent.callId ?? agent.lastCallId, callId: null };
    await saveAgent(tx, agent, after, now);
    const acwS = knownAcwS ?? (await tx.operations.get(agent.operationId))?.acwS ?? 0;
    tx.afterCommit(() => armWrapUp(agent.operationId, agent.id, after.stateSince, acwS, endedCall));
    return after;
  };

  const endCall: CallLifecycle['endCall'] = (tx, call, result, now, by = 'system', agentTo = 'acw') => end(tx, call, result, now, by, agentTo);

  /** endCall, with what the end changes beside the call when the caller locked it already (CallRepo.lockForEnd). */
  const end = async (tx: Tx, call: Call, result: CallResult, now: number, by: CallEnder, agentTo: 'acw' | 'release', locked?: EndLocks) => {
    // A call Pacer ends before the carrier said anything (an agent's hang while it dials) is not heard of again.
    placedHere.delete(call.id);
    await tx.calls.save({ ...callTransition(call, 'end', now), result });
    await tx.events.append({
      operationId: call.operationId, at: now, type: 'call.ended', callId: call.id, agentId: call.agentId,
      campaignId: call.campaignId, data: { result, by },
    });
    if (isRecordAttempt(call)) {
      await recordAttempt(tx, call, result, now, locked?.record);
      const campaignId = call.campaignId ?? '';
      // A machine was already reported as an answer; every other end is a talk, an abandon or a failure.
      const event: PacingEvent | undefined = call.connectedAt !== null ? { type: 'end', tS: tS(now), talkS: tS(now - call.connectedAt) }
        : result === 'abandon' ? { type: 'abandon', tS: tS(now) }
        : result === 'answer-machine' ? undefined
        : { type: 'fail', tS: tS(now), ringS: tS(now - call.placedAt) };
      if (event) await pacing.emit(tx, call.operationId, campaignId, call.id, event);
    }
    if (!call.agentId || agentTo === 'release') return;
    const agent = locked ? locked.agent : await tx.agents.lock(call.operationId, call.agentId);
    if (agent && agent.callId === call.id) await startAcw(tx, agent, call, now, locked?.acwS);
  };

  const place: CallLifecycle['place'] = async (tx, req, now, leg) => {
    const { route, ringTimeoutS } = leg ?? await customerRoute(tx, deps, req.operationId, req.phone);
    const call = newCall({
      id: random.callId(), operationId: req.operationId, phone: req.phone, origin: req.origin, placedAt: now,
      agentId: req.agent?.id ?? null, customerId: req.customerId ?? null, customerName: req.customerName ?? null,
      campaignId: req.campaignId ?? null, parentCallId: req.parentCallId ?? null,
    });
    await tx.calls.insert(call, deps.settings.processId);
    if (req.agent) {
      const after = { ...transition(req.agent, 'dial', now).agent, callId: call.id };
      await saveAgent(tx, req.agent, after, now);
    }
    await tx.events.append({
      operationId: call.operationId, at: now, type: 'call.placed', callId: call.id, agentId: call.agentId,
      campaignId: call.campaignId, data: { phone: call.phone, origin: call.origin, customer_id: call.customerId },
    });
    tx.afterCommit(() => {
      placedHere.set(call.id, { operationId: call.operationId, agentId: call.agentId, campaignId: call.campaignId });
      telephony.originate({ callId: call.id, operationId: call.operationId, to: call.phone, agentId: call.agentId ?? undefined, ringTimeoutS, route });
    });
    if (call.campaignId && isRecordAttempt(call)) await pacing.emit(tx, call.operationId, call.campaignId, call.id, { type: 'dial', tS: tS(now) });
    return call;
  };

  const inLane = <T>(urgent: boolean, work: (tx: Tx) => Promise<T>) => (urgent ? store.urgentTransaction(work) : store.transaction(work));

  const campaign = createCampaignConnect(deps, (tx, call, result, now) => endCall(tx, call, result, now), pacing);

  /**
   * The call an event is about, locked, with what its handling will lock next taken by the same
   * statement: an end writes the call's record and its agent; a person's answer goes to a ready agent.
   */
  const lockFor = async (tx: Tx, event: CallEvent): Promise<{ call: Call; ending?: EndLocks; agent?: Agent | null } | undefined> => {
    if (event.type === 'ended') {
      const locked = await tx.calls.lockForEnd(event.callId);
      return locked && { call: locked.call, ending: locked };
    }
    if (event.type === 'answered' && event.by === 'human') return tx.calls.lockForAnswer(event.callId);
    const call = await tx.calls.lock(event.callId);
    return call && { call };
  };

  // A customer answering is the one event someone is waiting on: it takes the urgent lane.
  const handle = (event: CallEvent) => {
    const placed = placedHere.get(event.callId);
    placedHere.delete(event.callId);
    return inLane(event.type === 'answered', async (tx) => {
      if (event.type === 'ringing' && placed) {
        // Ringing moves a dialing call to ringing and changes nothing else (callTransitions): one
        // statement, no read.
        const now = clock.now();
        await tx.calls.move(event.callId, 'dialing', 'ringing', {
          operationId: placed.operationId, at: now, type: 'call.ringing', callId: event.callId, agentId: placed.agentId, campaignId: placed.campaignId, data: {},
        });
        return;
      }
      const locked = await lockFor(tx, event);
      const call = locked?.call;
      if (!call || call.state === 'ended') return;
      const now = clock.now();
      const log = (type: string, data: Record<string, unknown> = {}) => tx.events.append({
        operationId: call.operationId, at: now, type, callId: call.id, agentId: call.agentId, campaignId: call.campaignId, data,
      });
      if (event.type === 'ringing') {
        if (call.state !== 'dialing') return;
        await tx.calls.save(callTransition(call, 'ring', now));
        await log('call.ringing');
      } else if (event.type === 'answered') {
        if (!call.agentId && call.origin === 'campaign') {
          await campaign.answered(tx, call, event.by, now, locked.agent);
          return;
        }
        if (!call.agentId) {
          // A transferred leg to an outside number: the third party took it.
          await tx.calls.save(callTransition(call, 'connect', now));
          await log('call.connected', { by: event.by });
          return;
        }
        // A call placed for an agent is connected to that agent as soon as it is answered.
        await tx.calls.save(callTransition(call, 'connect', now));
        await log('call.connected', { by: event.by });
        const agent = await tx.agents.lock(call.operationId, call.agentId);
        if (agent && agent.callId === call.id && agent.state === 'ringing') {
          await saveAgent(tx, agent, transition(agent, 'answer', now).agent, now);
        }
        tx.afterCommit(() => telephony.bridge(call.id, call.agentId ?? ''));
      } else {
        // A customer who hangs up while waiting for an agent was abandoned, whatever the carrier says.
        await end(tx, call, call.state === 'waiting' ? 'abandon' : event.result, now, enderOf(event.by), 'acw', locked.ending);
      }
    });
  };

  return { place, endCall, armWrapUp, connectWaiting: (...a) => campaign.connectWaiting(...a), handle };
}
