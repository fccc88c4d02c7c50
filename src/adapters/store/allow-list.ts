// The operation's allowed addresses (AllowListRepo). Whether a request's address is admitted is
// read with its token (tokens.ts); noting an entry's use is a write nobody waits for.
import { sql, type Kysely, type Transaction } from 'kysely';
import { writeDeferred } from './deferred.ts';
import type { AllowListRepo } from '../../engine/ports/allow-list.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

const live = (now: number) => sql<boolean>`(expires_at IS NULL OR expires_at > ${new Date(now)})`;

export function allowListRepo(db: Db): AllowListRepo {
  return {
    async add(operationId, e, now) {
      const r = await db.insertInto('allowed_addresses').values({
        operation_id: operationId, address: e.address, description: e.description, created_at: new Date(e.createdAt),
        expires_at: e.expiresAt === null ? null : new Date(e.expiresAt), last_used_at: null,
      }).onConflict((oc) => oc.columns(['operation_id', 'address']).doUpdateSet({
        description: sql`excluded.description`, created_at: sql`excluded.created_at`, expires_at: sql`excluded.expires_at`, last_used_at: null,
      }).where(sql<boolean>`allowed_addresses.expires_at IS NOT NULL AND allowed_addresses.expires_at <= ${new Date(now)}`))
        .returning('address').executeTakeFirst();
      return r !== undefined;
    },
    async remove(operationId, address, now) {
      const r = await db.deleteFrom('allowed_addresses').where('operation_id', '=', operationId).where('address', '=', address).where(live(now)).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async list(operationId, now) {
      const rows = await db.selectFrom('allowed_addresses').selectAll().where('operation_id', '=', operationId).where(live(now)).orderBy('address').execute();
      return rows.map((r) => ({
        address: r.address, description: r.description, createdAt: r.created_at.getTime(), expiresAt: r.expires_at?.getTime() ?? null, lastUsedAt: r.last_used_at?.getTime() ?? null,
      }));
    },
    async permanentCount(operationId) {
      const r = await db.selectFrom('allowed_addresses').select((eb) => eb.fn.countAll<string>().as('n'))
        .where('operation_id', '=', operationId).where('expires_at', 'is', null).executeTakeFirst();
      return Number(r?.n ?? 0);
    },
    async touch(operationId, address, now) {
      await writeDeferred(db, db.updateTable('allowed_addresses').set({ last_used_at: new Date(now) })
        .where('operation_id', '=', operationId).where('address', '=', address).compile());
    },
  };
}
