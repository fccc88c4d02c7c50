// The audit log (AuditRepo): appended in the change's transaction, read newest first with the
// name of who made each change (a token's description, a user's name).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor, AuditRepo } from '../../engine/ports/audit.ts';
import { writeDeferred } from './deferred.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function auditRepo(db: Db): AuditRepo {
  return {
    async append(e) {
      // Nobody reads its answer: it leaves with the transaction's next statement or its COMMIT.
      await writeDeferred(db, db.insertInto('audit_log').values({
        operation_id: e.operationId, at: new Date(e.at), actor: e.actor.id, address: e.actor.address, via: e.actor.via, action: e.action, target: e.target,
      }).compile());
    },
    async list(operationId, from, to, limit) {
      const rows = await db.selectFrom('audit_log as l')
        .leftJoin('api_tokens as t', (j) => j.onRef('t.operation_id', '=', 'l.operation_id').on((eb) => eb(sql<string>`t.id::text`, '=', eb.ref('l.actor'))))
        .leftJoin('users as u', (j) => j.onRef('u.operation_id', '=', 'l.operation_id').on((eb) => eb(sql<string>`'user:' || u.id::text`, '=', eb.ref('l.actor'))))
        .select(['l.at', 'l.actor', 'l.address', 'l.via', 'l.action', 'l.target', 't.description', 'u.username'])
        .where('l.operation_id', '=', operationId).where('l.at', '>=', new Date(from)).where('l.at', '<=', new Date(to))
        .orderBy('l.at', 'desc').orderBy('l.id', 'desc').limit(limit).execute();
      return rows.map((r) => ({
        at: r.at.getTime(), who: who(r.actor, r.description, r.username), address: r.address, via: r.via as Actor['via'], action: r.action, target: r.target,
      }));
    },
  };
}

function who(actor: string, description: string | null, username: string | null): string {
  if (actor === 'admin') return 'admin API';
  if (actor.startsWith('user:')) return `user ${username ?? actor.slice(5)}`;
  return description ? `token ${actor} (${description})` : `token ${actor}`;
}
