// The registrar's store (src/adapters/telephony/sip/registrar-store.ts): agent phones' bindings in
// agent_phones (migrations/0020_agent_registrations.sql), so that every Pacer process on the
// database calls a phone where it registered, whichever process it registered to. A new binding
// (or one that moved to another contact) is an `agent.phone_registered` event and an unregister an
// `agent.phone_unregistered` event, each with the contact, never a secret; a refresh of the same
// contact is none (phones refresh every few minutes). Expiry is not an event: a binding whose time
// has passed is simply not read (every reader passes the engine's clock).
import type { CommittedEvents } from '../../engine/ports/events.ts';
import type { Kysely } from 'kysely';
import { parseSipUri } from '../../domain/sip-uri.ts';
import type { PhoneBinding, RegistrarStore } from '../telephony/sip/registrar-store.ts';
import { noRegistration, sourceText } from './agent-phones.ts';
import { eventRepo } from './events.ts';
import type { Database } from './schema.ts';

export interface RegistrationHooks {
  /** After a commit that appended events (wakes event streams of this process). */
  eventsCommitted?: (committed: CommittedEvents) => void;
}

type Row = {
  registered_contact: string | null; registered_given: string | null; registered_transport: 'udp' | 'tcp' | null;
  registered_address: string | null; registered_port: number | null; registered_user_agent: string | null; registered_until: Date | null;
};
const bindingColumns = [
  'registered_contact', 'registered_given', 'registered_transport', 'registered_address', 'registered_port', 'registered_user_agent', 'registered_until',
] as const;

function bindingOf(operationId: string, agentId: string, r: Row, now: number): PhoneBinding | undefined {
  if (r.registered_contact === null || r.registered_given === null || r.registered_address === null || r.registered_until === null) return undefined;
  if (r.registered_until.getTime() <= now) return undefined;
  return {
    operationId, agentId, contact: r.registered_contact, given: r.registered_given,
    source: { transport: r.registered_transport ?? 'udp', address: r.registered_address, port: r.registered_port ?? 0 },
    expiresAt: r.registered_until.getTime(), userAgent: r.registered_user_agent,
  };
}

/** The host of a SIP URI Pacer was given (a trunk's, a fixed contact), IPv6 without brackets. */
function hostOf(uri: string, userAllowed: boolean): string | undefined {
  const read = parseSipUri(uri, 'uri', userAllowed);
  return read.ok ? read.uri.host.replace(/^\[|\]$/g, '') : undefined;
}

export function registrarStore(db: Kysely<Database>, hooks: RegistrationHooks = {}): RegistrarStore {
  const phone = (operationId: string, agentId: string) =>
    db.selectFrom('agent_phones').where('operation_id', '=', operationId).where('agent_id', '=', agentId);

  return {
    async passwordHa1(operationId, agentId) {
      const row = await phone(operationId, agentId).select('password_ha1').where('password_ha1', 'is not', null).executeTakeFirst();
      return row?.password_ha1 ?? undefined;
    },

    async register(binding, passwordHa1, now) {
      const { operationId, agentId } = binding;
      const told = await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('agent_phones').select(['password_ha1', ...bindingColumns])
          .where('operation_id', '=', operationId).where('agent_id', '=', agentId).forUpdate().executeTakeFirst();
        if (!row || row.password_ha1 !== passwordHa1) return undefined;
        const before = bindingOf(operationId, agentId, row, now);
        await trx.updateTable('agent_phones').set({
          registered_contact: binding.contact, registered_given: binding.given, registered_transport: binding.source.transport,
          registered_address: binding.source.address, registered_port: binding.source.port, registered_user_agent: binding.userAgent,
          registered_at: new Date(now), registered_until: new Date(binding.expiresAt),
        }).where('operation_id', '=', operationId).where('agent_id', '=', agentId).execute();
        if (before?.contact === binding.contact) return false;
        await eventRepo(trx).append({
          operationId, at: now, type: 'agent.phone_registered', agentId,
          data: {
            contact: binding.contact, source: sourceText(binding.source.transport, binding.source.address, binding.source.port),
            user_agent: binding.userAgent, expires_at: new Date(binding.expiresAt).toISOString(),
          },
        });
        return true;
      });
      if (told) hooks.eventsCommitted?.(new Map([[operationId, new Set([agentId])]]));
      return told !== undefined;
    },

    async unregister(operationId, agentId, now, given) {
      const removed = await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('agent_phones').select([...bindingColumns])
          .where('operation_id', '=', operationId).where('agent_id', '=', agentId).forUpdate().executeTakeFirst();
        const binding = row && bindingOf(operationId, agentId, row, now);
        // Another device's Contact unregisters nothing of this one's.
        if (!row || row.registered_contact === null || (given !== undefined && given !== row.registered_given && given !== row.registered_contact)) return undefined;
        await trx.updateTable('agent_phones').set(noRegistration).where('operation_id', '=', operationId).where('agent_id', '=', agentId).execute();
        if (!binding) return undefined; // it had expired already: nothing to tell
        await eventRepo(trx).append({ operationId, at: now, type: 'agent.phone_unregistered', agentId, data: { contact: binding.contact, reason: 'the phone unregistered' } });
        return binding;
      });
      if (removed) hooks.eventsCommitted?.(new Map([[operationId, new Set([agentId])]]));
      return removed;
    },

    async binding(operationId, agentId, now) {
      const row = await phone(operationId, agentId).select([...bindingColumns]).executeTakeFirst();
      return row && bindingOf(operationId, agentId, row, now);
    },

    async knownHosts(now) {
      const [trunks, contacts, registered] = await Promise.all([
        db.selectFrom('trunks').select('uri').where('deleted_at', 'is', null).execute(),
        db.selectFrom('agent_phones').select('contact').where('contact', 'is not', null).execute(),
        db.selectFrom('agent_phones').select('registered_address').distinct()
          .where('registered_contact', 'is not', null).where('registered_until', '>', new Date(now)).execute(),
      ]);
      const hosts = new Set<string>();
      for (const t of trunks) { const h = hostOf(t.uri, false); if (h) hosts.add(h); }
      for (const c of contacts) { const h = c.contact === null ? undefined : hostOf(c.contact, true); if (h) hosts.add(h); }
      for (const r of registered) if (r.registered_address !== null) hosts.add(r.registered_address);
      return [...hosts];
    },
  };
}
