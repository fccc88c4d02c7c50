// A refusal in the user's words: the console's own text where it knows the case, else the
// server's message (which names the state or the rule that refused).
import { PacerApiError } from '@pacer/client';
import type { Texts } from './i18n.ts';

export function describeError(t: Texts, error: unknown): string {
  if (!(error instanceof PacerApiError) || error.code === 'TRANSPORT') return t.unreachable;
  if (error.code === 'SESSION_INVALID') return t.sessionEnded;
  return t.refused(error.message);
}
