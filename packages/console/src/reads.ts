// Reads asked for often and served deliberately: a campaign's stats cost about 250 ms of the
// database on a big operation, and a busy floor sends call events many times a second. Each key
// (a campaign) has at most one read in flight and starts one at most every `minGapMs`; asks that
// come meanwhile are gathered into one read after it. At most `parallel` reads run at once across
// keys. Pure (timers and the clock are given): test/console-figures.test.ts runs it in Node.

export interface ThrottledReads {
  /**
   * Asks for a fresh read of `key`: now, or when its gap has passed, or after the read in flight.
   * `urgent` (a change a person made and waits to see) does not wait for the gap: it starts now,
   * or right after the read in flight.
   */
  ask: (key: string, urgent?: boolean) => void;
  /** Cancels what waits; reads in flight finish, and nothing starts after them. */
  stop: () => void;
}

export interface ThrottleOptions {
  read: (key: string) => Promise<void>;
  minGapMs: number;
  parallel: number;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

interface KeyState { running: boolean; again: boolean; urgent: boolean; lastStart: number; timer: unknown; queued: boolean }

export function throttledReads(o: ThrottleOptions): ThrottledReads {
  const now = o.now ?? (() => Date.now());
  const setTimer = o.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = o.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const keys = new Map<string, KeyState>();
  const waiting: string[] = [];
  let active = 0;
  let stopped = false;

  const stateOf = (key: string): KeyState => {
    let s = keys.get(key);
    if (!s) {
      s = { running: false, again: false, urgent: false, lastStart: -Infinity, timer: undefined, queued: false };
      keys.set(key, s);
    }
    return s;
  };

  const start = (key: string, s: KeyState) => {
    if (stopped) return;
    if (active >= o.parallel) {
      if (!s.queued) {
        s.queued = true;
        waiting.push(key);
      }
      return;
    }
    s.running = true;
    s.lastStart = now();
    active++;
    void o.read(key).catch(() => undefined).finally(() => {
      s.running = false;
      active--;
      const next = waiting.shift();
      if (next !== undefined) {
        const n = stateOf(next);
        n.queued = false;
        start(next, n);
      }
      if (s.again) {
        const urgent = s.urgent;
        s.again = false;
        s.urgent = false;
        ask(key, urgent);
      }
    });
  };

  const ask = (key: string, urgent = false) => {
    if (stopped) return;
    const s = stateOf(key);
    if (s.running) {
      s.again = true;
      s.urgent ||= urgent;
      return;
    }
    if (s.queued) return;
    if (urgent && s.timer !== undefined) {
      clearTimer(s.timer);
      s.timer = undefined;
    }
    if (s.timer !== undefined) return;
    const wait = urgent ? 0 : s.lastStart + o.minGapMs - now();
    if (wait <= 0) {
      start(key, s);
      return;
    }
    s.timer = setTimer(() => {
      s.timer = undefined;
      start(key, s);
    }, wait);
  };

  return {
    ask,
    stop: () => {
      stopped = true;
      for (const s of keys.values()) if (s.timer !== undefined) clearTimer(s.timer);
      waiting.length = 0;
    },
  };
}
