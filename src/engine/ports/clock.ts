// Time, as the engine sees it. Production uses the system clock; tests and the simulator use a
// virtual clock they advance, so an eight-hour shift runs in seconds and nothing sleeps.

export interface TimerHandle { readonly id: number }

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `fn` once, `ms` from now. A promise it returns is awaited by virtual clocks. */
  setTimer(ms: number, fn: () => unknown): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}
