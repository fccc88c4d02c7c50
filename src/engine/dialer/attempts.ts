// The result of a dialer attempt, written to its campaign record in the transaction that ends the
// call, with a `record.result` event (what the record's next attempt will be, if any).
import type { Call } from '../../domain/call.ts';
import type { CallResult } from '../../domain/call-state.ts';
import { afterAttempt, isContact, type AttemptOutcome } from '../../domain/record-result.ts';
import type { AttemptRecord, RecordKey } from '../ports/records.ts';
import type { Tx } from '../ports/store.ts';

/** Calls the dialer placed for a record (fresh, retry or campaign recall) count as its attempts. */
export function isRecordAttempt(call: Call): boolean {
  return call.origin === 'campaign' && call.campaignId !== null && call.customerId !== null && call.parentCallId === null;
}

/** `locked`: the call's record, when the caller locked it already (null: it has none). */
export async function recordAttempt(tx: Tx, call: Call, result: CallResult, now: number, locked?: AttemptRecord | null): Promise<void> {
  if (!isRecordAttempt(call) || call.campaignId === null || call.customerId === null) return;
  const key = { operationId: call.operationId, campaignId: call.campaignId, customerId: call.customerId };
  const record = locked === undefined ? await tx.records.lockAttempts(key) : locked ?? undefined;
  if (record === undefined) return; // the record was removed while its call was up
  // One contact per record per day: after a person answered, not again before the record's next local midnight.
  const contactDay = record.oneContactPerDay && isContact(call.answeredAt !== null, result) ? record.timeZone : undefined;
  const outcome = afterAttempt(result, record.attempts, record.maxAttempts, now, contactDay);
  await saveOutcome(tx, key, result, record.attempts, outcome, now, call.id);
}

/** Saves an attempt's outcome on its record, with the `record.result` event (callId: null when no call was placed). */
export async function saveOutcome(tx: Tx, key: RecordKey, result: CallResult, attempts: number, outcome: AttemptOutcome, now: number, callId: string | null): Promise<void> {
  await tx.records.saveResult(key, result, outcome.status, outcome.nextAttemptAt);
  await tx.events.append({
    operationId: key.operationId, at: now, type: 'record.result', campaignId: key.campaignId, callId,
    data: {
      customer_id: key.customerId, result, attempts, status: outcome.status,
      next_attempt_at: outcome.nextAttemptAt === null ? null : new Date(outcome.nextAttemptAt).toISOString(),
    },
  });
}
