// Live updates: the event stream of the signed-in session (an agent's session receives its own
// agent's events only) turned into "something changed, read again", at most a few times a second.
// The client's iterator reconnects by itself after a drop and resumes after the last event.
import { useEffect, useRef } from 'preact/hooks';
import { PacerApiError, type PacerClient, type PacerEvent } from '@pacer/client';

/** How long events are gathered before one refresh: a burst (a call's placed, connected…) reads once. */
const gatherMs = 60;

/**
 * Runs `refresh` once at start and again after events that `wanted` accepts, never two at once.
 * `onEnded` hears a refusal that will not pass by retrying (the session ended).
 */
export function useLiveRefresh(client: PacerClient, wanted: (e: PacerEvent) => boolean, refresh: () => Promise<void>, onEnded: (error: PacerApiError) => void): void {
  const latest = useRef({ wanted, refresh, onEnded });
  latest.current = { wanted, refresh, onEnded };
  useEffect(() => {
    const stop = new AbortController();
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          await latest.current.refresh().catch((error: unknown) => {
            if (error instanceof PacerApiError && error.code === 'SESSION_INVALID') latest.current.onEnded(error);
          });
        } while (again && !stop.signal.aborted);
      } finally {
        running = false;
      }
    };
    const soon = () => {
      if (timer === undefined) timer = setTimeout(() => {
        timer = undefined;
        void run();
      }, gatherMs);
    };
    void run();
    void (async () => {
      try {
        for await (const event of client.events.stream({ signal: stop.signal })) {
          if (latest.current.wanted(event)) soon();
        }
      } catch (error) {
        if (error instanceof PacerApiError && !stop.signal.aborted) latest.current.onEnded(error);
      }
    })();
    return () => {
      stop.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client]);
}
