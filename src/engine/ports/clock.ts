// Time, as the engine sees it. Production uses the system clock; tests and the simulator use a
// virtual clock they advance, so an eight-hour shift runs in seconds and nothing sleeps.
// An instant is a whole number of milliseconds since the epoch, everywhere: the store keeps
// timestamps to the millisecond, so an engine instant with a fraction would not be the one read back.

export interface TimerHandle { readonly id: number }

export interface Clock {
  /** Milliseconds since the Unix epoch, a whole number. */
  now(): number;
  /** Runs `fn` once, `ms` from now (a fraction: at the next whole millisecond). A promise it returns is awaited by virtual clocks. */
  setTimer(ms: number, fn: () => unknown): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}
