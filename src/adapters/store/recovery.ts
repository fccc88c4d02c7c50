// What a starting (or surviving) process needs to clean up after a dead one: which processes are
// alive, the live calls nobody alive owns, and agents left in after-call work.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { RecoveryRepo } from '../../engine/ports/recovery.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function recoveryRepo(db: Db): RecoveryRepo {
  return {
    async heartbeat(processId, nowMs) {
      const now = new Date(nowMs);
      await sql`INSERT INTO pacer_processes (id, started_at, heartbeat_at) VALUES (${processId}, ${now}, ${now})
        ON CONFLICT (id) DO UPDATE SET heartbeat_at = ${now}`.execute(db);
      // Rows of processes that died long ago: their calls count as orphaned either way.
      await sql`DELETE FROM pacer_processes WHERE heartbeat_at < ${new Date(nowMs - 86_400_000)}`.execute(db);
    },
    async forget(processId) {
      await sql`DELETE FROM pacer_processes WHERE id = ${processId}`.execute(db);
    },
    async orphanCalls(aliveSinceMs, self) {
      const aliveSince = new Date(aliveSinceMs);
      const rows = await sql<{ id: string }>`
        SELECT c.id FROM calls c
        WHERE c.state <> 'ended' AND c.process_id IS DISTINCT FROM ${self}
          AND NOT EXISTS (SELECT 1 FROM pacer_processes p WHERE p.id = c.process_id AND p.heartbeat_at >= ${aliveSince})
          AND (c.process_id IS NOT NULL OR NOT EXISTS (
            SELECT 1 FROM pacer_processes p WHERE p.id <> ${self} AND p.heartbeat_at >= ${aliveSince}))
        ORDER BY c.placed_at`.execute(db);
      return rows.rows.map((r) => r.id);
    },
    async agentsInAcw() {
      const rows = await db.selectFrom('agents').innerJoin('operations', 'operations.id', 'agents.operation_id')
        .select(['agents.operation_id', 'agents.id', 'agents.state_since', 'operations.acw_s'])
        .where('agents.state', '=', 'acw').execute();
      return rows.map((r) => ({ operationId: r.operation_id, id: r.id, since: r.state_since.getTime(), acwS: r.acw_s }));
    },
  };
}
