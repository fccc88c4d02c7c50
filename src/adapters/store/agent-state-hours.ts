// The agents' state changes summed per closed UTC hour (migrations/0026_report_sums.sql):
// what lets stateMoves (reports-agents.ts) read a month in a few hundred thousand sums rather than
// millions of changes. The sums are computed from the event log when a report first needs the
// hour, in the report's transaction, and only for hours closed by `closedMarginMs`: the log's past
// does not change (events are appended with the instant of their transaction), so a sum equals
// what the changes it was read from would give, now and later.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

const hourMs = 3600_000;
/**
 * An hour is summed once it ended this long ago: far longer than any transaction that writes an
 * agent.state event stamped inside it stays open, and than the clocks of several Pacer processes
 * disagree.
 */
export const closedMarginMs = 10 * 60_000;

export const floorHour = (ms: number) => Math.floor(ms / hourMs) * hourMs;
export const ceilHour = (ms: number) => Math.ceil(ms / hourMs) * hourMs;

/** One (agent, bucket, state left, state entered) sum, as stateMoves reads both sources. */
export interface PairSum {
  agent_id: string;
  j: number;
  left_state: string;
  entered_state: string;
  at_sum: string;
  n: number;
}

/**
 * The hours of [from, to) that the sums can answer for a range cut at `bounds` (every cut inside
 * them on a whole hour; otherwise none, and the events are read instead), with `now` the clock.
 */
export function summable(bounds: readonly number[], now: number): { from: number; to: number } | null {
  const start = bounds[0] ?? now;
  const end = Math.min(bounds.at(-1) ?? now, now);
  const from = ceilHour(start);
  const to = Math.min(floorHour(end), floorHour(now - closedMarginMs));
  if (to <= from) return null;
  if (bounds.some((b) => b > from && b < to && b % hourMs !== 0)) return null;
  return { from, to };
}

/** Sums the hours [from, to) from the events. */
async function sumHours(db: Db, operationId: string, from: number, to: number): Promise<void> {
  if (to <= from) return;
  await sql`
    INSERT INTO agent_state_hours (operation_id, hour, agent_id, left_state, entered_state, at_sum, n)
    SELECT ${operationId}, h.hour, h.agent_id, h.left_state, h.entered_state, h.at_sum, h.n FROM (
      SELECT date_bin('1 hour', e.at, '2000-01-01T00:00:00Z'::timestamptz) AS hour, e.agent_id,
        e.data->>'from' AS left_state, e.data->>'to' AS entered_state,
        sum(round(date_part('epoch', e.at - date_bin('1 hour', e.at, '2000-01-01T00:00:00Z'::timestamptz)) * 1000)::bigint) AS at_sum,
        count(*)::int AS n
      FROM events e
      WHERE e.operation_id = ${operationId} AND e.type = 'agent.state' AND e.at >= ${new Date(from)} AND e.at < ${new Date(to)}
        AND e.agent_id IS NOT NULL
      GROUP BY 1, 2, 3, 4) h`.execute(db);
}

/**
 * Makes sure the hours [from, to) are summed: the operation's window grows (contiguously, at
 * either end) to cover them. Two reports growing it at once queue on its row.
 */
export async function ensureSummed(db: Db, operationId: string, from: number, to: number): Promise<void> {
  const { rows: [window] } = await sql<{ lo: Date; hi: Date }>`
    SELECT lo, hi FROM agent_state_rollup WHERE operation_id = ${operationId}`.execute(db);
  if (window && window.lo.getTime() <= from && window.hi.getTime() >= to) return;
  await sql`INSERT INTO agent_state_rollup (operation_id, lo, hi) VALUES (${operationId}, ${new Date(from)}, ${new Date(from)})
    ON CONFLICT (operation_id) DO NOTHING`.execute(db);
  const { rows: [locked] } = await sql<{ lo: Date; hi: Date }>`
    SELECT lo, hi FROM agent_state_rollup WHERE operation_id = ${operationId} FOR UPDATE`.execute(db);
  if (!locked) throw new Error(`the hourly sums of operation ${operationId} have no window`);
  let lo = locked.lo.getTime();
  let hi = locked.hi.getTime();
  if (lo === hi) lo = hi = from;
  const added = Math.max(0, lo - from) + Math.max(0, to - hi);
  if (from < lo) {
    await sumHours(db, operationId, from, lo);
    lo = from;
  }
  if (to > hi) {
    await sumHours(db, operationId, hi, to);
    hi = to;
  }
  // After a day or more summed at once (the first report over a long history), the planner learns
  // the table's new size now rather than at autovacuum's next pass: with the estimate of an empty
  // table it sorts a month's sums on disk instead of hashing them.
  if (added >= 24 * hourMs) await sql`ANALYZE agent_state_hours`.execute(db);
  await sql`UPDATE agent_state_rollup SET lo = ${new Date(lo)}, hi = ${new Date(hi)} WHERE operation_id = ${operationId}`.execute(db);
}

/**
 * Sums every closed hour of the operation not summed yet, from its first agent.state change (or
 * the window's start) up to the last closed hour: housekeeping does it each hour, so that a report
 * over a long range finds its hours summed instead of summing them itself.
 */
export async function sumClosedHours(db: Db, operationId: string, now: number): Promise<void> {
  const to = floorHour(now - closedMarginMs);
  const { rows: [window] } = await sql<{ lo: Date }>`SELECT lo FROM agent_state_rollup WHERE operation_id = ${operationId}`.execute(db);
  let from = window?.lo.getTime();
  if (from === undefined) {
    const { rows: [first] } = await sql<{ at: Date }>`
      SELECT e.at FROM events e WHERE e.operation_id = ${operationId} AND e.type = 'agent.state' ORDER BY e.at LIMIT 1`.execute(db);
    if (!first) return;
    from = floorHour(first.at.getTime());
  }
  if (to > from) await ensureSummed(db, operationId, from, to);
}

/** The sums of the hours [from, to), per agent, bucket and pair, the instants in ms from `start`. */
export async function hourSums(db: Db, operationId: string, bounds: RawBuilder<unknown>, start: number, from: number, to: number, agent: RawBuilder<unknown>): Promise<PairSum[]> {
  const { rows } = await sql<PairSum>`
    SELECT h.agent_id, width_bucket(h.hour, ${bounds}) AS j, h.left_state, h.entered_state,
      (sum(h.at_sum) + sum(h.n::bigint * round(date_part('epoch', h.hour - ${new Date(start)}::timestamptz) * 1000)::bigint))::text AS at_sum,
      sum(h.n)::int AS n
    FROM agent_state_hours h
    WHERE h.operation_id = ${operationId} AND h.hour >= ${new Date(from)} AND h.hour < ${new Date(to)} AND ${agent}
    GROUP BY 1, 2, 3, 4`.execute(db);
  return rows;
}
