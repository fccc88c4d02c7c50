// What a running Pacer clears away so that the database does not grow with time alone: idempotency
// keys older than a day (a client retries a create within seconds or minutes, not days; keeping
// every key forever would grow a table by every create ever made).
import type { EngineDeps } from './deps.ts';
import { periodic, type Periodic } from './periodic.ts';

/** How long a retry with the same Idempotency-Key replays the first answer. */
export const idempotencyKeepMs = 24 * 3600_000;
const everyMs = 3600_000;

export function createHousekeeping(deps: Pick<EngineDeps, 'clock' | 'idempotency' | 'onError'>): Periodic {
  return periodic(deps.clock, everyMs, async () => {
    await deps.idempotency.purge(deps.clock.now() - idempotencyKeepMs);
  }, (e) => deps.onError(e, 'housekeeping'));
}
