// Callbacks: durable, claimed by exactly one process when due. Claims are
// `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`, the SELECT a MATERIALIZED CTE so it
// runs once (inline, the planner may re-run a LIMIT … SKIP LOCKED subquery per row), with the engine clock's now as a
// parameter (never SQL now()), so a virtual clock drives them as well as the wall clock.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Callback, CallbackStatus, RecallType } from '../../domain/callback.ts';
import type { CallbackRepo } from '../../engine/ports/callbacks.ts';
import type { CallbacksTable, Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function toCallback(row: Selectable<CallbacksTable>): Callback {
  return {
    id: row.id, operationId: row.operation_id, agentId: row.agent_id, campaignId: row.campaign_id === null ? null : String(row.campaign_id),
    customerId: row.customer_id, phone: row.phone, dueAt: row.due_at.getTime(), type: row.type_recall as RecallType,
    status: row.status as CallbackStatus, firedAt: row.fired_at?.getTime() ?? null, callId: row.call_id,
    createdAt: row.created_at.getTime(),
  };
}

/** Recalls per INSERT: 11 parameters each, well under PostgreSQL's 65,535 per statement. */
const recallChunk = 1000;
const openCallback = ['pending', 'waiting'];

const byDue = (a: Callback, b: Callback) => a.dueAt - b.dueAt || Number(a.id) - Number(b.id);

export function callbackRepo(db: Db): CallbackRepo {
  /** Cancels the open campaign recalls of these records (null: of every record). */
  async function cancelOpen(operationId: string, campaignId: string, customerIds: string[] | null): Promise<number> {
    let q = db.updateTable('callbacks').set({ status: 'cancelled' }).where('operation_id', '=', operationId)
      .where('campaign_id', '=', campaignId).where('status', 'in', openCallback).where('agent_id', 'is', null);
    if (customerIds !== null) q = q.where('customer_id', 'in', customerIds);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  return {
    async scheduleRecalls(operationId, campaignId, recalls, now) {
      const ids: string[] = [];
      for (let i = 0; i < recalls.length; i += recallChunk) {
        const part = recalls.slice(i, i + recallChunk);
        await cancelOpen(operationId, campaignId, part.map((r) => r.customerId));
        const rows = await db.insertInto('callbacks').values(part.map((r) => ({
          operation_id: operationId, agent_id: null, campaign_id: campaignId, customer_id: r.customerId, phone: r.phone,
          due_at: new Date(r.dueAt), type_recall: 'auto', status: 'pending', fired_at: null, call_id: null, created_at: new Date(now),
        }))).returning('id').execute();
        // bigserial ids of one INSERT … VALUES follow the order of its rows.
        ids.push(...rows.map((r) => r.id).sort((a, b) => Number(a) - Number(b)));
        // A record waiting for its recall is not claimed as a record (the claim skips it). Its next
        // attempt moves to the recall's time, out of the index ranges the claims read, so that
        // records skipped this way never pile up at the head of the never-tried or due ranges
        // and get read again at every claim. The recall's own call then sets the next attempt.
        await sql`
          UPDATE records r SET next_attempt_at = v.due_at
          FROM unnest(${part.map((r) => r.customerId)}::text[], ${part.map((r) => new Date(r.dueAt))}::timestamptz[]) AS v(customer_id, due_at)
          WHERE r.operation_id = ${operationId} AND r.campaign_id = ${campaignId} AND r.customer_id = v.customer_id`.execute(db);
      }
      return ids;
    },

    cancelRecalls: (operationId, campaignId, customerId) => cancelOpen(operationId, campaignId, customerId === null ? null : [customerId]),

    async insert(cb) {
      const row = await db.insertInto('callbacks').values({
        operation_id: cb.operationId, agent_id: cb.agentId, campaign_id: cb.campaignId, customer_id: cb.customerId,
        phone: cb.phone, due_at: new Date(cb.dueAt), type_recall: cb.type, status: cb.status,
        fired_at: cb.firedAt === null ? null : new Date(cb.firedAt), call_id: cb.callId, created_at: new Date(cb.createdAt),
      }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
    async claimDue(nowMs, limit) {
      const now = new Date(nowMs);
      const rows = await sql<Selectable<CallbacksTable>>`
        WITH due AS MATERIALIZED (
          SELECT id FROM callbacks
          WHERE agent_id IS NOT NULL AND status = 'pending' AND due_at <= ${now}
          ORDER BY due_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        UPDATE callbacks SET status = CASE type_recall WHEN 'manual' THEN 'done' ELSE 'waiting' END, fired_at = ${now}
        WHERE id IN (SELECT id FROM due)
        RETURNING *`.execute(db);
      return rows.rows.map((r) => ({ ...toCallback(r), status: 'pending' as const, firedAt: null })).sort(byDue);
    },
    async lockOfferable(takeoverBeforeMs, perOperation, limit) {
      // Only what can be offered now, and a share per operation: callbacks that wait for a busy
      // agent, however many, never hold back another operation's.
      const takeoverBefore = new Date(takeoverBeforeMs);
      const rows = await sql<Selectable<CallbacksTable>>`
        WITH offerable AS (
          SELECT cb.id, row_number() OVER (PARTITION BY cb.operation_id ORDER BY cb.due_at, cb.id) AS nth
          FROM callbacks cb
          WHERE cb.agent_id IS NOT NULL AND cb.status = 'waiting'
            AND (EXISTS (SELECT 1 FROM agents a WHERE a.operation_id = cb.operation_id AND a.id = cb.agent_id AND a.state = 'ready')
              OR (cb.due_at <= ${takeoverBefore}
                AND EXISTS (SELECT 1 FROM agents a WHERE a.operation_id = cb.operation_id AND a.state = 'ready'))))
        SELECT cb.* FROM callbacks cb JOIN offerable o ON o.id = cb.id
        WHERE o.nth <= ${perOperation}
        ORDER BY cb.due_at, cb.id LIMIT ${limit}
        FOR UPDATE OF cb SKIP LOCKED`.execute(db);
      return rows.rows.map(toCallback);
    },
    async waiting(takeoverBeforeMs, takeoverMs) {
      const row = await sql<{ any: boolean; next: Date | null }>`
        SELECT count(*) > 0 AS any, min(due_at) FILTER (WHERE due_at > ${new Date(takeoverBeforeMs)}) AS next
        FROM callbacks WHERE agent_id IS NOT NULL AND status = 'waiting'`.execute(db);
      const next = row.rows[0]?.next;
      return { any: row.rows[0]?.any ?? false, nextTakeoverAt: next ? next.getTime() + takeoverMs : undefined };
    },
    async claimCampaignDue(operationId, campaignId, nowMs, limit, zones) {
      if (limit <= 0 || zones.length === 0) return [];
      const now = new Date(nowMs);
      // Only recalls whose record's zone is inside the calling window now; the others stay
      // pending and are dialled when their zone opens.
      const rows = await sql<Selectable<CallbacksTable>>`
        WITH due AS MATERIALIZED (
          SELECT id FROM callbacks cb
          WHERE operation_id = ${operationId} AND campaign_id = ${campaignId} AND agent_id IS NULL
            AND status = 'pending' AND due_at <= ${now}
            AND coalesce(
              (SELECT r.time_zone FROM records r WHERE r.operation_id = cb.operation_id AND r.campaign_id = cb.campaign_id AND r.customer_id = cb.customer_id),
              (SELECT o.time_zone FROM operations o WHERE o.id = cb.operation_id)) = ANY(${[...zones]}::text[])
          ORDER BY due_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        UPDATE callbacks SET status = 'done', fired_at = ${now}
        WHERE id IN (SELECT id FROM due)
        RETURNING *`.execute(db);
      return rows.rows.map(toCallback).sort(byDue);
    },
    async markDialled(id, callId, nowMs) {
      await db.updateTable('callbacks').set({ status: 'done', call_id: callId, fired_at: new Date(nowMs) }).where('id', '=', id).execute();
    },
    async requeueByCall(callId) {
      await db.updateTable('callbacks').set({ status: 'waiting', call_id: null })
        .where('call_id', '=', callId).where('agent_id', 'is not', null).execute();
    },
    async nextDue() {
      const row = await db.selectFrom('callbacks').select('due_at')
        .where('agent_id', 'is not', null).where('status', '=', 'pending').orderBy('due_at').limit(1).executeTakeFirst();
      return row?.due_at.getTime();
    },
    async get(operationId, id) {
      const row = await db.selectFrom('callbacks').selectAll().where('operation_id', '=', operationId).where('id', '=', id).executeTakeFirst();
      return row && toCallback(row);
    },
    async lock(operationId, id) {
      const row = await db.selectFrom('callbacks').selectAll().where('operation_id', '=', operationId).where('id', '=', id)
        .forUpdate().executeTakeFirst();
      return row && toCallback(row);
    },
    async reschedule(operationId, id, dueAt) {
      await db.updateTable('callbacks').set({ due_at: new Date(dueAt), status: 'pending', fired_at: null })
        .where('operation_id', '=', operationId).where('id', '=', id).execute();
    },
    async cancel(operationId, id) {
      await db.updateTable('callbacks').set({ status: 'cancelled' }).where('operation_id', '=', operationId).where('id', '=', id).execute();
    },
    async lockOpenOfRecord(key) {
      const rows = await db.selectFrom('callbacks').selectAll().where('operation_id', '=', key.operationId)
        .where('campaign_id', '=', key.campaignId).where('customer_id', '=', key.customerId)
        .where('agent_id', 'is not', null).where('status', 'in', openCallback)
        .orderBy('id').forUpdate().execute();
      return rows.map(toCallback).sort((a, b) => Number(a.id) - Number(b.id));
    },
    async change(operationId, id, change) {
      await db.updateTable('callbacks').set({
        agent_id: change.agentId, due_at: new Date(change.dueAt), phone: change.phone, type_recall: change.type, status: 'pending', fired_at: null,
      }).where('operation_id', '=', operationId).where('id', '=', id).execute();
    },
  };
}
