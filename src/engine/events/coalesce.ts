// One run of a task at a time, shared: a caller gets a run that began after it called — the one
// starting now if none is in progress, else the one that starts when the current one ends, shared
// by every caller meanwhile. However many callers, at most one run is in progress and one waits.
export function coalesce(run: () => Promise<void>): () => Promise<void> {
  let current: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const pass: Promise<void> = run().finally(() => {
      if (current === pass) current = undefined;
    });
    current = pass;
    return pass;
  };
  const settle = () => undefined;
  return () => {
    // A queued run has not begun: it serves this caller too (also between the end of a run and
    // the start of the one queued behind it).
    if (next) return next;
    if (!current) return start();
    next = current.then(settle, settle).then(() => {
      next = undefined;
      return start();
    });
    return next;
  };
}
