// What one dial attempt does to its campaign record: finished, or dialable again after a delay
// that depends on the result. Pure, so the dialer, the docs and the simulator share one policy.
import type { CallResult } from './call-state.ts';
import { startOfNextLocalDay } from './local-time.ts';
import { recordStatuses, type RecordStatus } from '../../packages/vocabulary/src/campaign.ts';

/** Shared with the client: the vocabulary is defined once, in packages/vocabulary. */
export { recordStatuses, type RecordStatus };

/**
 * Seconds before a record may be dialled again after each result; null: the record is finished.
 * An abandoned customer (answered, nobody to talk to) is left alone for 72 h, as the FCC and
 * Ofcom rules for silent calls expect; busy lines are retried soon, unanswered ones later.
 */
export const retryDelayS: Readonly<Record<CallResult, number | null>> = {
  answer: null,
  'do-not-call': null,
  abandon: 72 * 3600,
  'answer-machine': 4 * 3600,
  'no-answer': 3600,
  busy: 15 * 60,
  congestion: 10 * 60,
  failed: 30 * 60,
  chanunavail: 30 * 60,
  unknown: 10 * 60,
};

export interface AttemptOutcome {
  status: RecordStatus;
  nextAttemptAt: number | null;
}

/**
 * A contact, for the campaign option "at most one contact per record per day": the call was
 * answered by a person, whatever became of it (talked to an agent, abandoned, lost in a crash).
 * Unanswered calls and answering machines are attempts, not contacts.
 */
export function isContact(answered: boolean, result: CallResult): boolean {
  return answered && result !== 'answer-machine';
}

/**
 * `attempts` counts the attempt that just ended. `contactDayIn`: the attempt was a contact and the
 * campaign allows one contact per record per day; the record's zone, whose next local midnight
 * is the earliest next attempt.
 */
export function afterAttempt(result: CallResult, attempts: number, maxAttempts: number, now: number, contactDayIn?: string): AttemptOutcome {
  const delay = retryDelayS[result];
  if (delay === null || attempts >= maxAttempts) return { status: 'done', nextAttemptAt: null };
  const retryAt = now + delay * 1000;
  return { status: 'fresh', nextAttemptAt: contactDayIn === undefined ? retryAt : Math.max(retryAt, startOfNextLocalDay(now, contactDayIn)) };
}
