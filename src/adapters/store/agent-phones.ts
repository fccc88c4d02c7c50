// Agents' SIP phones: the repository the engine writes through, and the view the read model
// answers (the password column is never selected there).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AgentPhoneRepo } from '../../engine/ports/agent-phones.ts';
import type { AgentPhoneView } from '../../engine/ports/read-model.ts';
import type { Database } from './schema.ts';
import { withoutRowDetail } from './withheld-detail.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function agentPhoneRepo(db: Db): AgentPhoneRepo {
  return {
    async put(operationId, agentId, phone, now) {
      const values = {
        password: phone.mode === 'registration' ? phone.password : null,
        contact: phone.mode === 'contact' ? phone.contact : null,
        updated_at: new Date(now),
      };
      await withoutRowDetail(db.insertInto('agent_phones').values({ operation_id: operationId, agent_id: agentId, ...values })
        .onConflict((oc) => oc.columns(['operation_id', 'agent_id']).doUpdateSet(values)).execute());
    },
    async remove(operationId, agentId) {
      const r = await db.deleteFrom('agent_phones').where('operation_id', '=', operationId).where('agent_id', '=', agentId).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async get(operationId, agentId) {
      const row = await db.selectFrom('agent_phones').select(['password', 'contact'])
        .where('operation_id', '=', operationId).where('agent_id', '=', agentId).executeTakeFirst();
      if (!row) return undefined;
      return row.contact !== null ? { mode: 'contact', contact: row.contact } : { mode: 'registration', password: row.password ?? '' };
    },
  };
}

export async function agentPhoneView(db: Db, operationId: string, agentId: string): Promise<AgentPhoneView | undefined> {
  const row = await db.selectFrom('agent_phones').select(['agent_id', 'contact', 'updated_at', sql<boolean>`password IS NOT NULL`.as('has_password')])
    .where('operation_id', '=', operationId).where('agent_id', '=', agentId).executeTakeFirst();
  return row && {
    agentId: row.agent_id, mode: row.contact === null ? 'registration' : 'contact', contact: row.contact, hasPassword: row.has_password,
    updatedAt: row.updated_at.getTime(),
  };
}
