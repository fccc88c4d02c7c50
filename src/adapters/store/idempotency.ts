// Idempotency keys: a placeholder row claims the key before the work, the answer fills it after.
import { sql, type Kysely } from 'kysely';
import type { IdempotencyRepo } from '../../engine/ports/idempotency.ts';
import type { Database } from './schema.ts';

export function idempotencyRepo(db: Kysely<Database>): IdempotencyRepo {
  return {
    async claim(operationId, key, requestHash, now, staleBefore) {
      const inserted = await sql<{ key: string }>`
        INSERT INTO idempotency_keys AS k (operation_id, key, request_hash, created_at)
        VALUES (${operationId}, ${key}, ${requestHash}, ${new Date(now)})
        ON CONFLICT (operation_id, key) DO UPDATE SET request_hash = excluded.request_hash, created_at = excluded.created_at
          WHERE k.status_code IS NULL AND k.created_at < ${new Date(staleBefore)}
        RETURNING k.key`.execute(db);
      if (inserted.rows.length > 0) return { kind: 'new' };
      const row = await db.selectFrom('idempotency_keys').selectAll().where('operation_id', '=', operationId).where('key', '=', key).executeTakeFirst();
      if (!row) return { kind: 'in-progress' };
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.status_code === null || row.response === null) return { kind: 'in-progress' };
      return { kind: 'replay', statusCode: row.status_code, response: row.response };
    },
    async complete(operationId, key, statusCode, response) {
      await db.updateTable('idempotency_keys').set({ status_code: statusCode, response }).where('operation_id', '=', operationId).where('key', '=', key).execute();
    },
    async purge(before) {
      const r = await db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(before)).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async release(operationId, key) {
      await db.deleteFrom('idempotency_keys').where('operation_id', '=', operationId).where('key', '=', key).where('status_code', 'is', null).execute();
    },
  };
}
