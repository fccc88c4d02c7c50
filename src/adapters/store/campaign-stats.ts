// A campaign's live figures, counted at each read: one statement each for its answers (index
// calls_campaign), its agents' time (events_agent_state, 0019), its calls by result and its
// pending records (records_dialable, counted up to a cap). However many windows a read asks for
// (two for the live figures, one per bucket for a day's series), each statement reads its rows
// once: the rows are summed per segment between the windows' starts, and a window is the sum of
// the segments after its start.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { CallResult } from '../../domain/call-state.ts';
import type { CampaignStatsRepo } from '../../engine/ports/campaign-stats.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A call is answered at most this long after it was placed (ring timeouts are minutes at most): the
 * bound lets a window's answers be found on the index of placing times.
 */
const longestRingMs = 3600_000;

/**
 * The windows' starts sorted without repeats: the lower bounds of the segments that `width_bucket`
 * numbers from 1 (segment j is [bounds[j-1], bounds[j]), the last one up to now).
 */
function segmentsOf(since: readonly number[]): { bounds: number[]; first: (k: number) => number } {
  const bounds = [...new Set(since)].sort((a, b) => a - b);
  return { bounds, first: (k) => bounds.indexOf(since[k] ?? Number.NaN) + 1 };
}

/** `width_bucket(at, bounds)`: the segment an instant falls in. */
const segment = (at: RawBuilder<unknown>, bounds: readonly number[]) => sql`width_bucket(${at}, ${bounds.map((ms) => new Date(ms).toISOString())}::timestamptz[])`;

/** Rows per segment `j`; for window k, the sum of `value` over the segments from its start on. */
function fromStart<R extends { j: string | number | null }>(since: readonly number[], rows: readonly R[], value: (row: R) => number): number[] {
  const { first } = segmentsOf(since);
  return since.map((_, k) => rows.reduce((sum, r) => sum + (Number(r.j) >= first(k) ? value(r) : 0), 0));
}

export function campaignStatsRepo(db: Db): CampaignStatsRepo {
  return {
    async answers(operationId, campaignId, since, nowMs) {
      if (since.length === 0) return [];
      const { bounds } = segmentsOf(since);
      const earliest = bounds[0] ?? nowMs;
      const now = new Date(nowMs);
      const { rows } = await sql<{ j: number; answered: number; abandoned: number }>`
        SELECT ${segment(sql.ref('answered_at'), bounds)} AS j, count(*)::int AS answered, count(*) FILTER (WHERE result = 'abandon')::int AS abandoned
        FROM calls
        WHERE operation_id = ${operationId} AND campaign_id = ${campaignId} AND campaign_id IS NOT NULL
          AND placed_at >= ${new Date(earliest - longestRingMs)} AND placed_at <= ${now}
          AND origin = 'campaign' AND parent_call_id IS NULL
          AND answered_at >= ${new Date(earliest)} AND answered_at <= ${now}
          AND result IS DISTINCT FROM 'answer-machine'
        GROUP BY 1`.execute(db);
      const answered = fromStart(since, rows, (r) => r.answered);
      const abandoned = fromStart(since, rows, (r) => r.abandoned);
      return since.map((_, k) => ({ answered: answered[k] ?? 0, abandoned: abandoned[k] ?? 0 }));
    },

    async agentTime(operationId, skillId, since, nowMs, states) {
      if (since.length === 0) return [];
      const { bounds } = segmentsOf(since);
      const origin = bounds[0] ?? nowMs;
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
      // entered it, plus (now - s) when its state now is in the set. Summed per segment as
      // Σ ±at and Σ ±1 (a window then takes Σ ±at - s·Σ ±1 over its segments), in whole
      // milliseconds from the earliest start: integers, exact however many changes a day holds.
      const sign = (set: RawBuilder<unknown>) => sql`(CASE WHEN e.data->>'from' = ANY(${set}) THEN 1 ELSE 0 END - CASE WHEN e.data->>'to' = ANY(${set}) THEN 1 ELSE 0 END)`;
      const { rows } = await sql<{ j: number | null; busy_at: string | null; busy_n: string | null; staffed_at: string | null; staffed_n: string | null; busy_now: number; staffed_now: number }>`
        WITH pool AS (${pool}),
        moves AS (
          SELECT ${segment(sql.ref('e.at'), bounds)} AS j, ${sign(busy)} AS busy, ${sign(staffed)} AS staffed,
            round(date_part('epoch', e.at - ${new Date(origin)}::timestamptz) * 1000)::bigint AS ms
          FROM events e
          WHERE e.operation_id = ${operationId} AND e.type = 'agent.state' AND e.at > ${new Date(origin)} AND e.at <= ${now}
            AND e.agent_id IN (SELECT id FROM pool)),
        segments AS (
          SELECT j, sum(busy * ms)::text AS busy_at, sum(busy)::text AS busy_n, sum(staffed * ms)::text AS staffed_at, sum(staffed)::text AS staffed_n
          FROM moves WHERE busy <> 0 OR staffed <> 0 GROUP BY j),
        states_now AS (
          SELECT count(*) FILTER (WHERE a.state = ANY(${busy}))::int AS busy_now, count(*) FILTER (WHERE a.state = ANY(${staffed}))::int AS staffed_now
          FROM agents a WHERE a.operation_id = ${operationId} AND a.id IN (SELECT id FROM pool))
        SELECT s.*, n.busy_now, n.staffed_now FROM states_now n LEFT JOIN segments s ON true`.execute(db);
      const inNow = rows[0] ?? { busy_now: 0, staffed_now: 0 };
      const timeIn = (at: (r: (typeof rows)[number]) => string | null, n: (r: (typeof rows)[number]) => string | null, agentsNow: number) => {
        const sumAt = fromStart(since, rows, (r) => Number(at(r) ?? 0));
        const sumN = fromStart(since, rows, (r) => Number(n(r) ?? 0));
        return since.map((s, k) => Math.max(0, (sumAt[k] ?? 0) - (s - origin) * (sumN[k] ?? 0) + agentsNow * (nowMs - s)));
      };
      const busyMs = timeIn((r) => r.busy_at, (r) => r.busy_n, inNow.busy_now);
      const staffedMs = timeIn((r) => r.staffed_at, (r) => r.staffed_n, inNow.staffed_now);
      return since.map((_, k) => ({ busyMs: busyMs[k] ?? 0, staffedMs: staffedMs[k] ?? 0 }));
    },

    async results(operationId, campaignId, since, nowMs) {
      const { rows } = await sql<{ result: CallResult | null; calls: number }>`
        SELECT result, count(*)::int AS calls FROM calls
        WHERE operation_id = ${operationId} AND campaign_id = ${campaignId} AND campaign_id IS NOT NULL
          AND placed_at >= ${new Date(since)} AND placed_at <= ${new Date(nowMs)}
          AND origin = 'campaign' AND parent_call_id IS NULL
        GROUP BY result`.execute(db);
      return rows.map((r) => ({ result: r.result, calls: r.calls }));
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
