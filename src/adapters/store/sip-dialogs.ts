// The SIP dialog journal (src/adapters/telephony/sip/journal.ts) in the database: one row per
// dialog this process holds, tagged with the process, deleted when the dialog ends. Its writes go
// out in groups (grouped-writes.ts): every answered call writes its dialog down and later deletes
// it, and a burst of them costs one statement. Reads wait for the writes asked before them.
import { sql, type Kysely } from 'kysely';
import type { ByeState, DialogJournal, SavedDialog } from '../telephony/sip/journal.ts';
import { groupedWrites } from './grouped-writes.ts';
import type { Database } from './schema.ts';

type JournalWrite = { saved: SavedDialog; at: number } | { renamed: string; callId: string } | { ended: string };

export function sipDialogJournal(db: Kysely<Database>, processId: string, now: () => number): DialogJournal {
  const read = (rows: { id: string; operation_id: string; call_id: string | null; agent_id: string | null; state: unknown }[]): SavedDialog[] =>
    rows.map((r) => ({ id: r.id, operationId: r.operation_id, callId: r.call_id, agentId: r.agent_id, state: r.state as ByeState }));
  const columns = ['id', 'operation_id', 'call_id', 'agent_id', 'state'] as const;
  const rowOf = (d: SavedDialog, at: number) => ({
    id: d.id, process_id: processId, operation_id: d.operationId, call_id: d.callId, agent_id: d.agentId,
    state: JSON.stringify(d.state), created_at: new Date(at),
  });
  const insert = (rows: ReturnType<typeof rowOf>[]) => db.insertInto('sip_dialogs').values(rows).onConflict((oc) => oc.column('id').doNothing());
  const remove = (ids: string[]) => db.deleteFrom('sip_dialogs').where('id', 'in', ids);

  /** A group in one statement, by its net effect: a dialog saved and ended in the same group is never written. */
  const writeAll = async (group: readonly JournalWrite[]) => {
    const rows = new Map<string, ReturnType<typeof rowOf>>();
    const renamed = new Map<string, string>();
    const ended = new Set<string>();
    for (const w of group) {
      if ('saved' in w) {
        rows.set(w.saved.id, rowOf(w.saved, w.at));
      } else if ('renamed' in w) {
        const row = rows.get(w.renamed);
        if (row) row.call_id = w.callId;
        // One statement may not change a row twice: an ended dialog stays ended.
        else if (!ended.has(w.renamed)) renamed.set(w.renamed, w.callId);
      } else {
        renamed.delete(w.ended);
        if (!rows.delete(w.ended)) ended.add(w.ended);
      }
    }
    const parts = [
      ...(rows.size > 0 ? [sql`saved AS (${insert([...rows.values()])})`] : []),
      ...(renamed.size > 0 ? [sql`renamed AS (UPDATE sip_dialogs SET call_id = v.call_id
        FROM (VALUES ${sql.join([...renamed].map(([id, callId]) => sql`(${id}, ${callId})`))}) AS v (id, call_id) WHERE sip_dialogs.id = v.id)`] : []),
      ...(ended.size > 0 ? [sql`ended AS (${remove([...ended])})`] : []),
    ];
    if (parts.length > 0) await sql`WITH ${sql.join(parts)} SELECT 1`.execute(db);
  };
  const writeOne = async (w: JournalWrite) => {
    if ('saved' in w) await insert([rowOf(w.saved, w.at)]).execute();
    else if ('renamed' in w) await db.updateTable('sip_dialogs').set({ call_id: w.callId }).where('id', '=', w.renamed).execute();
    else await remove([w.ended]).execute();
  };
  const writes = groupedWrites(writeAll, writeOne);

  return {
    saved: (dialog) => writes.write({ saved: dialog, at: now() }),
    renamed: (id, callId) => writes.write({ renamed: id, callId }),
    ended: (id) => writes.write({ ended: id }),
    async ofCall(callId) {
      await writes.settled();
      return read(await db.selectFrom('sip_dialogs').select(columns).where('call_id', '=', callId).execute());
    },
    async ofOthers() {
      await writes.settled();
      return read(await db.selectFrom('sip_dialogs').select(columns).where('process_id', '<>', processId).orderBy('created_at').execute());
    },
  };
}
