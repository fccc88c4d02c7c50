// The append-only event log.
import type { Kysely, Transaction } from 'kysely';
import type { EventInput, EventRepo } from '../../engine/ports/store.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function eventRow(e: EventInput) {
  return {
    operation_id: e.operationId, at: new Date(e.at), type: e.type, agent_id: e.agentId ?? null,
    campaign_id: e.campaignId ?? null, call_id: e.callId ?? null, data: JSON.stringify(e.data ?? {}),
  };
}

export function eventRepo(db: Db): EventRepo {
  return {
    async append(e) {
      await db.insertInto('events').values(eventRow(e)).execute();
    },
  };
}
