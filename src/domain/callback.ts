// Callbacks (wolkvox "recall"): a customer to call back at a time. Owned by an agent (agentbox
// recall) or by a campaign record (campaign recall, any agent of the campaign may take it).

export const recallTypes = ['auto', 'manual'] as const;
export type RecallType = (typeof recallTypes)[number];

/** pending: waits for its time; waiting: due, its auto call waits for a free agent; done; cancelled. */
export const callbackStatuses = ['pending', 'waiting', 'done', 'cancelled'] as const;
export type CallbackStatus = (typeof callbackStatuses)[number];

export interface Callback {
  id: string;
  operationId: string;
  agentId: string | null;
  campaignId: string | null;
  customerId: string | null;
  phone: string;
  dueAt: number;
  type: RecallType;
  status: CallbackStatus;
  firedAt: number | null;
  callId: string | null;
  createdAt: number;
}
