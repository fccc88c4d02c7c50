// The SIP dialog journal (src/adapters/telephony/sip/journal.ts) in the database: one row per
// dialog this process holds, tagged with the process, deleted when the dialog ends.
import type { Kysely } from 'kysely';
import type { ByeState, DialogJournal, SavedDialog } from '../telephony/sip/journal.ts';
import type { Database } from './schema.ts';

export function sipDialogJournal(db: Kysely<Database>, processId: string, now: () => number): DialogJournal {
  const read = (rows: { id: string; operation_id: string; call_id: string | null; agent_id: string | null; state: unknown }[]): SavedDialog[] =>
    rows.map((r) => ({ id: r.id, operationId: r.operation_id, callId: r.call_id, agentId: r.agent_id, state: r.state as ByeState }));
  const columns = ['id', 'operation_id', 'call_id', 'agent_id', 'state'] as const;
  return {
    async saved(d) {
      await db.insertInto('sip_dialogs').values({
        id: d.id, process_id: processId, operation_id: d.operationId, call_id: d.callId, agent_id: d.agentId,
        state: JSON.stringify(d.state), created_at: new Date(now()),
      }).onConflict((oc) => oc.column('id').doNothing()).execute();
    },
    async renamed(id, callId) {
      await db.updateTable('sip_dialogs').set({ call_id: callId }).where('id', '=', id).execute();
    },
    async ended(id) {
      await db.deleteFrom('sip_dialogs').where('id', '=', id).execute();
    },
    async ofCall(callId) {
      return read(await db.selectFrom('sip_dialogs').select(columns).where('call_id', '=', callId).execute());
    },
    async ofOthers() {
      return read(await db.selectFrom('sip_dialogs').select(columns).where('process_id', '<>', processId).orderBy('created_at').execute());
    },
  };
}
