// The result of a dialer attempt, written to its campaign record in the transaction that ends the
// call, with a `record.result` event (what the record's next attempt will be, if any).
import type { Call } from '../../domain/call.ts';
import type { CallResult } from '../../domain/call-state.ts';
import { afterAttempt, isContact } from '../../domain/record-result.ts';
import type { Tx } from '../ports/store.ts';

/** Calls the dialer placed for a record (fresh, retry or campaign recall) count as its attempts. */
export function isRecordAttempt(call: Call): boolean {
  return call.origin === 'campaign' && call.campaignId !== null && call.customerId !== null && call.parentCallId === null;
}

export async function recordAttempt(tx: Tx, call: Call, result: CallResult, now: number): Promise<void> {
  if (!isRecordAttempt(call) || call.campaignId === null || call.customerId === null) return;
  const key = { operationId: call.operationId, campaignId: call.campaignId, customerId: call.customerId };
  const record = await tx.dialing.lockAttempts(key);
  if (record === undefined) return; // the record was removed while its call was up
  const campaign = await tx.dialing.campaign(call.operationId, call.campaignId);
  // One contact per record per day: after a person answered, not again before the record's next local midnight.
  const contactDay = campaign?.oneContactPerDay && isContact(call.answeredAt !== null, result) ? record.timeZone : undefined;
  const outcome = afterAttempt(result, record.attempts, campaign?.maxAttempts ?? record.attempts, now, contactDay);
  await tx.dialing.saveResult(key, result, outcome.status, outcome.nextAttemptAt);
  await tx.events.append({
    operationId: call.operationId, at: now, type: 'record.result', campaignId: call.campaignId, callId: call.id,
    data: {
      customer_id: call.customerId, result, attempts: record.attempts, status: outcome.status,
      next_attempt_at: outcome.nextAttemptAt === null ? null : new Date(outcome.nextAttemptAt).toISOString(),
    },
  });
}
