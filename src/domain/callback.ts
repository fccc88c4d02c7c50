// Callbacks (wolkvox "recall"): a customer to call back at a time. Owned by an agent (agentbox
// recall) or by a campaign record (campaign recall, any agent of the campaign may take it).
import { callbackStatuses, recallTypes, type CallbackStatus, type RecallType } from '../../packages/client/src/wire.ts';

/** Shared with the client: the wire vocabulary is defined once, in packages/client/src/wire.ts. */
export { callbackStatuses, recallTypes, type CallbackStatus, type RecallType };

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
