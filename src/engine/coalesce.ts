// One run of a task at a time, shared: a caller gets a run that began after it called — the one
// starting now if none is in progress, else the one that starts when the current one ends, shared
// by every caller meanwhile. However many callers, at most one run is in progress and one waits.

/**
 * The same, per key: callers of one key share runs as above; keys run independently. A key with
 * no run in progress or waiting is forgotten. The run that starts is the one its first caller gave
 * (callers of a key ask the same thing).
 */
export function sharedRuns<T>(): (key: string, run: () => Promise<T>) => Promise<T> {
  const slots = new Map<string, { current?: Promise<T>; next?: Promise<T> }>();
  const settle = () => undefined;
  return (key, run) => {
    let slot = slots.get(key);
    if (!slot) {
      slot = {};
      slots.set(key, slot);
    }
    const own = slot;
    // A queued run has not begun: it serves this caller too (also between the end of a run and
    // the start of the one queued behind it).
    if (own.next) return own.next;
    const start = (): Promise<T> => {
      const pass: Promise<T> = run().finally(() => {
        if (own.current !== pass) return;
        own.current = undefined;
        if (!own.next && slots.get(key) === own) slots.delete(key);
      });
      own.current = pass;
      return pass;
    };
    if (!own.current) return start();
    own.next = own.current.then(settle, settle).then(() => {
      own.next = undefined;
      return start();
    });
    return own.next;
  };
}

export function coalesce<T = void>(run: () => Promise<T>): () => Promise<T> {
  const shared = sharedRuns<T>();
  return () => shared('', run);
}
