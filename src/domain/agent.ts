// An agent and the rules that move it between states. Pure: the engine loads an agent, asks these
// functions what happens, and stores the answer.
import { agentButtons, type AgentButton } from '../../packages/vocabulary/src/agent.ts';
import { agentTarget, onCallStates, type AgentEvent, type AgentState } from './agent-state.ts';
import { fail } from './errors.ts';

/** An agent id: its extension, digits. */
export const agentIdPattern = /^\d{1,12}$/;
/** Where a call may be transferred: another agent's extension, or a phone number of 3 to 20 digits. */
export const transferTargetPattern = /^(?:\d{1,12}|\+?\d{3,20})$/;

/** Shared with the client: the vocabulary is defined once, in packages/vocabulary. */
export { agentButtons, type AgentButton };

export type AgentDisplay = Record<AgentButton, boolean>;

export interface Agent {
  operationId: string;
  id: string;
  name: string;
  state: AgentState;
  auxId: number | null;
  nextState: AgentState | null;
  nextAuxId: number | null;
  stateSince: number;
  callId: string | null;
  lastCallId: string | null;
  display: AgentDisplay;
  /** A disabled agent (disable_agent) may not go ready or take an auxiliary state: it stays logged out. */
  enabled: boolean;
}

/** A state an agent can be asked to take with change_status. */
export type StatusRequest = { state: 'ready' } | { state: 'logout' } | { state: 'aux'; auxId: number };

const eventOfRequest = { ready: 'goReady', logout: 'goLogout', aux: 'goAux' } as const;

/** A new agent: logged out, every console button shown. */
export function newAgent(operationId: string, id: string, name: string, now: number): Agent {
  return {
    operationId, id, name, state: 'logout', auxId: null, nextState: null, nextAuxId: null, stateSince: now,
    callId: null, lastCallId: null, display: Object.fromEntries(agentButtons.map((b) => [b, true])) as AgentDisplay, enabled: true,
  };
}

export function describeState(agent: Pick<Agent, 'state' | 'auxId'>): string {
  return agent.state === 'aux' ? `aux:${agent.auxId}` : agent.state;
}

function refuse(agent: Agent, event: AgentEvent): never {
  if (event === 'hold' || event === 'unhold' || event === 'callEnd' || event === 'answer') {
    throw fail.noActiveCall(agent.id);
  }
  const doing: Record<AgentEvent, string> = {
    goReady: 'become ready', goAux: 'take an auxiliary state', goLogout: 'log out', dial: 'dial',
    offer: 'take a call', answer: 'answer', hold: 'hold', unhold: 'unhold', callEnd: 'end a call', wrapUp: 'end after-call work',
  };
  const state = agent.state === 'logout' ? 'logged out' : `in state ${describeState(agent)}`;
  throw fail.agentState(`Agent ${agent.id} is ${state} and cannot ${doing[event]}`);
}

/**
 * Applies an event. Returns the agent after it; `deferred` is true when a change_status was kept
 * as the agent's next state because the agent is on a call.
 */
export function transition(agent: Agent, event: AgentEvent, now: number, aux?: number): { agent: Agent; deferred: boolean } {
  const target = agentTarget(agent.state, event);
  if (target === undefined) refuse(agent, event);
  if (target === 'defer') {
    const next = event === 'goReady' ? 'ready' : event === 'goLogout' ? 'logout' : 'aux';
    return { agent: { ...agent, nextState: next, nextAuxId: next === 'aux' ? (aux ?? null) : null }, deferred: true };
  }
  if (target === 'next') {
    const state = agent.nextState ?? 'ready';
    return { agent: enter(agent, state, state === 'aux' ? agent.nextAuxId : null, now), deferred: false };
  }
  return { agent: enter(agent, target, target === 'aux' ? (aux ?? null) : null, now), deferred: false };
}

function enter(agent: Agent, state: AgentState, auxId: number | null, now: number): Agent {
  const leavingCall = !onCallStates.has(state) && state !== 'acw';
  const sameState = state === agent.state && auxId === agent.auxId;
  return {
    ...agent,
    state,
    auxId,
    stateSince: sameState ? agent.stateSince : now,
    nextState: leavingCall ? null : agent.nextState,
    nextAuxId: leavingCall ? null : agent.nextAuxId,
    callId: leavingCall ? null : agent.callId,
  };
}

export function requestStatus(agent: Agent, request: StatusRequest, now: number): { agent: Agent; deferred: boolean } {
  if (!agent.enabled && request.state !== 'logout') throw fail.agentDisabled(agent.id);
  return transition(agent, eventOfRequest[request.state], now, request.state === 'aux' ? request.auxId : undefined);
}

export function isOnCall(agent: Agent): boolean {
  return onCallStates.has(agent.state);
}
