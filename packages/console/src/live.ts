// Live updates: the event stream of the signed-in session (an agent's session receives its own
// agent's events only) turned into "something changed, read again", at most a few times a second.
// The stream starts at the log's current end (GET /v1/events/latest), so opening the console
// never replays the operation's history; the client's iterator reconnects by itself after a drop
// and resumes after the last event it saw.
import { useEffect, useRef } from 'preact/hooks';
import { PacerApiError, type PacerClient, type PacerEvent } from '@pacer/client';

/** How long events are gathered before one refresh: a burst (a call's placed, connected…) reads once. */
const gatherMs = 60;

/**
 * What a refresh is asked to read again: the types of the events of the burst, or undefined for
 * everything (the first reading, or a reading without the stream).
 */
export type Changed = ReadonlySet<string> | undefined;

/**
 * Runs `refresh` once at start and again after each burst of events of `types`, never two at once;
 * it is handed the burst's event types and the campaigns its events named (empty at the first
 * reading). `onProblem` hears a refusal that retrying will not mend (the session ended, too many streams).
 */
export function useLiveRefresh(
  client: PacerClient, types: string[], refresh: (changed: Changed, campaigns: ReadonlySet<string>) => Promise<void>, onProblem: (error: PacerApiError) => void,
): void {
  const latest = useRef({ refresh, onProblem });
  latest.current = { refresh, onProblem };
  const typeList = types.join(',');
  useEffect(() => {
    const stop = new AbortController();
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The event types seen since the last reading began; `all` when it must read everything.
    let seen = new Set<string>();
    let campaigns = new Set<string>();
    let all = true;
    const report = (error: unknown) => {
      if (error instanceof PacerApiError && !stop.signal.aborted && error.code !== 'TRANSPORT') latest.current.onProblem(error);
    };
    const run = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const changed: Changed = all ? undefined : seen;
          const named = campaigns;
          seen = new Set();
          campaigns = new Set();
          all = false;
          await latest.current.refresh(changed, named).catch(report);
        } while (again && !stop.signal.aborted);
      } finally {
        running = false;
      }
    };
    const soon = (event: PacerEvent) => {
      seen.add(event.type);
      if (event.campaign_id !== null) campaigns.add(event.campaign_id);
      timer ??= setTimeout(() => {
        timer = undefined;
        void run();
      }, gatherMs);
    };
    void (async () => {
      try {
        // The end of the log first, then the first reading: whatever changes after that end is
        // either in the reading or comes down the stream.
        const { seq } = await client.events.latest();
        await run();
        for await (const event of client.events.stream({ after: seq, types: typeList.split(','), signal: stop.signal })) soon(event);
      } catch (error) {
        report(error);
        // Without the stream the page still shows what it read, and reads again on each action.
        all = true;
        if (!running) void run();
      }
    })();
    return () => {
      stop.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, typeList]);
}
