// Calls (conn_id): inserted when placed, loaded under a row lock, saved whole. Inserts and saves
// are deferred writes (deferred.ts): nobody reads their answer.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Call } from '../../domain/call.ts';
import type { CallOrigin, CallResult, CallState } from '../../domain/call-state.ts';
import type { CallRepo } from '../../engine/ports/calls.ts';
import type { CallsTable, Database } from './schema.ts';
import { compiledStatement } from './compiled.ts';
import { writeDeferred } from './deferred.ts';
import { toAttemptRecord, type AttemptRecordRow } from './records.ts';
import { longestReady, prefixedAgentColumns, toPrefixedAgent, type PrefixedAgentRow } from './agents.ts';
import { eventRow } from './events.ts';

type Db = Kysely<Database> | Transaction<Database>;

const date = (ms: number | null) => (ms === null ? null : new Date(ms));
const ms = (d: Date | null) => (d === null ? null : d.getTime());

/** The columns `toCall` reads: for a statement that selects a call beside other rows (tokens.ts). */
export const callColumns = [
  'id', 'operation_id', 'agent_id', 'campaign_id', 'customer_id', 'customer_name', 'phone', 'origin', 'state', 'held', 'muted',
  'result', 'parent_call_id', 'placed_at', 'answered_at', 'connected_at', 'ended_at', 'cod_act', 'cod_act_2', 'comments', 'disposed_at',
] as const satisfies readonly (keyof CallsTable)[];

export function toCall(row: Pick<Selectable<CallsTable>, (typeof callColumns)[number]>): Call {
  return {
    id: row.id, operationId: row.operation_id, agentId: row.agent_id, campaignId: row.campaign_id,
    customerId: row.customer_id, customerName: row.customer_name, phone: row.phone, origin: row.origin as CallOrigin,
    state: row.state as CallState, held: row.held, muted: row.muted, result: row.result as CallResult | null,
    parentCallId: row.parent_call_id, placedAt: row.placed_at.getTime(), answeredAt: ms(row.answered_at),
    connectedAt: ms(row.connected_at), endedAt: ms(row.ended_at), codAct: row.cod_act, codAct2: row.cod_act_2,
    comments: row.comments, disposedAt: ms(row.disposed_at),
  };
}

function toRow(c: Call) {
  return {
    agent_id: c.agentId, campaign_id: c.campaignId, customer_id: c.customerId, customer_name: c.customerName,
    phone: c.phone, origin: c.origin, state: c.state, held: c.held, muted: c.muted, result: c.result,
    parent_call_id: c.parentCallId, placed_at: new Date(c.placedAt), answered_at: date(c.answeredAt),
    connected_at: date(c.connectedAt), ended_at: date(c.endedAt), cod_act: c.codAct, cod_act_2: c.codAct2,
    comments: c.comments, disposed_at: date(c.disposedAt),
  };
}

// The statements of every call's life (compiled.ts): inserted once, locked and saved whole at each change.
const insertCall = compiledStatement((db, row: ReturnType<typeof toRow> & { id: string; operation_id: string; process_id: string | null }) =>
  db.insertInto('calls').values(row).compile());
const lockCall = compiledStatement((db, v: { id: string }) => db.selectFrom('calls').selectAll().where('id', '=', v.id).forUpdate().compile());
// What a call's end needs, by one statement: the call locked first (a MATERIALIZED CTE runs
// before the joins that read it), then its record with its campaign's rules for attempts, then its
// agent (not for a call already ended), the order every other transaction takes them in; and its
// operation's after-call work.
// The agent's columns come prefixed (`agent__id`): a call has columns of the same names.
const lockCallForEnd = compiledStatement((db, v: { id: string }) => sql`
  WITH c AS MATERIALIZED (SELECT * FROM calls WHERE id = ${v.id} FOR UPDATE)
  SELECT c.*, r.attempts, r.time_zone, r.max_attempts, r.one_contact_per_day, ${prefixedAgentColumns('a')},
    (SELECT operations.acw_s FROM operations WHERE operations.id = c.operation_id) AS operation_acw_s
  FROM c
  LEFT JOIN LATERAL (
    SELECT records.attempts, records.time_zone, campaigns.max_attempts, campaigns.one_contact_per_day
    FROM records JOIN campaigns ON campaigns.operation_id = records.operation_id AND campaigns.id = records.campaign_id
    WHERE records.operation_id = c.operation_id AND records.campaign_id = c.campaign_id AND records.customer_id = c.customer_id
    FOR UPDATE OF records) r ON true
  LEFT JOIN LATERAL (SELECT agents.* FROM agents
    WHERE c.state <> 'ended' AND agents.operation_id = c.operation_id AND agents.id = c.agent_id FOR UPDATE) a ON true`.compile(db));
// A customer's answer: the call locked first, then the agent a campaign's call would be connected
// to (agents.ts's longestReady, on the call's own operation and campaign), only for a campaign's
// call no agent has yet that can still be answered.
const lockCallForAnswer = compiledStatement((db, v: { id: string }) => sql`
  WITH answered AS MATERIALIZED (SELECT * FROM calls WHERE id = ${v.id} FOR UPDATE)
  SELECT answered.*, ${prefixedAgentColumns('a')} FROM answered
  LEFT JOIN LATERAL (${longestReady(db, sql.ref<string>('answered.operation_id'), sql.ref<string>('answered.campaign_id'))
    .where(sql<boolean>`answered.state IN ('dialing', 'ringing') AND answered.agent_id IS NULL AND answered.origin = 'campaign' AND answered.campaign_id IS NOT NULL`)}) a ON true`.compile(db));
const saveCall = compiledStatement((db, { id, ...row }: ReturnType<typeof toRow> & { id: string }) =>
  db.updateTable('calls').set(row).where('id', '=', id).compile());
// A change of state only, guarded by the state it leaves, with its event: written only if the call moved.
const moveCall = compiledStatement((db, v: { id: string; from: string; to: string; event: ReturnType<typeof eventRow> }) => sql`
  WITH moved AS (UPDATE calls SET state = ${v.to} WHERE id = ${v.id} AND state = ${v.from} RETURNING id)
  INSERT INTO events (operation_id, at, type, agent_id, campaign_id, call_id, data)
  SELECT ${v.event.operation_id}, ${v.event.at}::timestamptz, ${v.event.type}, ${v.event.agent_id}, ${v.event.campaign_id}::bigint,
    ${v.event.call_id}, ${v.event.data}::jsonb FROM moved`.compile(db));

/** For test/compiled-statements.test.ts. */
export const callStatements = { insertCall, lockCall, lockCallForEnd, lockCallForAnswer, saveCall, moveCall };

export function callRepo(db: Db): CallRepo {
  return {
    async insert(call, processId) {
      await writeDeferred(db, insertCall(db, { id: call.id, operation_id: call.operationId, ...toRow(call), process_id: processId }));
    },
    async lock(callId) {
      const { rows: [row] } = await db.executeQuery<Selectable<CallsTable>>(lockCall(db, { id: callId }));
      return row && toCall(row);
    },
    async lockForEnd(callId) {
      type Row = Selectable<CallsTable> & { [K in keyof AttemptRecordRow]: AttemptRecordRow[K] | null } & PrefixedAgentRow & { operation_acw_s: number | null };
      const { rows: [row] } = await db.executeQuery<Row>(lockCallForEnd(db, { id: callId }));
      if (!row) return undefined;
      return {
        call: toCall(row),
        // The record's columns come from one outer join: all null, or none.
        record: row.attempts === null ? null : toAttemptRecord(row as Row & AttemptRecordRow),
        agent: toPrefixedAgent(row), acwS: row.operation_acw_s ?? 0,
      };
    },
    async lockForAnswer(callId) {
      const { rows: [row] } = await db.executeQuery<Selectable<CallsTable> & PrefixedAgentRow>(lockCallForAnswer(db, { id: callId }));
      return row && { call: toCall(row), agent: toPrefixedAgent(row) };
    },
    async save(call) {
      await writeDeferred(db, saveCall(db, { ...toRow(call), id: call.id }));
    },
    async move(callId, from, to, event) {
      await writeDeferred(db, moveCall(db, { id: callId, from, to, event: eventRow(event) }));
    },
    async trunkChannels(operationId) {
      const row = await db.selectFrom('calls')
        .select(sql<string>`coalesce(sum(case when origin = 'transfer' and agent_id is null then 2 else 1 end), 0)`.as('n'))
        .where('operation_id', '=', operationId).where('state', '<>', sql.lit('ended')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
