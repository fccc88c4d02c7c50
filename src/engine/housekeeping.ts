// What a running Pacer does each hour so that the database neither grows with time alone nor
// makes the reports slow: idempotency keys older than a day are cleared (a client retries a create
// within seconds or minutes, not days; keeping every key forever would grow a table by every
// create ever made), and each operation's agent state changes of the hours just closed are summed
// (the sums the reports read a long range from; src/adapters/store/agent-state-hours.ts), so that
// no report has to sum a month itself. Several processes may do it at once: the second finds the
// hours summed.
import type { EngineDeps } from './deps.ts';
import { periodic, type Periodic } from './periodic.ts';

/** How long a retry with the same Idempotency-Key replays the first answer. */
export const idempotencyKeepMs = 24 * 3600_000;
const everyMs = 3600_000;

export function createHousekeeping(deps: Pick<EngineDeps, 'clock' | 'idempotency' | 'onError' | 'store' | 'reads'>): Periodic {
  return periodic(deps.clock, everyMs, async () => {
    await deps.idempotency.purge(deps.clock.now() - idempotencyKeepMs);
    for (let cursor: string | undefined, more = true; more;) {
      const page = await deps.reads.operations(cursor, 100);
      for (const operation of page.items) {
        await deps.store.transaction((tx) => tx.reports.sumClosedHours(operation.id, deps.clock.now()));
      }
      cursor = page.nextCursor ?? undefined;
      more = page.nextCursor !== null;
    }
  }, (e) => deps.onError(e, 'housekeeping'));
}
