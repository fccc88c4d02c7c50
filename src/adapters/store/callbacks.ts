// Callbacks: durable, claimed by exactly one process when due.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Callback, CallbackStatus, RecallType } from '../../domain/callback.ts';
import type { CallbackRepo } from '../../engine/ports/store.ts';
import type { CallbacksTable, Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function toCallback(row: Selectable<CallbacksTable>): Callback {
  return {
    id: row.id, operationId: row.operation_id, agentId: row.agent_id, campaignId: row.campaign_id,
    customerId: row.customer_id, phone: row.phone, dueAt: row.due_at.getTime(), type: row.type_recall as RecallType,
    status: row.status as CallbackStatus, firedAt: row.fired_at?.getTime() ?? null, callId: row.call_id,
    createdAt: row.created_at.getTime(),
  };
}

export function callbackRepo(db: Db): CallbackRepo {
  return {
    async insert(cb) {
      const row = await db.insertInto('callbacks').values({
        operation_id: cb.operationId, agent_id: cb.agentId, campaign_id: cb.campaignId, customer_id: cb.customerId,
        phone: cb.phone, due_at: new Date(cb.dueAt), type_recall: cb.type, status: cb.status,
        fired_at: cb.firedAt === null ? null : new Date(cb.firedAt), call_id: cb.callId, created_at: new Date(cb.createdAt),
      }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
  };
}
