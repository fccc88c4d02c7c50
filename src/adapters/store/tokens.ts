// Tokens: authentication by hash, request slots held by row locks, and the daily quota.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { TokenClaim, TokenRepo } from '../../engine/ports/store.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function tokenRepo(db: Db): TokenRepo {
  return {
    async claim(hash, limit, quotaPerLicense): Promise<TokenClaim> {
      const granted = await sql<{ id: string; operation_id: string; time_zone: string; daily_limit: number }>`
        SELECT t.id, t.operation_id, o.time_zone, coalesce(t.daily_limit, o.licenses * ${quotaPerLicense})::int AS daily_limit
        FROM api_tokens t
        JOIN operations o ON o.id = t.operation_id
        JOIN token_slots s ON s.token_id = t.id AND s.slot < ${limit}
        WHERE t.hash = ${hash} AND t.revoked_at IS NULL
        ORDER BY s.slot LIMIT 1
        FOR UPDATE OF s SKIP LOCKED`.execute(db);
      const row = granted.rows[0];
      if (row) {
        return { kind: 'granted', grant: { tokenId: row.id, operationId: row.operation_id, timeZone: row.time_zone, dailyLimit: row.daily_limit } };
      }
      const exists = await db.selectFrom('api_tokens').select('id').where('hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
      return exists ? { kind: 'busy' } : { kind: 'invalid' };
    },

    async countUse(tokenId, day, dailyLimit) {
      const row = await sql<{ count: number }>`
        INSERT INTO token_usage AS u (token_id, day, count) VALUES (${tokenId}, ${day}, 1)
        ON CONFLICT (token_id, day) DO UPDATE SET count = u.count + 1 WHERE u.count < ${dailyLimit}
        RETURNING u.count`.execute(db);
      return row.rows.length > 0 && dailyLimit > 0;
    },

    async revoke(operationId, tokenId, now) {
      if (!/^\d{1,18}$/.test(tokenId)) return false;
      const r = await db.updateTable('api_tokens').set({ revoked_at: new Date(now) })
        .where('operation_id', '=', operationId).where('id', '=', tokenId).where('revoked_at', 'is', null).executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },

    async authenticate(hash, quotaPerLicense) {
      const row = await db.selectFrom('api_tokens as t').innerJoin('operations as o', 'o.id', 't.operation_id')
        .select(['t.id', 't.operation_id', 'o.time_zone', 't.daily_limit', 'o.licenses'])
        .where('t.hash', '=', hash).where('t.revoked_at', 'is', null).executeTakeFirst();
      return row && {
        tokenId: row.id, operationId: row.operation_id, timeZone: row.time_zone,
        dailyLimit: row.daily_limit ?? row.licenses * quotaPerLicense,
      };
    },

    async create(operationId, hash, description, now) {
      const row = await db.insertInto('api_tokens')
        .values({ operation_id: operationId, hash, description, created_at: new Date(now), daily_limit: null })
        .returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

  };
}
