// Callbacks (wolkvox "recall"): a customer to call back at a time. Owned by an agent (agentbox
// recall) or by a campaign record (campaign recall, any agent of the campaign may take it).
import { callbackStatuses, recallTypes, type CallbackStatus, type RecallType } from '../../packages/vocabulary/src/callback.ts';
import type { CallResult } from './call-state.ts';
import { retryDelayS } from './record-result.ts';

/** Shared with the client: the vocabulary is defined once, in packages/vocabulary. */
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

/** A callback can be moved or cancelled until it has been dialled or reminded (done) or cancelled. */
export function isOpen(status: CallbackStatus): boolean {
  return status === 'pending' || status === 'waiting';
}

/** What a record reopened by a campaign recall knows of itself once that recall is cancelled. */
export interface RecalledRecord {
  status: string;
  attempts: number;
  lastResult: string | null;
  codAct: string | null;
}

/**
 * The status of a record whose campaign recall is cancelled. A recall reopens the record (status
 * fresh) without forgetting its history; cancelling it must not turn that into a fresh dial, so a
 * record that was closed before — disposed, or whose last attempt finished it (a result with no
 * retry, or no attempts left) — is closed again. A never-tried record or one with a retry to come
 * stays fresh; a record on a call is left to that call's result.
 */
export function statusAfterRecallCancelled(record: RecalledRecord, maxAttempts: number): string {
  if (record.status !== 'fresh') return record.status;
  const last = record.lastResult as CallResult | null;
  const finished = last !== null && (retryDelayS[last] === null || record.attempts >= maxAttempts);
  return record.codAct !== null || (record.attempts > 0 && finished) ? 'done' : 'fresh';
}
