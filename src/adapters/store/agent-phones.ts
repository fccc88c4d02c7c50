// Agents' SIP phones: the repository the engine writes through, and the view the read model
// answers. Neither reads `password_ha1` back (only whether it is set): the registrar's store alone
// does (registrations.ts).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AgentPhoneRepo } from '../../engine/ports/agent-phones.ts';
import type { AgentPhoneView } from '../../engine/ports/read-model.ts';
import type { Database } from './schema.ts';
import { withoutRowDetail } from './withheld-detail.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The registration columns cleared (migrations/0020_agent_registrations.sql). */
export const noRegistration = {
  registered_contact: null, registered_given: null, registered_transport: null, registered_address: null, registered_port: null,
  registered_user_agent: null, registered_at: null, registered_until: null,
} as const;

export function agentPhoneRepo(db: Db): AgentPhoneRepo {
  return {
    async put(operationId, agentId, phone, now) {
      const values = {
        password_ha1: phone.mode === 'registration' ? phone.passwordHa1 : null,
        contact: phone.mode === 'contact' ? phone.contact : null,
        updated_at: new Date(now),
        // A changed phone is not registered: the one that was must register again (with the new password).
        ...noRegistration,
      };
      await withoutRowDetail(db.insertInto('agent_phones').values({ operation_id: operationId, agent_id: agentId, ...values })
        .onConflict((oc) => oc.columns(['operation_id', 'agent_id']).doUpdateSet(values)).execute());
    },
    async remove(operationId, agentId) {
      const r = await db.deleteFrom('agent_phones').where('operation_id', '=', operationId).where('agent_id', '=', agentId).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async get(operationId, agentId, now) {
      const row = await db.selectFrom('agent_phones').select(['contact', 'registered_contact', 'registered_until'])
        .where('operation_id', '=', operationId).where('agent_id', '=', agentId).executeTakeFirst();
      if (!row) return undefined;
      if (row.contact !== null) return { mode: 'contact', contact: row.contact };
      const until = row.registered_until?.getTime();
      const registered = row.registered_contact !== null && until !== undefined && until > now ? { contact: row.registered_contact, until } : null;
      return { mode: 'registration', registered };
    },
  };
}

export async function agentPhoneView(db: Db, operationId: string, agentId: string, now: number): Promise<AgentPhoneView | undefined> {
  const row = await db.selectFrom('agent_phones')
    .select(['agent_id', 'contact', 'updated_at', sql<boolean>`password_ha1 IS NOT NULL`.as('has_password'),
      'registered_contact', 'registered_transport', 'registered_address', 'registered_port', 'registered_user_agent', 'registered_at', 'registered_until'])
    .where('operation_id', '=', operationId).where('agent_id', '=', agentId).executeTakeFirst();
  if (!row) return undefined;
  const r = row;
  const registration = r.registered_contact !== null && r.registered_until !== null && r.registered_until.getTime() > now
    && r.registered_at !== null && r.registered_address !== null
    ? {
      contact: r.registered_contact, source: sourceText(r.registered_transport ?? 'udp', r.registered_address, r.registered_port ?? 0),
      userAgent: r.registered_user_agent, registeredAt: r.registered_at.getTime(), expiresAt: r.registered_until.getTime(),
    }
    : null;
  return {
    agentId: row.agent_id, mode: row.contact === null ? 'registration' : 'contact', contact: row.contact, hasPassword: row.has_password,
    updatedAt: row.updated_at.getTime(), registration,
  };
}

/** `udp:203.0.113.7:5060`, `tcp:[2001:db8::7]:5060`. */
export function sourceText(transport: string, address: string, port: number): string {
  return `${transport}:${address.includes(':') ? `[${address}]` : address}:${port}`;
}
