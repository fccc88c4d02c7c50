// Agent states and their transitions, as data. The engine applies this table, the docs print it
// (docs/states.md is generated from it) and the tests walk every cell of it.
import { agentStates, type AgentState } from '../../packages/vocabulary/src/agent.ts';

/** Shared with the client: the vocabulary is defined once, in packages/vocabulary. */
export { agentStates, type AgentState };

/**
 * What can happen to an agent. `goReady`, `goAux`, `goLogout` come from change_status; the call
 * events come from the agent's call; `wrapUp` ends after-call work.
 */
export const agentEvents = [
  'goReady', 'goAux', 'goLogout', 'dial', 'offer', 'answer', 'hold', 'unhold', 'callEnd', 'wrapUp',
] as const;
export type AgentEvent = (typeof agentEvents)[number];

/**
 * `defer`: the change is kept as the agent's next state and applied when the call and its ACW end.
 * `next`: the agent moves to the state it deferred, or `ready` if none.
 * A missing cell is a refusal (409 naming the state).
 */
export type AgentTarget = AgentState | 'defer' | 'next';

export const agentTransitions: Readonly<Record<AgentState, Partial<Record<AgentEvent, AgentTarget>>>> = {
  logout: { goReady: 'ready', goAux: 'aux', goLogout: 'logout' },
  ready: { goReady: 'ready', goAux: 'aux', goLogout: 'logout', dial: 'ringing', offer: 'talking' },
  aux: { goReady: 'ready', goAux: 'aux', goLogout: 'logout', dial: 'ringing' },
  ringing: { goReady: 'defer', goAux: 'defer', goLogout: 'defer', answer: 'talking', callEnd: 'acw' },
  talking: { goReady: 'defer', goAux: 'defer', goLogout: 'defer', hold: 'held', callEnd: 'acw' },
  held: { goReady: 'defer', goAux: 'defer', goLogout: 'defer', unhold: 'talking', callEnd: 'acw' },
  acw: { goReady: 'ready', goAux: 'aux', goLogout: 'logout', dial: 'ringing', wrapUp: 'next' },
};

/** States in which the agent has a call up (ringing, talking or held). */
export const onCallStates: ReadonlySet<AgentState> = new Set(['ringing', 'talking', 'held']);

export function agentTarget(from: AgentState, event: AgentEvent): AgentTarget | undefined {
  return agentTransitions[from][event];
}

export function isAgentState(value: string): value is AgentState {
  return (agentStates as readonly string[]).includes(value);
}
