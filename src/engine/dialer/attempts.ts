// The result of a dialer attempt, written to its campaign record in the transaction that ends the call.
import type { Call } from '../../domain/call.ts';
import type { CallResult } from '../../domain/call-state.ts';
import { afterAttempt } from '../../domain/record-result.ts';
import type { Tx } from '../ports/store.ts';

/** Calls the dialer placed for a record (fresh, retry or campaign recall) count as its attempts. */
export function isRecordAttempt(call: Call): boolean {
  return call.origin === 'campaign' && call.campaignId !== null && call.customerId !== null && call.parentCallId === null;
}

export async function recordAttempt(tx: Tx, call: Call, result: CallResult, now: number): Promise<void> {
  if (!isRecordAttempt(call) || call.campaignId === null || call.customerId === null) return;
  const key = { operationId: call.operationId, campaignId: call.campaignId, customerId: call.customerId };
  const attempts = await tx.dialing.lockAttempts(key);
  if (attempts === undefined) return; // the record was removed while its call was up
  const campaign = await tx.dialing.campaign(call.operationId, call.campaignId);
  const outcome = afterAttempt(result, attempts, campaign?.maxAttempts ?? attempts, now);
  await tx.dialing.saveResult(key, result, outcome.status, outcome.nextAttemptAt);
}
