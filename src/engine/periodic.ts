// Background work on the engine's clock: a job that runs every `everyMs`, can be asked to run
// sooner, never overlaps itself, and stops cleanly (waiting for a run in progress), so closing
// Pacer never pulls the database out from under a tick.
import type { Clock, TimerHandle } from './ports/clock.ts';

export interface Periodic {
  start(): void;
  /** Runs the job at `ms` from now unless it is already due sooner. */
  wakeIn(ms: number): void;
  /** Runs the job now and resolves when it is done (tests, and callers that must see its effect). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/** `job` may answer how long to wait before its next run (e.g. longer while idle); else `everyMs`. */
export function periodic(clock: Clock, everyMs: number, job: () => Promise<number | void>, onError: (e: unknown) => void): Periodic {
  let timer: { handle: TimerHandle; at: number } | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;

  const arm = (ms: number) => {
    if (stopped) return;
    const at = clock.now() + Math.max(0, ms);
    if (timer && timer.at <= at) return;
    if (timer) clock.clearTimer(timer.handle);
    timer = { handle: clock.setTimer(Math.max(0, ms), () => { timer = undefined; return run(); }), at };
  };

  const run = (): Promise<void> => {
    if (running) {
      // A run is in progress: one more after it, never two at once.
      again = true;
      return running;
    }
    let nextMs = everyMs;
    running = (async () => {
      do {
        again = false;
        nextMs = everyMs;
        try {
          nextMs = (await job()) ?? everyMs;
        } catch (error) {
          onError(error);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
      arm(nextMs);
    });
    return running;
  };

  return {
    start() {
      stopped = false;
      arm(0);
    },
    wakeIn: arm,
    runNow: run,
    async stop() {
      stopped = true;
      if (timer) clock.clearTimer(timer.handle);
      timer = undefined;
      await running;
    },
  };
}
