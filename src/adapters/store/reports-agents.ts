// The agents' side of the reports: time in each state and the stretches of it, read from the
// agent.state events (each names the state it left and the one it entered), and logins. An
// agent's state when a range starts is the `to` of its last change before it (one step down
// events_agent_state_by_agent per agent); its changes in the range come from events_agent_state.
// A state still held runs up to the range's end, or up to now when the range reaches past now.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { AgentState } from '../../domain/agent-state.ts';
import type { CallOrigin } from '../../domain/call-state.ts';
import type { Buckets, ReportRepo, StateMoves } from '../../engine/ports/reports.ts';
import { ensureSummed, hourSums, sumClosedHours, summable, type PairSum } from './agent-state-hours.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

const instants = (bounds: readonly number[]) => sql`${bounds.map((ms) => new Date(ms).toISOString())}::timestamptz[]`;
const one = (agentId: string | undefined, column: RawBuilder<unknown>) => (agentId === undefined ? sql`true` : sql`${column} = ${agentId}`);

/**
 * Every stretch of every agent (or the one) in a state, clipped to [start, stop): `s`, `e` its
 * clipped start and end, `call_id` its call (in acw, the call it wraps up: the one before).
 */
function spansOf(operationId: string, b: Buckets, agentId: string | undefined): RawBuilder<unknown> {
  const start = new Date(b.bounds[0] ?? b.now);
  const end = b.bounds.at(-1) ?? b.now;
  const stop = new Date(Math.min(end, b.now));
  return sql`
    heads AS (
      SELECT a.id AS agent_id, ${start}::timestamptz AS at, 0::bigint AS id, h.state, h.call_id
      FROM agents a CROSS JOIN LATERAL (
        SELECT e.data->>'to' AS state, e.call_id FROM events e
        WHERE e.operation_id = ${operationId} AND e.type = 'agent.state' AND e.agent_id = a.id AND e.at < ${start}
        ORDER BY e.at DESC, e.id DESC LIMIT 1) h
      WHERE a.operation_id = ${operationId} AND ${one(agentId, sql.ref('a.id'))}),
    changes AS (
      SELECT e.agent_id, e.at, e.id, e.data->>'to' AS state, e.call_id FROM events e
      WHERE e.operation_id = ${operationId} AND e.type = 'agent.state' AND e.at >= ${start} AND e.at < ${stop}
        AND ${one(agentId, sql.ref('e.agent_id'))}),
    chained AS (
      SELECT agent_id, state, at AS s,
        coalesce(lead(at) OVER w, ${stop}::timestamptz) AS e,
        CASE WHEN state = 'acw' THEN coalesce(call_id, lag(call_id) OVER w) ELSE call_id END AS call_id
      FROM (SELECT * FROM heads UNION ALL SELECT * FROM changes) x
      WINDOW w AS (PARTITION BY agent_id ORDER BY at, id)),
    spans AS (SELECT agent_id, state, s, e, call_id FROM chained WHERE state <> 'logout' AND e > s)`;
}

export function agentReports(db: Db): Pick<ReportRepo, 'agents' | 'auxStates' | 'statesAt' | 'stateMoves' | 'sumClosedHours' | 'agentDispositions' | 'countChanges' | 'agentCalls' | 'spans' | 'loginChanges' | 'lastLogins' | 'lines'> {
  return {
    async agents(operationId, agentId) {
      const { rows } = await sql<{ id: string; name: string; dni: string; state: AgentState; aux_id: number | null; state_since: Date }>`
        SELECT id, name, dni, state, aux_id, state_since FROM agents WHERE operation_id = ${operationId} AND ${one(agentId, sql.ref('id'))} ORDER BY id`.execute(db);
      return rows.map((r) => ({ id: r.id, name: r.name, dni: r.dni, state: r.state, auxId: r.aux_id, stateSince: r.state_since.getTime() }));
    },

    async auxStates(operationId) {
      return db.selectFrom('aux_states').select(['id', 'name']).where('operation_id', '=', operationId).orderBy('id').execute();
    },

    async statesAt(operationId, at, agentId) {
      const { rows } = await sql<{ id: string; state: string }>`
        SELECT a.id, h.state FROM agents a CROSS JOIN LATERAL (
          SELECT e.data->>'to' AS state FROM events e
          WHERE e.operation_id = ${operationId} AND e.type = 'agent.state' AND e.agent_id = a.id AND e.at < ${new Date(at)}
          ORDER BY e.at DESC, e.id DESC LIMIT 1) h
        WHERE a.operation_id = ${operationId} AND ${one(agentId, sql.ref('a.id'))}`.execute(db);
      return new Map(rows.map((r) => [r.id, r.state]));
    },

    async stateMoves(operationId, b, agentId) {
      // One pass over the range's changes, no sort by time: the changes are summed per agent,
      // bucket and (state left, state entered) — a handful of pairs — and each pair then counts for
      // the state it left (+ the instants, − their number) and the one it entered (− the instants,
      // + their number), in whole milliseconds from the range's start (integers: exact however many
      // changes a month holds).
      // The closed whole hours of the range are read from their sums (agent-state-hours.ts), the
      // rest (its ragged ends, the hour still open) from the changes themselves.
      const startMs = b.bounds[0] ?? b.now;
      const stopMs = Math.min(b.bounds.at(-1) ?? b.now, b.now + 1);
      const hours = summable(b.bounds, b.now);
      const changesIn = async (from: number, to: number) => {
        if (to <= from) return [];
        const { rows } = await sql<PairSum>`
          SELECT e.agent_id, width_bucket(e.at, ${instants(b.bounds)}) AS j, e.data->>'from' AS left_state, e.data->>'to' AS entered_state,
            sum(round(date_part('epoch', e.at - ${new Date(startMs)}::timestamptz) * 1000)::bigint)::text AS at_sum, count(*)::int AS n
          FROM events e
          WHERE e.operation_id = ${operationId} AND e.type = 'agent.state' AND e.at >= ${new Date(from)} AND e.at < ${new Date(to)}
            AND ${one(agentId, sql.ref('e.agent_id'))}
          GROUP BY 1, 2, 3, 4`.execute(db);
        return rows;
      };
      let rows: PairSum[];
      if (hours === null) rows = await changesIn(startMs, stopMs);
      else {
        await ensureSummed(db, operationId, hours.from, hours.to);
        rows = [
          ...await changesIn(startMs, hours.from),
          ...await hourSums(db, operationId, instants(b.bounds), startMs, hours.from, hours.to, one(agentId, sql.ref('h.agent_id'))),
          ...await changesIn(hours.to, stopMs),
        ];
      }
      const sums = new Map<string, StateMoves>();
      const add = (agent: string, bucket: number, state: string, atSum: number, entered: number) => {
        const key = `${agent}\u0000${bucket}\u0000${state}`;
        const m = sums.get(key);
        if (m) {
          m.atSum += atSum;
          m.entered += entered;
        } else sums.set(key, { agentId: agent, bucket, state, atSum, entered });
      };
      for (const r of rows) {
        const at = Number(r.at_sum);
        add(r.agent_id, r.j - 1, r.left_state, at, -r.n);
        add(r.agent_id, r.j - 1, r.entered_state, -at, r.n);
      }
      return [...sums.values()];
    },

    async agentCalls(operationId, b, agentId) {
      const start = new Date(b.bounds[0] ?? b.now);
      const end = new Date(b.bounds.at(-1) ?? b.now);
      const { rows } = await sql<{ agent_id: string; j: number; origin: CallOrigin; calls: number }>`
        SELECT agent_id, width_bucket(placed_at, ${instants(b.bounds)}) AS j, origin, count(*)::int AS calls FROM calls
        WHERE operation_id = ${operationId} AND placed_at >= ${start} AND placed_at < ${end} AND agent_id IS NOT NULL
          AND connected_at IS NOT NULL AND ${one(agentId, sql.ref('agent_id'))}
        GROUP BY 1, 2, 3`.execute(db);
      return rows.map((r) => ({ agentId: r.agent_id, bucket: r.j - 1, origin: r.origin, calls: r.calls }));
    },

    async sumClosedHours(operationId, now) {
      await sumClosedHours(db, operationId, now);
    },

    async agentDispositions(operationId, b, agentId) {
      // From calls_coded (0026): only the calls given a code, however many calls the range holds.
      const start = new Date(b.bounds[0] ?? b.now);
      const end = new Date(b.bounds.at(-1) ?? b.now);
      const { rows } = await sql<{ agent_id: string; j: number; hits: number; rpc: number }>`
        SELECT c.agent_id, width_bucket(c.placed_at, ${instants(b.bounds)}) AS j,
          count(*) FILTER (WHERE 'hit' = ANY(c1.flags) OR 'hit' = ANY(c2.flags))::int AS hits,
          count(*) FILTER (WHERE 'rpc' = ANY(c1.flags) OR 'rpc' = ANY(c2.flags))::int AS rpc
        FROM calls c
          LEFT JOIN activity_codes c1 ON c1.operation_id = c.operation_id AND c1.grp = 1 AND c1.code = c.cod_act
          LEFT JOIN activity_codes c2 ON c2.operation_id = c.operation_id AND c2.grp = 2 AND c2.code = c.cod_act_2
        WHERE c.operation_id = ${operationId} AND c.placed_at >= ${start} AND c.placed_at < ${end}
          AND (c.cod_act IS NOT NULL OR c.cod_act_2 IS NOT NULL) AND c.agent_id IS NOT NULL AND ${one(agentId, sql.ref('c.agent_id'))}
        GROUP BY 1, 2`.execute(db);
      return rows.filter((r) => r.hits > 0 || r.rpc > 0).map((r) => ({ agentId: r.agent_id, bucket: r.j - 1, hits: r.hits, rpc: r.rpc }));
    },

    async countChanges(operationId, from, to, limit, agentId) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM events e
        WHERE e.operation_id = ${operationId} AND e.type = 'agent.state' AND e.at >= ${new Date(from)} AND e.at < ${new Date(to)}
          AND e.data->>'to' <> 'logout' AND ${one(agentId, sql.ref('e.agent_id'))} LIMIT ${limit}) x`.execute(db);
      return rows[0]?.n ?? 0;
    },

    async spans(operationId, b, limit, agentId) {
      const { rows } = await sql<{ agent_id: string; state: string; s: Date; e: Date; call_id: string | null; phone: string | null; campaign_id: string | null; origin: CallOrigin | null; campaign_type: string | null }>`
        WITH ${spansOf(operationId, b, agentId)}
        SELECT sp.agent_id, sp.state, sp.s, sp.e, sp.call_id, c.phone, c.campaign_id::text AS campaign_id, c.origin, k.type AS campaign_type
        FROM spans sp LEFT JOIN calls c ON c.id = sp.call_id
          LEFT JOIN campaigns k ON k.operation_id = c.operation_id AND k.id = c.campaign_id
        ORDER BY sp.s, sp.agent_id LIMIT ${limit}`.execute(db);
      return rows.map((r) => ({
        agentId: r.agent_id, state: r.state, from: r.s.getTime(), to: r.e.getTime(), callId: r.call_id, phone: r.phone,
        campaignId: r.campaign_id, origin: r.origin, campaignType: r.campaign_type,
      }));
    },

    async loginChanges(operationId, from, to, agentId) {
      const start = new Date(from);
      const { rows: heads } = await sql<{ id: string }>`
        SELECT a.id FROM agents a CROSS JOIN LATERAL (
          SELECT e.data->>'to' AS state FROM events e
          WHERE e.operation_id = ${operationId} AND e.type = 'agent.state' AND e.agent_id = a.id AND e.at < ${start}
          ORDER BY e.at DESC, e.id DESC LIMIT 1) h
        WHERE a.operation_id = ${operationId} AND ${one(agentId, sql.ref('a.id'))} AND h.state <> 'logout'
        ORDER BY a.id`.execute(db);
      const { rows } = await sql<{ agent_id: string; at: Date; login: boolean }>`
        SELECT agent_id, at, data->>'from' = 'logout' AS login FROM events
        WHERE operation_id = ${operationId} AND type = 'agent.state' AND at >= ${start} AND at < ${new Date(to)}
          AND (data->>'from' = 'logout') <> (data->>'to' = 'logout') AND ${one(agentId, sql.ref('agent_id'))}
        ORDER BY at, id`.execute(db);
      return { loggedInAtStart: heads.map((h) => h.id), changes: rows.map((r) => ({ agentId: r.agent_id, at: r.at.getTime(), login: r.login })) };
    },

    async lastLogins(operationId, before) {
      // Only agents logged in now: their session's changes are walked back to its login.
      const { rows } = await sql<{ id: string; at: Date }>`
        SELECT a.id, l.at FROM agents a CROSS JOIN LATERAL (
          SELECT e.at FROM events e
          WHERE e.operation_id = ${operationId} AND e.type = 'agent.state' AND e.agent_id = a.id AND e.at <= ${new Date(before)}
            AND e.data->>'from' = 'logout'
          ORDER BY e.at DESC, e.id DESC LIMIT 1) l
        WHERE a.operation_id = ${operationId} AND a.state <> 'logout'`.execute(db);
      return new Map(rows.map((r) => [r.id, r.at.getTime()]));
    },

    async lines(operationId) {
      const { rows } = await sql<{ id: string; state: string; aux_id: number | null; address: string | null; user_agent: string | null; registered_at: Date | null }>`
        SELECT a.id, a.state, a.aux_id, p.registered_address AS address, p.registered_user_agent AS user_agent, p.registered_at
        FROM agents a LEFT JOIN agent_phones p ON p.operation_id = a.operation_id AND p.agent_id = a.id
        WHERE a.operation_id = ${operationId} AND a.state <> 'logout' ORDER BY a.id`.execute(db);
      return rows.map((r) => ({
        agentId: r.id, state: r.state === 'aux' ? `aux:${r.aux_id}` : r.state, address: r.address, userAgent: r.user_agent,
        registeredAt: r.registered_at === null ? null : r.registered_at.getTime(),
      }));
    },
  };
}
