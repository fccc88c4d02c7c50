// What the supervisor's and admin's pages share: a refusal said in the page's language, one
// action at a time with its outcome (done, or why not), and every page of a list read in turn.
import { useState } from 'preact/hooks';
import { PacerApiError, type Page } from '@pacer/client';
import { describeError } from './errors.ts';
import type { PageTexts } from './i18n.ts';

/** The page's own words for the refusals it knows (with the server's detail where it helps), else the server's message. */
export function describeProblem(t: PageTexts, error: unknown): string {
  if (error instanceof PacerApiError && error.code !== 'TRANSPORT') {
    const say = t.problems[error.code];
    if (say) return say(error.message);
  }
  return describeError(t, error);
}

export interface Outcome { error?: string | undefined; done?: string | undefined }

/**
 * Runs one action at a time. The action answers what to say when it is done (or nothing); a
 * refusal is said in the page's words, and a session that ended goes to `onEnded`.
 */
export function useAction(t: PageTexts, onEnded: (error: PacerApiError) => void) {
  const [outcome, setOutcome] = useState<Outcome>({});
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<string | undefined>): Promise<boolean> => {
    setBusy(true);
    setOutcome({});
    try {
      setOutcome({ done: await action() });
      return true;
    } catch (error) {
      if (error instanceof PacerApiError && error.code === 'SESSION_INVALID') onEnded(error);
      else setOutcome({ error: describeProblem(t, error) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { outcome, busy, run, say: setOutcome };
}

/** What the last action came to: done (a status) or refused (an alert). */
export function OutcomeLine({ outcome }: { outcome: Outcome }) {
  if (outcome.error !== undefined) return <p class="error" role="alert">{outcome.error}</p>;
  if (outcome.done !== undefined) return <p class="saved" role="status">{outcome.done}</p>;
  return null;
}

/** Every item of a list, page after page. */
export async function readAll<T>(read: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    all.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

/** A stamp as the browser's local date and time, in the page's language (the document's). */
export function localTime(stamp: string | null): string {
  if (stamp === null) return '—';
  const at = new Date(stamp);
  return Number.isNaN(at.getTime()) ? stamp : at.toLocaleString(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
