// The words for an agent: its states, the buttons of its screen, what change_status accepts and
// how its SIP phone is reached.

export const agentStates = ['logout', 'ready', 'aux', 'ringing', 'talking', 'held', 'acw'] as const;
export type AgentState = (typeof agentStates)[number];

/** `ready`, `logout`, or the numeric id of an auxiliary state. */
export type AgentStatus = 'ready' | 'logout' | number;

/** The buttons of the agent's screen that agent_display shows or hides. */
export const agentButtons = ['hungup', 'disposition', 'dial'] as const;
export type AgentButton = (typeof agentButtons)[number];

export const displayModes = ['show', 'hide'] as const;
export type DisplayMode = (typeof displayModes)[number];

/** registration: the phone registers to Pacer as the agent id (digest); contact: a phone at a fixed SIP address. */
export const agentPhoneModes = ['registration', 'contact'] as const;
export type AgentPhoneMode = (typeof agentPhoneModes)[number];
