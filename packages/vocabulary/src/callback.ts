// The words for a callback (wolkvox "recall"): who dials it and where it stands.

/** auto: Pacer calls the customer for the agent; manual: the agent is reminded and dials. */
export const recallTypes = ['auto', 'manual'] as const;
export type RecallType = (typeof recallTypes)[number];

/** pending: waits for its time; waiting: due, its auto call waits for a free agent; done; cancelled. */
export const callbackStatuses = ['pending', 'waiting', 'done', 'cancelled'] as const;
export type CallbackStatus = (typeof callbackStatuses)[number];
