// A campaign's live figures, counted at each read: one statement each for its answers (index
// calls_campaign), its agents' time (events_agent_state, 0018) and its pending records
// (records_dialable, counted up to a cap). Every window of a read is answered by the same statement.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { CampaignStatsRepo } from '../../engine/ports/campaign-stats.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A call is answered at most this long after it was placed (ring timeouts are minutes at most): the
 * bound lets a window's answers be found on the index of placing times.
 */
const longestRingMs = 3600_000;

const iso = (ms: number) => new Date(ms).toISOString();

/** The windows' starts as a table `w(since, i)`, i from 1. */
const windows = (since: readonly number[]): RawBuilder<unknown> => sql`unnest(${since.map(iso)}::timestamptz[]) WITH ORDINALITY AS w(since, i)`;

/** One row per window, in order, whatever the statement found. */
function perWindow<R extends { i: string | number }, T>(since: readonly number[], rows: R[], read: (row: R | undefined) => T): T[] {
  return since.map((_, k) => read(rows.find((r) => Number(r.i) === k + 1)));
}

export function campaignStatsRepo(db: Db): CampaignStatsRepo {
  return {
    async answers(operationId, campaignId, since, nowMs) {
      if (since.length === 0) return [];
      const earliest = Math.min(...since);
      const now = new Date(nowMs);
      const { rows } = await sql<{ i: string; answered: number; abandoned: number }>`
        WITH live AS (
          SELECT answered_at, result FROM calls
          WHERE operation_id = ${operationId} AND campaign_id = ${campaignId} AND campaign_id IS NOT NULL
            AND placed_at >= ${new Date(earliest - longestRingMs)} AND placed_at <= ${now}
            AND origin = 'campaign' AND parent_call_id IS NULL
            AND answered_at >= ${new Date(earliest)} AND answered_at <= ${now}
            AND result IS DISTINCT FROM 'answer-machine')
        SELECT w.i, count(l.answered_at)::int AS answered, count(*) FILTER (WHERE l.result = 'abandon')::int AS abandoned
        FROM ${windows(since)} LEFT JOIN live l ON l.answered_at >= w.since
        GROUP BY w.i`.execute(db);
      return perWindow(since, rows, (r) => ({ answered: r?.answered ?? 0, abandoned: r?.abandoned ?? 0 }));
    },

    async agentTime(operationId, skillId, since, nowMs, states) {
      if (since.length === 0) return [];
      const earliest = new Date(Math.min(...since));
      const now = new Date(nowMs);
      const pool = skillId === null
        ? sql`SELECT id FROM agents WHERE operation_id = ${operationId}`
        : sql`SELECT agent_id AS id FROM agent_skills WHERE operation_id = ${operationId} AND skill_id = ${skillId}`;
      const busy = sql`${[...states.busy]}::text[]`;
      const staffed = sql`${[...states.staffed]}::text[]`;
      // No sorting and no pairing of changes: every change names the state it left (`from`) and
      // the one it entered (`to`), and an agent's changes chain (each `from` is the previous
      // `to`, its row lock orders them). So an agent's time in a set of states since `s` is the
      // sum over its changes after `s` of (at - s) where it left the set, minus the same where it
      // entered it, plus (now - s) when its state now is in the set. Times are seconds from the
      // window's start (small, so their sums in double precision stay exact to the millisecond).
      const { rows } = await sql<{ i: string; busy_ms: number; staffed_ms: number }>`
        WITH w AS (SELECT since, i FROM ${windows(since)}),
        pool AS (${pool}),
        moves AS (
          SELECT w.i, e.data->>'from' AS left_state, e.data->>'to' AS entered, date_part('epoch', e.at - w.since) AS s
          FROM w JOIN events e ON e.operation_id = ${operationId} AND e.type = 'agent.state' AND e.at > w.since
            -- The bounds of the index range (the join's own bound does not narrow it).
            AND e.at > ${earliest} AND e.at <= ${now}
          WHERE e.agent_id IN (SELECT id FROM pool)),
        changes AS (
          SELECT i,
            sum(CASE WHEN left_state = ANY(${busy}) THEN s ELSE 0 END) - sum(CASE WHEN entered = ANY(${busy}) THEN s ELSE 0 END) AS busy,
            sum(CASE WHEN left_state = ANY(${staffed}) THEN s ELSE 0 END) - sum(CASE WHEN entered = ANY(${staffed}) THEN s ELSE 0 END) AS staffed
          FROM moves GROUP BY i),
        states_now AS (
          SELECT w.i,
            count(*) FILTER (WHERE a.state = ANY(${busy})) * date_part('epoch', ${now}::timestamptz - w.since) AS busy,
            count(*) FILTER (WHERE a.state = ANY(${staffed})) * date_part('epoch', ${now}::timestamptz - w.since) AS staffed
          FROM w JOIN agents a ON a.operation_id = ${operationId} AND a.id IN (SELECT id FROM pool)
          GROUP BY w.i, w.since)
        SELECT w.i, ((coalesce(c.busy, 0) + coalesce(n.busy, 0)) * 1000)::float8 AS busy_ms,
          ((coalesce(c.staffed, 0) + coalesce(n.staffed, 0)) * 1000)::float8 AS staffed_ms
        FROM w LEFT JOIN changes c ON c.i = w.i LEFT JOIN states_now n ON n.i = w.i`.execute(db);
      return perWindow(since, rows, (r) => ({ busyMs: Math.max(0, Math.round(Number(r?.busy_ms ?? 0))), staffedMs: Math.max(0, Math.round(Number(r?.staffed_ms ?? 0))) }));
    },

    async records(operationId, campaignId, nowMs, cap) {
      const now = new Date(nowMs);
      // Three ranges of records_dialable per zone (retries due, never tried, retries later), each
      // read up to `cap` entries.
      const range = (which: RawBuilder<unknown>) => sql`(SELECT count(*)::int FROM (SELECT 1 FROM records r
        WHERE r.operation_id = ${operationId} AND r.campaign_id = ${campaignId} AND r.time_zone = z.time_zone AND r.status = 'fresh'
          AND ${which} LIMIT ${cap}) x)`;
      const { rows } = await sql<{ time_zone: string; retries: number; fresh: number; later: number }>`
        SELECT z.time_zone, ${range(sql`r.next_attempt_at <= ${now}`)} AS retries, ${range(sql`r.next_attempt_at IS NULL`)} AS fresh,
          ${range(sql`r.next_attempt_at > ${now}`)} AS later
        FROM campaign_zones z WHERE z.operation_id = ${operationId} AND z.campaign_id = ${campaignId}
        ORDER BY z.time_zone`.execute(db);
      return rows.map((r) => ({
        timeZone: r.time_zone, pending: r.retries + r.fresh + r.later, due: r.retries + r.fresh,
        capped: r.retries >= cap || r.fresh >= cap || r.later >= cap,
      }));
    },
  };
}
