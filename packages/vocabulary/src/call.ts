// The words for a call: its states, why it was placed and how an attempt ended.

export const callStates = ['dialing', 'ringing', 'waiting', 'connected', 'held', 'ended'] as const;
export type CallState = (typeof callStates)[number];

/** Why a call was placed. */
export const callOrigins = ['dial', 'transfer', 'aux_call', 'callback', 'campaign'] as const;
export type CallOrigin = (typeof callOrigins)[number];

/**
 * The flags an activity code may carry (wolkvox's create_cod_act, in its order): `hit` and `rpc`
 * (right-party contact) are counted in the agents' reports (agent_1 hits and rpc); Pacer keeps the
 * others and acts on none.
 */
export const activityCodeFlags = ['hit', 'rpc', 'chat', 'studio', 'voice', 'interactions'] as const;
export type ActivityCodeFlag = (typeof activityCodeFlags)[number];

/** The result of a call attempt on a campaign record. */
export const callResults = [
  'answer', 'no-answer', 'busy', 'congestion', 'failed', 'answer-machine', 'abandon', 'do-not-call',
  'chanunavail', 'unknown',
] as const;
export type CallResult = (typeof callResults)[number];

/**
 * Who ended a call (the `by` of its call.ended event; cdr_1's hang_up): the agent (hang,
 * transfer), the customer's side (it hung up, or the carrier ended the call), or Pacer itself (an
 * abandon, a machine hung up, a call of a dead process).
 */
export const callEnders = ['agent', 'customer', 'system'] as const;
export type CallEnder = (typeof callEnders)[number];
