// How a call attempt ended, read from the final response to its INVITE, in the words the engine
// records (packages/vocabulary call results). One table, read by the dialog layer and the tests.
import type { CallResult } from '../../../domain/call-state.ts';

/** The results a SIP attempt can end in (machine detection and abandon are decided elsewhere). */
export type AttemptResult = Extract<CallResult, 'answer' | 'busy' | 'no-answer' | 'failed' | 'congestion'>;

/** The results of an attempt that was not answered. */
export type FailedResult = Exclude<AttemptResult, 'answer'>;

const byStatus: Readonly<Record<number, FailedResult>> = {
  486: 'busy', 600: 'busy',
  408: 'no-answer', 480: 'no-answer', 487: 'no-answer',
  404: 'failed', 484: 'failed', 410: 'failed', 604: 'failed',
};

/** The result of an attempt whose INVITE got `status` as its final response. */
export function resultOfStatus(status: number): AttemptResult {
  return status >= 200 && status < 300 ? 'answer' : resultOfFailure(status);
}

/** The result of an attempt whose INVITE got the non-2xx final response `status`. */
export function resultOfFailure(status: number): FailedResult {
  const mapped = byStatus[status];
  if (mapped) return mapped;
  if (status >= 500 && status < 600) return 'congestion';
  return 'failed';
}
