// SIP trunks: the repository the engine writes through (with the password) and the view the read
// model answers (without it: the password column is never selected there).
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { TrunkView } from '../../engine/ports/read-model.ts';
import type { Trunk, TrunkRepo } from '../../engine/ports/trunks.ts';
import type { Database, TrunksTable } from './schema.ts';
import { withoutRowDetail } from './withheld-detail.ts';

type Db = Kysely<Database> | Transaction<Database>;

const isId = (id: string) => /^\d{1,18}$/.test(id);

export function toTrunk(r: Selectable<TrunksTable>): Trunk {
  return {
    id: r.id, operationId: r.operation_id, uri: r.uri, username: r.username, password: r.password, callerId: r.caller_id, maxCalls: r.max_calls,
    prefix: r.prefix, strip: r.strip, ringTimeoutS: r.ring_timeout_s, createdAt: r.created_at.getTime(), updatedAt: r.updated_at.getTime(),
  };
}

export function trunkRepo(db: Db): TrunkRepo {
  return {
    async create(operationId, s, now) {
      const row = await withoutRowDetail(db.insertInto('trunks').values({
        operation_id: operationId, uri: s.uri, username: s.username, password: s.password, caller_id: s.callerId, max_calls: s.maxCalls,
        prefix: s.prefix, strip: s.strip, ring_timeout_s: s.ringTimeoutS, created_at: new Date(now), updated_at: new Date(now),
      }).returningAll().executeTakeFirstOrThrow());
      return toTrunk(row);
    },
    async lock(operationId, trunkId) {
      if (!isId(trunkId)) return undefined;
      const row = await db.selectFrom('trunks').selectAll().where('operation_id', '=', operationId).where('id', '=', trunkId)
        .where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
      return row && toTrunk(row);
    },
    async update(t) {
      await withoutRowDetail(db.updateTable('trunks').set({
        uri: t.uri, username: t.username, password: t.password, caller_id: t.callerId, max_calls: t.maxCalls, prefix: t.prefix,
        strip: t.strip, ring_timeout_s: t.ringTimeoutS, updated_at: new Date(t.updatedAt),
      }).where('id', '=', t.id).execute());
    },
    async remove(operationId, trunkId, now) {
      if (!isId(trunkId)) return false;
      // The row stays for the history of its calls; its secret does not outlive it.
      const r = await db.updateTable('trunks').set({ deleted_at: new Date(now), updated_at: new Date(now), username: null, password: null })
        .where('operation_id', '=', operationId).where('id', '=', trunkId).where('deleted_at', 'is', null).executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async defaultId(operationId) {
      const row = await db.selectFrom('trunks').select('id').where('operation_id', '=', operationId).where('deleted_at', 'is', null)
        .orderBy('id').limit(1).executeTakeFirst();
      return row?.id;
    },
    async defaultTrunk(operationId) {
      const row = await db.selectFrom('trunks').selectAll().where('operation_id', '=', operationId).where('deleted_at', 'is', null)
        .orderBy('id').limit(1).executeTakeFirst();
      return row && toTrunk(row);
    },
  };
}

/** The trunks of an operation not deleted, as the faces read them: `password` is not selected. */
export async function trunkViews(db: Db, operationId: string, trunkId?: string): Promise<TrunkView[]> {
  if (trunkId !== undefined && !isId(trunkId)) return [];
  let q = db.selectFrom('trunks').select([
    'id', 'operation_id', 'uri', 'username', 'caller_id', 'max_calls', 'prefix', 'strip', 'ring_timeout_s', 'created_at', 'updated_at',
    sql<boolean>`password IS NOT NULL`.as('has_password'),
    sql<boolean>`id = (SELECT min(f.id) FROM trunks f WHERE f.operation_id = trunks.operation_id AND f.deleted_at IS NULL)`.as('is_default'),
  ]).where('operation_id', '=', operationId).where('deleted_at', 'is', null);
  if (trunkId !== undefined) q = q.where('id', '=', trunkId);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, operationId: r.operation_id, uri: r.uri, username: r.username, callerId: r.caller_id, maxCalls: r.max_calls, prefix: r.prefix,
    strip: r.strip, ringTimeoutS: r.ring_timeout_s, createdAt: r.created_at.getTime(), updatedAt: r.updated_at.getTime(),
    hasPassword: r.has_password, isDefault: r.is_default,
  }));
}
