// Call states and their transitions, as data, shared by engine, docs and tests.
import { callEnders, callOrigins, callResults, callStates, type CallEnder, type CallOrigin, type CallResult, type CallState } from '../../packages/vocabulary/src/call.ts';

/** Shared with the client: the vocabulary is defined once, in packages/vocabulary. */
export { callEnders, callOrigins, callResults, callStates, type CallEnder, type CallOrigin, type CallResult, type CallState };

export const callEvents = ['ring', 'answer', 'connect', 'hold', 'unhold', 'end'] as const;
export type CallEvent = (typeof callEvents)[number];

/**
 * `waiting`: answered by a person, not yet connected to an agent (predictive dialing; the
 * connect deadline runs). A call placed by an agent (dial, transfer, aux_call, auto callback)
 * is connected on answer and never waits.
 */
export const callTransitions: Readonly<Record<CallState, Partial<Record<CallEvent, CallState>>>> = {
  dialing: { ring: 'ringing', answer: 'waiting', connect: 'connected', end: 'ended' },
  ringing: { answer: 'waiting', connect: 'connected', end: 'ended' },
  waiting: { connect: 'connected', end: 'ended' },
  connected: { hold: 'held', end: 'ended' },
  held: { unhold: 'connected', end: 'ended' },
  ended: {},
};

export function callTarget(from: CallState, event: CallEvent): CallState | undefined {
  return callTransitions[from][event];
}

/** Calls that still occupy a line. */
export function isLive(state: CallState): boolean {
  return state !== 'ended';
}

/**
 * Calls in flight: placed and not yet connected to an agent nor ended (what a pacing decision
 * counts). The index migrations/0029_calls_in_flight.sql names the same states.
 */
export const inFlightStates = ['dialing', 'ringing', 'waiting'] as const satisfies readonly CallState[];
export type InFlightState = (typeof inFlightStates)[number];

export function isCallResult(value: string): value is CallResult {
  return (callResults as readonly string[]).includes(value);
}

