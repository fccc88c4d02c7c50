// Do-not-call numbers.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DncRepo } from '../../engine/ports/dnc.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function dncRepo(db: Db): DncRepo {
  return {
    async add(operationId, entries, now) {
      if (entries.length === 0) return 0;
      const r = await db.insertInto('dnc_numbers').values(entries.map((e) => ({
        operation_id: operationId, phone: e.phone, reason: e.reason, created_at: new Date(now), expires_at: e.expiresAt === null ? null : new Date(e.expiresAt),
      }))).onConflict((oc) => oc.columns(['operation_id', 'phone']).doUpdateSet({ reason: sql`excluded.reason`, expires_at: sql`excluded.expires_at` }))
        .returning(sql<boolean>`(xmax = 0)`.as('inserted')).execute();
      return r.filter((x) => x.inserted).length;
    },
    async remove(operationId, phone) {
      const r = await db.deleteFrom('dnc_numbers').where('operation_id', '=', operationId).where('phone', '=', phone).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async removeMany(operationId, phones) {
      if (phones.length === 0) return 0;
      const r = await db.deleteFrom('dnc_numbers').where('operation_id', '=', operationId).where('phone', 'in', [...phones]).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async removeAll(operationId) {
      const r = await db.deleteFrom('dnc_numbers').where('operation_id', '=', operationId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async blocked(operationId, phones, now) {
      if (phones.length === 0) return new Set();
      const rows = await db.selectFrom('dnc_numbers').select('phone').where('operation_id', '=', operationId).where('phone', 'in', [...phones])
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date(now))])).execute();
      return new Set(rows.map((r) => r.phone));
    },
    async list(operationId, cursor, limit, now) {
      let q = db.selectFrom('dnc_numbers').selectAll().where('operation_id', '=', operationId)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date(now))]));
      if (cursor) q = q.where('phone', '>', cursor);
      const rows = await q.orderBy('phone').limit(limit + 1).execute();
      const items = rows.slice(0, limit).map((r) => ({ phone: r.phone, reason: r.reason, createdAt: r.created_at.getTime(), expiresAt: r.expires_at?.getTime() ?? null }));
      return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.phone ?? null) : null };
    },
  };
}
