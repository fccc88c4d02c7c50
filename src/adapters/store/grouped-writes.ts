// Writes that go out in groups (group commit): while one group is being written, the writes asked
// meanwhile gather and then leave together, in one statement, so a burst costs one round trip and
// one commit instead of one each. Nothing waits to gather when nothing is being written. A group
// that fails is written again one write at a time: one bad write does not take the others with it.

export interface GroupedWrites<W> {
  /** Resolves once `write` is in the database (its group, or on its own, committed). */
  write(write: W): Promise<void>;
  /** Resolves once every write asked before is written or has failed: a read after it sees them. */
  settled(): Promise<void>;
}

interface Waiting<W> {
  write: W;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function groupedWrites<W>(writeAll: (group: readonly W[]) => Promise<void>, writeOne: (write: W) => Promise<void>): GroupedWrites<W> {
  let waiting: Waiting<W>[] = [];
  let running: Promise<void> | undefined;
  /** The last write asked: groups, and the writes of a failed group, finish in the order asked. */
  let last: Promise<void> = Promise.resolve();

  const alone = (w: Waiting<W>) => writeOne(w.write).then(w.resolve, w.reject);
  const drain = async () => {
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      try {
        await writeAll(group.map((w) => w.write));
        for (const w of group) w.resolve();
      } catch (error) {
        if (group.length === 1) group[0]?.reject(error);
        else for (const w of group) await alone(w);
      }
    }
    running = undefined;
  };

  return {
    write(write) {
      const written = new Promise<void>((resolve, reject) => {
        waiting.push({ write, resolve, reject });
        running ??= drain();
      });
      last = written.catch(() => {});
      return written;
    },
    // The writes asked before, not those asked meanwhile: a steady stream of writes does not hold it up.
    settled: () => last,
  };
}
