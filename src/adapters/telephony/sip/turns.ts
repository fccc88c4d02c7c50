// One at a turn of the event loop: a dialer batch asks for a hundred customer legs at once, and
// starting them all in the same turn would build and send a hundred INVITEs before the loop reads
// a single datagram (the answers and ACKs of calls already up wait behind them). Each waiter here
// goes in a turn of its own, after the loop has polled for I/O.

/** Returns a function whose promise resolves in a later turn than any other waiter's. */
export function oneAtATurn(): () => Promise<void> {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  const next = () => {
    scheduled = false;
    waiting.shift()?.();
    // Scheduled from inside the check phase, it runs in the next turn, after the poll for I/O.
    if (waiting.length > 0) schedule();
  };
  const schedule = () => {
    scheduled = true;
    setImmediate(next);
  };
  return () => new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!scheduled) schedule();
  });
}
