// Calls (conn_id): inserted when placed, loaded under a row lock, saved whole. Inserts and saves
// are deferred writes (deferred.ts): nobody reads their answer.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Call } from '../../domain/call.ts';
import type { CallOrigin, CallResult, CallState } from '../../domain/call-state.ts';
import type { CallRepo } from '../../engine/ports/calls.ts';
import type { AgentsTable, CallsTable, Database } from './schema.ts';
import { compiledStatement } from './compiled.ts';
import { writeDeferred } from './deferred.ts';
import { toAttemptRecord, type AttemptRecordRow } from './records.ts';
import { agentColumns, longestReady, toAgent } from './agents.ts';

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
// The call is locked first (a MATERIALIZED CTE runs before the join that reads it), then its
// record, the order every other transaction takes them in.
const lockCallWithRecord = compiledStatement((db, v: { id: string }) => sql`
  WITH c AS MATERIALIZED (SELECT * FROM calls WHERE id = ${v.id} FOR UPDATE)
  SELECT c.*, r.attempts, r.time_zone, r.max_attempts, r.one_contact_per_day FROM c
  LEFT JOIN LATERAL (
    SELECT records.attempts, records.time_zone, campaigns.max_attempts, campaigns.one_contact_per_day
    FROM records JOIN campaigns ON campaigns.operation_id = records.operation_id AND campaigns.id = records.campaign_id
    WHERE records.operation_id = c.operation_id AND records.campaign_id = c.campaign_id AND records.customer_id = c.customer_id
    FOR UPDATE OF records) r ON true`.compile(db));
// A customer's answer: the call locked first, then the agent a campaign's call would be connected
// to (agents.ts's longestReady, on the call's own operation and campaign), only for a campaign's
// call no agent has yet. The agent's columns come prefixed (`agent__id`): a call has columns of
// the same names.
const lockCallForAnswer = compiledStatement((db, v: { id: string }) => sql`
  WITH answered AS MATERIALIZED (SELECT * FROM calls WHERE id = ${v.id} FOR UPDATE)
  SELECT answered.*, ${sql.join(agentColumns.map((c) => sql`a.${sql.id(c)} AS ${sql.id(`agent__${c}`)}`))} FROM answered
  LEFT JOIN LATERAL (${longestReady(db, sql.ref<string>('answered.operation_id'), sql.ref<string>('answered.campaign_id'))
    .where(sql<boolean>`answered.agent_id IS NULL AND answered.origin = 'campaign' AND answered.campaign_id IS NOT NULL`)}) a ON true`.compile(db));
const saveCall = compiledStatement((db, { id, ...row }: ReturnType<typeof toRow> & { id: string }) =>
  db.updateTable('calls').set(row).where('id', '=', id).compile());

/** For test/compiled-statements.test.ts. */
export const callStatements = { insertCall, lockCall, lockCallWithRecord, lockCallForAnswer, saveCall };

export function callRepo(db: Db): CallRepo {
  return {
    async insert(call, processId) {
      await writeDeferred(db, insertCall(db, { id: call.id, operation_id: call.operationId, ...toRow(call), process_id: processId }));
    },
    async lock(callId) {
      const { rows: [row] } = await db.executeQuery<Selectable<CallsTable>>(lockCall(db, { id: callId }));
      return row && toCall(row);
    },
    async lockWithRecord(callId) {
      const { rows: [row] } = await db.executeQuery<Selectable<CallsTable> & { [K in keyof AttemptRecordRow]: AttemptRecordRow[K] | null }>(
        lockCallWithRecord(db, { id: callId }));
      if (!row) return undefined;
      // The record's columns come from one outer join: all null, or none.
      return { call: toCall(row), record: row.attempts === null ? null : toAttemptRecord(row as typeof row & AttemptRecordRow) };
    },
    async lockForAnswer(callId) {
      type Prefixed = { [K in (typeof agentColumns)[number] as `agent__${K}`]: Selectable<AgentsTable>[K] | null };
      const { rows: [row] } = await db.executeQuery<Selectable<CallsTable> & Prefixed>(lockCallForAnswer(db, { id: callId }));
      if (!row) return undefined;
      // The agent's columns come from one outer join: all null, or none.
      if (row.agent__id === null) return { call: toCall(row), agent: null };
      const agent = Object.fromEntries(agentColumns.map((c) => [c, row[`agent__${c}`]])) as Pick<Selectable<AgentsTable>, (typeof agentColumns)[number]>;
      return { call: toCall(row), agent: toAgent(agent) };
    },
    async save(call) {
      await writeDeferred(db, saveCall(db, { ...toRow(call), id: call.id }));
    },
    async trunkChannels(operationId) {
      const row = await db.selectFrom('calls')
        .select(sql<string>`coalesce(sum(case when origin = 'transfer' and agent_id is null then 2 else 1 end), 0)`.as('n'))
        .where('operation_id', '=', operationId).where('state', '<>', sql.lit('ended')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
