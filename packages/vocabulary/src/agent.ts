// The words for an agent: its states, the buttons of its screen and what change_status accepts.

export const agentStates = ['logout', 'ready', 'aux', 'ringing', 'talking', 'held', 'acw'] as const;
export type AgentState = (typeof agentStates)[number];

/** `ready`, `logout`, or the numeric id of an auxiliary state. */
export type AgentStatus = 'ready' | 'logout' | number;

/** The buttons of the agent's screen that agent_display shows or hides. */
export const agentButtons = ['hungup', 'disposition', 'dial'] as const;
export type AgentButton = (typeof agentButtons)[number];

export const displayModes = ['show', 'hide'] as const;
export type DisplayMode = (typeof displayModes)[number];
