// The calls' side of the reports: calls placed in a range (calls_placed, 0023) with their agent,
// campaign, skill, codes and who ended them (the `by` of their call.ended event,
// events_call_ended); the dialer's attempts and the records they tried, counted; open recalls; the
// campaigns' and skills' figures of the real-time reports.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CallEnder, CallOrigin, CallResult } from '../../domain/call-state.ts';
import type { CallQuery, ReportRepo } from '../../engine/ports/reports.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

const ms = (d: Date | null) => (d === null ? null : d.getTime());
const campaignIs = (campaignId: string | null) => (campaignId === null ? sql`c.campaign_id IS NOT NULL` : sql`c.campaign_id = ${campaignId}`);
/** A call is answered at most this long after it was placed (campaign-stats.ts says why). */
const longestRingMs = 3600_000;

interface CallRow {
  id: string; agent_id: string | null; agent_name: string | null; campaign_id: string | null; skill_id: number | null; skill_name: string | null;
  customer_id: string | null; customer_name: string | null; phone: string; origin: CallOrigin; parent_call_id: string | null; result: CallResult | null;
  placed_at: Date; answered_at: Date | null; connected_at: Date | null; ended_at: Date | null; cod_act: string | null; cod_act_name: string | null;
  cod_act_2: string | null; cod_act_2_name: string | null; comments: string | null; ended_by: CallEnder | null; campaign_type: string | null;
  record: Record<string, string> | null;
}

/** The calls of a query (on calls_placed): placed in the range, and the query's filters. */
function callsWhere(operationId: string, q: CallQuery) {
  const connected = q.connected === undefined ? sql`true` : q.connected ? sql`c.connected_at IS NOT NULL` : sql`c.connected_at IS NULL`;
  return sql`c.operation_id = ${operationId} AND c.placed_at >= ${new Date(q.from)} AND c.placed_at < ${new Date(q.to)} AND ${connected}
    AND ${q.agentId === undefined ? sql`true` : sql`c.agent_id = ${q.agentId}`}
    AND ${q.campaignId === undefined ? sql`true` : sql`c.campaign_id = ${q.campaignId}`}
    AND ${q.attemptsOnly ? sql`c.origin = 'campaign' AND c.parent_call_id IS NULL` : sql`true`}`;
}

export function callReports(db: Db): Pick<ReportRepo, 'calls' | 'countCalls' | 'attemptResults' | 'campaignHits' | 'unconnectedResults' | 'recordOutcomes' | 'previews' | 'openRecalls' | 'campaigns' | 'skills'> {
  return {
    async countCalls(operationId, q) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM calls c WHERE ${callsWhere(operationId, q)} LIMIT ${q.limit}) x`.execute(db);
      return rows[0]?.n ?? 0;
    },

    async calls(operationId, q) {
      const { rows } = await sql<CallRow>`
        SELECT c.id, c.agent_id, a.name AS agent_name, c.campaign_id::text AS campaign_id, k.skill_id, s.name AS skill_name, c.customer_id, c.customer_name,
          c.phone, c.origin, c.parent_call_id, c.result, c.placed_at, c.answered_at, c.connected_at, c.ended_at, c.cod_act, c1.name AS cod_act_name,
          c.cod_act_2, c2.name AS cod_act_2_name, c.comments, k.type AS campaign_type, r.data AS record,
          (SELECT e.data->>'by' FROM events e WHERE e.call_id = c.id AND e.type = 'call.ended' LIMIT 1) AS ended_by
        FROM calls c
          LEFT JOIN agents a ON a.operation_id = c.operation_id AND a.id = c.agent_id
          LEFT JOIN campaigns k ON k.operation_id = c.operation_id AND k.id = c.campaign_id
          LEFT JOIN skills s ON s.operation_id = c.operation_id AND s.id = k.skill_id
          LEFT JOIN activity_codes c1 ON c1.operation_id = c.operation_id AND c1.grp = 1 AND c1.code = c.cod_act
          LEFT JOIN activity_codes c2 ON c2.operation_id = c.operation_id AND c2.grp = 2 AND c2.code = c.cod_act_2
          LEFT JOIN records r ON r.operation_id = c.operation_id AND r.campaign_id = c.campaign_id AND r.customer_id = c.customer_id
        WHERE ${callsWhere(operationId, q)}
        ORDER BY c.placed_at, c.id LIMIT ${q.limit}`.execute(db);
      return rows.map((r) => ({
        id: r.id, agentId: r.agent_id, agentName: r.agent_name, campaignId: r.campaign_id, skillId: r.skill_id, skillName: r.skill_name,
        customerId: r.customer_id, customerName: r.customer_name, phone: r.phone, origin: r.origin, parentCallId: r.parent_call_id, result: r.result,
        placedAt: r.placed_at.getTime(), answeredAt: ms(r.answered_at), connectedAt: ms(r.connected_at), endedAt: ms(r.ended_at),
        codAct: r.cod_act, codActName: r.cod_act_name, codAct2: r.cod_act_2, codAct2Name: r.cod_act_2_name, comments: r.comments,
        endedBy: r.ended_by, campaignType: r.campaign_type, record: r.record,
      }));
    },

    async attemptResults(operationId, campaignId, from, to) {
      const { rows } = await sql<{ key: string | null; count: number }>`
        SELECT c.result AS key, count(*)::int AS count FROM calls c
        WHERE c.operation_id = ${operationId} AND ${campaignIs(campaignId)} AND c.placed_at >= ${new Date(from)} AND c.placed_at < ${new Date(to)}
          AND c.origin = 'campaign' AND c.parent_call_id IS NULL
        GROUP BY 1 ORDER BY 2 DESC, 1`.execute(db);
      return rows;
    },

    async campaignHits(operationId, campaignId, from, to) {
      // From calls_coded (0026): only the calls given a code.
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM calls c
          LEFT JOIN activity_codes c1 ON c1.operation_id = c.operation_id AND c1.grp = 1 AND c1.code = c.cod_act
          LEFT JOIN activity_codes c2 ON c2.operation_id = c.operation_id AND c2.grp = 2 AND c2.code = c.cod_act_2
        WHERE c.operation_id = ${operationId} AND c.placed_at >= ${new Date(from)} AND c.placed_at < ${new Date(to)}
          AND (c.cod_act IS NOT NULL OR c.cod_act_2 IS NOT NULL) AND c.campaign_id = ${campaignId}
          AND ('hit' = ANY(c1.flags) OR 'hit' = ANY(c2.flags))`.execute(db);
      return rows[0]?.n ?? 0;
    },

    async unconnectedResults(operationId, from, to) {
      const { rows } = await sql<{ key: string | null; count: number }>`
        SELECT c.result AS key, count(*)::int AS count FROM calls c
        WHERE c.operation_id = ${operationId} AND c.placed_at >= ${new Date(from)} AND c.placed_at < ${new Date(to)} AND c.connected_at IS NULL
        GROUP BY 1 ORDER BY 2 DESC, 1`.execute(db);
      return rows;
    },

    async recordOutcomes(operationId, campaignId, from, to, by) {
      // The last attempt of each record in the range (calls_record walks each record's calls in order).
      const key = by === 'result' ? sql`result` : sql`cod_act`;
      const { rows } = await sql<{ key: string | null; count: number }>`
        SELECT ${key} AS key, count(*)::int AS count FROM (
          SELECT DISTINCT ON (c.campaign_id, c.customer_id) c.result, c.cod_act FROM calls c
          WHERE c.operation_id = ${operationId} AND ${campaignIs(campaignId)} AND c.placed_at >= ${new Date(from)} AND c.placed_at < ${new Date(to)}
            AND c.origin = 'campaign' AND c.parent_call_id IS NULL AND c.customer_id IS NOT NULL
          ORDER BY c.campaign_id, c.customer_id, c.placed_at DESC, c.id DESC) last
        GROUP BY 1 ORDER BY 2 DESC, 1`.execute(db);
      return rows;
    },

    async previews(operationId, campaignId, from, to, limit) {
      const { rows } = await sql<{ at: Date; agent_id: string | null; campaign_id: string; customer_id: string; record: Record<string, string> | null }>`
        SELECT e.at, e.agent_id, e.campaign_id::text AS campaign_id, e.data->>'customer_id' AS customer_id, r.data AS record
        FROM events e LEFT JOIN records r ON r.operation_id = e.operation_id AND r.campaign_id = e.campaign_id AND r.customer_id = e.data->>'customer_id'
        WHERE e.operation_id = ${operationId} AND e.type = 'record.previewed' AND e.at >= ${new Date(from)} AND e.at < ${new Date(to)}
          AND ${campaignId === null ? sql`true` : sql`e.campaign_id = ${campaignId}`}
        ORDER BY e.at, e.id LIMIT ${limit}`.execute(db);
      return rows.map((r) => ({ at: r.at.getTime(), agentId: r.agent_id, campaignId: r.campaign_id, customerId: r.customer_id, record: r.record }));
    },

    async openRecalls(operationId, type) {
      const rows = await db.selectFrom('callbacks').select(['type_recall', 'due_at', 'phone', 'campaign_id', 'agent_id'])
        .where('operation_id', '=', operationId).where('status', 'in', ['pending', 'waiting'])
        .$if(type !== undefined, (q) => q.where('type_recall', '=', type ?? ''))
        .orderBy('due_at').orderBy('id').execute();
      return rows.map((r) => ({
        type: r.type_recall as 'auto' | 'manual', dueAt: r.due_at.getTime(), phone: r.phone,
        campaignId: r.campaign_id === null ? null : String(r.campaign_id), agentId: r.agent_id,
      }));
    },

    async campaigns(operationId) {
      const { rows } = await sql<{ id: string; name: string; type: string; status: string; speed: number; skill_id: number | null; records: number; untried: number }>`
        SELECT k.id::text AS id, k.name, k.type, k.status, k.speed, k.skill_id,
          (SELECT count(*)::int FROM records r WHERE r.operation_id = k.operation_id AND r.campaign_id = k.id) AS records,
          (SELECT count(*)::int FROM records r WHERE r.operation_id = k.operation_id AND r.campaign_id = k.id AND r.status = 'fresh' AND r.attempts = 0) AS untried
        FROM campaigns k WHERE k.operation_id = ${operationId} ORDER BY k.id`.execute(db);
      return rows.map((r) => ({ id: r.id, name: r.name, type: r.type, status: r.status, speed: r.speed, skillId: r.skill_id, records: r.records, untried: r.untried }));
    },

    async skills(operationId, from, now, serviceSeconds) {
      const within = serviceSeconds.map((s) => sql`count(*) FILTER (WHERE c.connected_at IS NOT NULL AND c.connected_at - c.answered_at <= ${`${s} seconds`}::interval)::int`);
      const { rows } = await sql<{ id: number; name: string; waiting: number; answered: number; connected: number; abandoned: number; within: number[] }>`
        SELECT s.id, s.name,
          (SELECT count(*)::int FROM calls w JOIN campaigns wk ON wk.operation_id = w.operation_id AND wk.id = w.campaign_id
            WHERE w.operation_id = s.operation_id AND w.state = 'waiting' AND wk.skill_id = s.id) AS waiting,
          coalesce(t.answered, 0) AS answered, coalesce(t.connected, 0) AS connected, coalesce(t.abandoned, 0) AS abandoned,
          coalesce(t.within, ${serviceSeconds.map(() => 0)}::int[]) AS within
        FROM skills s LEFT JOIN LATERAL (
          SELECT count(*)::int AS answered, count(*) FILTER (WHERE c.connected_at IS NOT NULL)::int AS connected,
            count(*) FILTER (WHERE c.result = 'abandon')::int AS abandoned,
            ARRAY[${serviceSeconds.length === 0 ? sql`NULL::int` : sql.join(within)}]::int[] AS within
          FROM calls c JOIN campaigns k ON k.operation_id = c.operation_id AND k.id = c.campaign_id
          WHERE c.operation_id = s.operation_id AND k.skill_id = s.id AND c.origin = 'campaign' AND c.parent_call_id IS NULL
            AND c.placed_at >= ${new Date(from - longestRingMs)} AND c.answered_at >= ${new Date(from)} AND c.answered_at <= ${new Date(now)}
            AND c.result IS DISTINCT FROM 'answer-machine') t ON true
        WHERE s.operation_id = ${operationId} ORDER BY s.id`.execute(db);
      return rows.map((r) => ({ ...r, within: serviceSeconds.map((_, i) => r.within[i] ?? 0) }));
    },
  };
}
