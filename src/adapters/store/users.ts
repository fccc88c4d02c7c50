// Users and their console sessions.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { SessionRepo, User, UserRepo } from '../../engine/ports/users.ts';
import { page } from './read-model.ts';
import type { Database, UsersTable } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

const toUser = (r: Selectable<UsersTable>): User => ({
  id: r.id, operationId: r.operation_id, username: r.username, principal: { role: r.role, agentId: r.agent_id }, createdAt: r.created_at.getTime(),
});

const validId = (id: string) => /^\d{1,18}$/.test(id);

export function userRepo(db: Db): UserRepo {
  const live = () => db.selectFrom('users').selectAll().where('deleted_at', 'is', null);
  return {
    async create({ operationId, username, passwordHash, principal, now }) {
      const row = await db.insertInto('users').values({
        operation_id: operationId, username, password_hash: passwordHash, role: principal.role, agent_id: principal.agentId, created_at: new Date(now),
      }).onConflict((oc) => oc.expression(sql`operation_id, lower(username)`).where('deleted_at', 'is', null).doNothing())
        .returningAll().executeTakeFirst();
      return row && toUser(row);
    },
    async get(operationId, id) {
      if (!validId(id)) return undefined;
      const row = await live().where('operation_id', '=', operationId).where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },
    async list(operationId, cursor, limit) {
      let q = live().where('operation_id', '=', operationId);
      if (cursor !== undefined) q = q.where('id', '>', cursor);
      const rows = await q.orderBy('id').limit(limit + 1).execute();
      return page(rows.map(toUser), limit, (u) => u.id);
    },
    async change(operationId, id, change) {
      if (!validId(id)) return undefined;
      const row = await db.updateTable('users').set({
        ...(change.passwordHash === undefined ? {} : { password_hash: change.passwordHash, failed_sign_ins: 0, locked_until: null }),
        ...(change.principal === undefined ? {} : { role: change.principal.role, agent_id: change.principal.agentId }),
      }).where('operation_id', '=', operationId).where('id', '=', id).where('deleted_at', 'is', null).returningAll().executeTakeFirst();
      return row && toUser(row);
    },
    async remove(operationId, id, now) {
      if (!validId(id)) return false;
      const r = await db.updateTable('users').set({ deleted_at: new Date(now) })
        .where('operation_id', '=', operationId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async countActive(operationId) {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n'))
        .where('operation_id', '=', operationId).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async ofAgent(operationId, agentId) {
      const row = await db.selectFrom('users').select('id').where('operation_id', '=', operationId).where('agent_id', '=', agentId)
        .where('deleted_at', 'is', null).orderBy('id').limit(1).executeTakeFirst();
      return row?.id;
    },
    async lockForSignIn(username, operationId) {
      let q = db.selectFrom('users as u').innerJoin('operations as o', 'o.id', 'u.operation_id').selectAll('u').select('o.time_zone')
        .where('u.deleted_at', 'is', null).where(sql`lower(u.username)`, '=', username.toLowerCase());
      if (operationId !== undefined) q = q.where('u.operation_id', '=', operationId);
      const rows = await q.orderBy('u.id').limit(10).forUpdate('u').execute();
      return rows.map((r) => ({
        ...toUser(r), passwordHash: r.password_hash, failedSignIns: r.failed_sign_ins, lockedUntil: r.locked_until?.getTime() ?? null, timeZone: r.time_zone,
      }));
    },
    async failedSignIn(id, failedSignIns, lockedUntil) {
      await db.updateTable('users').set({ failed_sign_ins: failedSignIns, locked_until: lockedUntil === null ? null : new Date(lockedUntil) }).where('id', '=', id).execute();
    },
    async signedIn(id) {
      await db.updateTable('users').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', id).execute();
    },
  };
}

export function sessionRepo(db: Db): SessionRepo {
  return {
    async create({ hash, userId, csrf, now }) {
      await db.insertInto('sessions').values({ hash, user_id: userId, csrf, created_at: new Date(now), seen_at: new Date(now) }).execute();
    },
    async touch(hash, now, seenSince, staleBefore) {
      const row = await db.selectFrom('sessions as s').innerJoin('users as u', 'u.id', 's.user_id').innerJoin('operations as o', 'o.id', 'u.operation_id')
        .selectAll('u').select(['s.csrf', 's.seen_at', 'o.time_zone'])
        .where('s.hash', '=', hash).where('s.ended_at', 'is', null).where('u.deleted_at', 'is', null).where('s.seen_at', '>=', new Date(seenSince))
        .executeTakeFirst();
      if (!row) return undefined;
      if (row.seen_at.getTime() < staleBefore) await db.updateTable('sessions').set({ seen_at: new Date(now) }).where('hash', '=', hash).execute();
      return { ...toUser(row), timeZone: row.time_zone, csrf: row.csrf };
    },
    async touchAll(hashes, now, seenSince, staleBefore) {
      if (hashes.length === 0) return new Set();
      const rows = await db.selectFrom('sessions as s').innerJoin('users as u', 'u.id', 's.user_id').select(['s.hash', 's.seen_at'])
        .where('s.hash', 'in', [...hashes]).where('s.ended_at', 'is', null).where('u.deleted_at', 'is', null).where('s.seen_at', '>=', new Date(seenSince))
        .execute();
      const stale = rows.filter((r) => r.seen_at.getTime() < staleBefore).map((r) => r.hash);
      if (stale.length > 0) await db.updateTable('sessions').set({ seen_at: new Date(now) }).where('hash', 'in', stale).execute();
      return new Set(rows.map((r) => r.hash));
    },
    async end(hash, now) {
      await db.updateTable('sessions').set({ ended_at: new Date(now) }).where('hash', '=', hash).where('ended_at', 'is', null).execute();
    },
    async endAllOf(userId, now) {
      const rows = await db.updateTable('sessions').set({ ended_at: new Date(now) })
        .where('user_id', '=', userId).where('ended_at', 'is', null).returning('hash').execute();
      return rows.map((r) => r.hash);
    },
  };
}
