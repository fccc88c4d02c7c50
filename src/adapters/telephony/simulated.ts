// The simulated carrier: calls ring, are answered by a person or a machine, are busy, fail or go
// unanswered, and customers hang up when their conversation ends, all on the injected clock with
// draws from a seeded source. It implements the same Telephony port a SIP adapter will.
import type { CallResult } from '../../domain/call-state.ts';
import { sample, type Distribution } from '../../domain/distribution.ts';
import { seededRandom, type Random } from '../../domain/random.ts';
import type { Clock, TimerHandle } from '../../engine/ports/clock.ts';
import type { OriginateRequest, Telephony, TelephonyEvent } from '../../engine/ports/telephony.ts';

export type SimOutcome = 'answer' | 'answer-machine' | 'busy' | 'no-answer' | 'failed' | 'congestion';

export interface CarrierProfile {
  outcomes: { result: SimOutcome; p: number; ringS?: Distribution }[];
  /** How long a connected customer talks before hanging up; null: until the agent hangs up. */
  talkS: Distribution | null;
  /** How long a call waiting for an agent lasts before the customer gives up; null: forever. */
  patienceS: Distribution | null;
}

/** The demo: a person answers after a short ring and stays until someone hangs up. */
export const demoProfile: CarrierProfile = {
  outcomes: [{ result: 'answer', p: 1, ringS: { dist: 'uniform', min: 1, max: 3 } }],
  talkS: null,
  patienceS: null,
};

/** A fixed behaviour for one number, for tests and demos: `busy`, answer after 5 s, … */
export interface ScriptedBehavior {
  result: SimOutcome;
  ringS: number;
  talkS?: number | null;
}

interface SimCall {
  id: string;
  to: string;
  timers: TimerHandle[];
  state: 'ringing' | 'up' | 'ended';
  talkS: number | null;
}

export interface SimulatedTelephony extends Telephony {
  /** Makes every call to `phone` behave this way (tests, demos). */
  script(phone: string, behavior: ScriptedBehavior): void;
  /** The customer of a live call hangs up now. */
  customerHangup(callId: string): Promise<void>;
  /** What the carrier has been asked, newest last (tests read it). */
  readonly log: { callId: string; action: string; arg?: string }[];
  liveCalls(): number;
}

/**
 * `behaviorOf`: how a call to `to` behaves, when a caller draws it itself (a scenario's carrier,
 * bench/scenario-carrier.ts); undefined: scripted, else drawn from the profile.
 */
export function simulatedTelephony(clock: Clock, profile: CarrierProfile = demoProfile, seed = 1, behaviorOf?: (to: string) => ScriptedBehavior | undefined): SimulatedTelephony {
  const listeners: ((e: TelephonyEvent) => unknown)[] = [];
  const calls = new Map<string, SimCall>();
  const scripts = new Map<string, ScriptedBehavior>();
  const log: { callId: string; action: string; arg?: string }[] = [];
  let counter = 0;

  const emit = async (event: TelephonyEvent) => {
    for (const l of listeners) await l(event);
  };
  const at = (call: SimCall, seconds: number, fn: () => unknown) => {
    call.timers.push(clock.setTimer(Math.max(0, seconds) * 1000, fn));
  };
  const clearTimers = (call: SimCall) => {
    for (const t of call.timers) clock.clearTimer(t);
    call.timers = [];
  };
  const end = async (call: SimCall, result: CallResult, by: 'customer' | 'network') => {
    if (call.state === 'ended') return;
    call.state = 'ended';
    clearTimers(call);
    calls.delete(call.id);
    await emit({ type: 'ended', callId: call.id, result, by });
  };

  const draw = (random: Random, to: string): ScriptedBehavior => {
    const scripted = scripts.get(to) ?? behaviorOf?.(to);
    if (scripted) return scripted;
    let u = random();
    let chosen = profile.outcomes[profile.outcomes.length - 1];
    for (const o of profile.outcomes) {
      u -= o.p;
      if (u < 0) { chosen = o; break; }
    }
    const result = chosen?.result ?? 'no-answer';
    const ringS = chosen?.ringS ? sample(chosen.ringS, random) : Infinity;
    return { result, ringS, talkS: profile.talkS ? sample(profile.talkS, random) : null };
  };

  const answer = (call: SimCall, by: 'human' | 'machine') => {
    call.state = 'up';
    return emit({ type: 'answered', callId: call.id, by });
  };

  return {
    mode: 'sim',
    log,
    liveCalls: () => calls.size,
    script(phone, behavior) {
      scripts.set(phone, behavior);
    },
    async customerHangup(callId) {
      const call = calls.get(callId);
      if (call) await end(call, 'answer', 'customer');
    },
    onEvent(listener) {
      listeners.push(listener);
    },
    // Simulated agents have no phones: a session is always there.
    openAgentSession: () => undefined,
    closeAgentSession: () => undefined,
    originate(req: OriginateRequest) {
      log.push({ callId: req.callId, action: 'originate', arg: req.to });
      const random = seededRandom(seed, req.to, counter++);
      const behavior = draw(random, req.to);
      const call: SimCall = { id: req.callId, to: req.to, timers: [], state: 'ringing', talkS: behavior.talkS ?? null };
      calls.set(call.id, call);
      at(call, 0, () => emit({ type: 'ringing', callId: call.id }));
      const ringS = Math.min(behavior.ringS, req.ringTimeoutS);
      if (behavior.result === 'no-answer' || behavior.ringS >= req.ringTimeoutS) {
        at(call, req.ringTimeoutS, () => end(call, 'no-answer', 'network'));
      } else if (behavior.result === 'answer') {
        at(call, ringS, () => answer(call, 'human'));
      } else if (behavior.result === 'answer-machine') {
        at(call, ringS, () => answer(call, 'machine'));
      } else {
        at(call, ringS, () => end(call, behavior.result, 'network'));
      }
    },
    bridge(callId, agentId) {
      log.push({ callId, action: 'bridge', arg: agentId });
      const call = calls.get(callId);
      if (call?.talkS != null) {
        const talkS = call.talkS;
        at(call, talkS, () => end(call, 'answer', 'customer'));
      }
    },
    setHold(callId, on) {
      log.push({ callId, action: on ? 'hold' : 'unhold' });
    },
    setMute(callId, on) {
      log.push({ callId, action: on ? 'mute' : 'unmute' });
    },
    sendDtmf(callId, tones) {
      log.push({ callId, action: 'dtmf', arg: tones });
    },
    hangup(callId) {
      log.push({ callId, action: 'hangup' });
      const call = calls.get(callId);
      if (call) {
        call.state = 'ended';
        clearTimers(call);
        calls.delete(callId);
      }
    },
    transfer(callId, newCallId, to, agentId) {
      log.push({ callId, action: 'transfer', arg: to });
      const call = calls.get(callId);
      if (!call) return;
      // The customer stays on the line; the conversation goes on under the new id.
      clearTimers(call);
      calls.delete(callId);
      const moved: SimCall = { ...call, id: newCallId, timers: [], state: 'ringing' };
      calls.set(newCallId, moved);
      if (agentId) {
        moved.state = 'up';
        return;
      }
      const ringS = scripts.get(to)?.ringS ?? 2;
      at(moved, ringS, () => answer(moved, 'human'));
      if (moved.talkS != null) at(moved, ringS + moved.talkS, () => end(moved, 'answer', 'customer'));
    },
  };
}
