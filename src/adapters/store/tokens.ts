// Tokens: authentication by hash, request slots held by row locks, and the daily quota.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Operation } from '../../engine/ports/operations.ts';
import { toOperation } from './operations.ts';
import type { RequestScope } from '../../engine/ports/store.ts';
import type { TokenClaim, TokenGrant, TokenRepo } from '../../engine/ports/tokens.ts';
import type { AddressCheck, RequestOrigin } from '../../engine/ports/allow-list.ts';
import type { FirstReadsAnswer } from './first-reads.ts';
import type { Call } from '../../domain/call.ts';
import type { Role } from '../../domain/permission.ts';
import { toAgent } from './agents.ts';
import { callColumns, toCall } from './calls.ts';
import type { AgentsTable, CallsTable, Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;
type AgentRow = Selectable<AgentsTable>;

interface AddressRow { address_any: boolean; address_listed: boolean; address_last_used: Date | string | null }
interface GrantRow extends AddressRow {
  token_id: string; token_operation_id: string; time_zone: string; daily_limit: number; token_role: Role; token_agent_id: string | null;
  operation_name: string; operation_licenses: number; operation_acw_s: number; operation_outbound_policy: unknown;
}

/**
 * How the request's address stands with the token's operation's allow-list (`t` the token's row):
 * three lookups of the list's primary key, read in the token's own statement.
 */
const addressColumns = ({ address, now }: RequestOrigin) => {
  const at = new Date(now);
  const live = sql`(x.expires_at IS NULL OR x.expires_at > ${at})`;
  return sql`
    EXISTS (SELECT 1 FROM allowed_addresses x WHERE x.operation_id = t.operation_id AND ${live}) AS address_any,
    EXISTS (SELECT 1 FROM allowed_addresses x WHERE x.operation_id = t.operation_id AND x.address = ${address} AND ${live}) AS address_listed,
    (SELECT x.last_used_at FROM allowed_addresses x WHERE x.operation_id = t.operation_id AND x.address = ${address} AND ${live}) AS address_last_used`;
};

const toAddressCheck = (row: AddressRow): AddressCheck => ({
  admitted: !row.address_any || row.address_listed, listed: row.address_listed,
  lastUsedAt: row.address_last_used === null ? null : new Date(row.address_last_used).getTime(),
});

const toGrant = (row: GrantRow): TokenGrant => ({
  tokenId: row.token_id, operationId: row.token_operation_id, timeZone: row.time_zone, dailyLimit: row.daily_limit,
  principal: { role: row.token_role, agentId: row.token_agent_id },
});
const operationOf = (row: GrantRow): Operation => toOperation({
  id: row.token_operation_id, name: row.operation_name, time_zone: row.time_zone, licenses: row.operation_licenses, acw_s: row.operation_acw_s,
  outbound_policy: row.operation_outbound_policy,
});

// The slot: the lowest of the token's `limit` slots that no other transaction holds, locked until
// this one ends (SKIP LOCKED: a busy token is refused at once, not queued).
const slot = (hash: string, limit: number, quotaPerLicense: number, origin: RequestOrigin) => sql`
  SELECT t.id AS token_id, t.operation_id AS token_operation_id, t.role AS token_role, t.agent_id AS token_agent_id, o.time_zone,
    coalesce(t.daily_limit, o.licenses * ${quotaPerLicense})::int AS daily_limit,
    o.name AS operation_name, o.licenses AS operation_licenses, o.acw_s AS operation_acw_s, o.outbound_policy AS operation_outbound_policy,
    ${addressColumns(origin)}
  FROM api_tokens t
  JOIN operations o ON o.id = t.operation_id
  JOIN token_slots s ON s.token_id = t.id AND s.slot < ${limit}
  WHERE t.hash = ${hash} AND t.revoked_at IS NULL
  ORDER BY s.slot LIMIT 1
  FOR UPDATE OF s SKIP LOCKED`;

function claimSlot(db: Db, hash: string, limit: number, quotaPerLicense: number, origin: RequestOrigin) {
  return sql<GrantRow>`${slot(hash, limit, quotaPerLicense, origin)}`.execute(db);
}

/** The call's columns under a prefix, beside the agent's (a call has columns of the same names). */
const callPrefix = 'call__';
const prefixedCall = sql.raw(callColumns.map((c) => `c.${c} AS ${callPrefix}${c}`).join(', '));
type PrefixedCall = { [K in (typeof callColumns)[number] as `call__${K}`]: Selectable<CallsTable>[K] | null };

/**
 * The slot and, in the same statement, the first reads of the token's operation: the agent, locked
 * as `agents.lock` locks it; its call (current, else last) locked as `calls.lock` locks it, when
 * asked; and an auxiliary state's name (null when none is asked). One round trip instead of two to
 * four on every agentbox request. No slot, no locks. The agent's columns are null when the
 * operation has no such agent, the call's when it has none or none was asked.
 */
function claimSlotAndReads(db: Db, hash: string, limit: number, quotaPerLicense: number, origin: RequestOrigin, first: RequestScope) {
  return sql<GrantRow & Partial<AgentRow> & Partial<PrefixedCall> & { aux_state_name: string | null }>`
    WITH granted AS (${slot(hash, limit, quotaPerLicense, origin)})
    SELECT g.*, a.*, ${first.call === true ? sql`${prefixedCall},` : sql``}
      (SELECT name FROM aux_states WHERE operation_id = g.token_operation_id AND id = ${first.auxStateId ?? null}::int) AS aux_state_name
    FROM granted g
    LEFT JOIN LATERAL (
      SELECT * FROM agents WHERE operation_id = g.token_operation_id AND id = ${first.agentId} FOR UPDATE
    ) a ON true
    ${first.call === true ? sql`LEFT JOIN LATERAL (
      SELECT * FROM calls WHERE id = coalesce(a.call_id, a.last_call_id) FOR UPDATE
    ) c ON true` : sql``}`.execute(db);
}

function callOf(row: Partial<PrefixedCall>): Call | undefined {
  if (row.call__id == null) return undefined;
  return toCall(Object.fromEntries(callColumns.map((c) => [c, row[`${callPrefix}${c}`]])) as Parameters<typeof toCall>[0]);
}

/** A request's scope, read with its claim, and where to hand what was read. */
export interface ClaimWithReads {
  scope: RequestScope;
  reads(answer: FirstReadsAnswer): void;
}

export function tokenRepo(db: Db, first?: ClaimWithReads): TokenRepo {
  return {
    async claim(hash, limit, quotaPerLicense, origin): Promise<TokenClaim> {
      if (first === undefined) {
        const row = (await claimSlot(db, hash, limit, quotaPerLicense, origin)).rows[0];
        if (row) return { kind: 'granted', grant: toGrant(row), address: toAddressCheck(row) };
      } else {
        const row = (await claimSlotAndReads(db, hash, limit, quotaPerLicense, origin, first.scope)).rows[0];
        if (row) {
          const agent = row.id == null ? undefined : toAgent(row as AgentRow);
          first.reads({ operation: operationOf(row), agent, call: callOf(row), auxStateName: row.aux_state_name ?? undefined });
          return { kind: 'granted', grant: toGrant(row), address: toAddressCheck(row) };
        }
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

    async liveAmong(tokenIds) {
      const ids = tokenIds.filter((id) => /^\d{1,18}$/.test(id));
      if (ids.length === 0) return new Set();
      const rows = await db.selectFrom('api_tokens').select('id').where('id', 'in', ids).where('revoked_at', 'is', null).execute();
      return new Set(rows.map((r) => r.id));
    },

    async authenticate(hash, quotaPerLicense, origin) {
      const row = (await sql<AddressRow & {
        id: string; operation_id: string; time_zone: string; daily_limit: number | null; licenses: number; role: Role; agent_id: string | null;
      }>`
        SELECT t.id, t.operation_id, o.time_zone, t.daily_limit, o.licenses, t.role, t.agent_id, ${addressColumns(origin)}
        FROM api_tokens t JOIN operations o ON o.id = t.operation_id
        WHERE t.hash = ${hash} AND t.revoked_at IS NULL`.execute(db)).rows[0];
      if (!row) return undefined;
      const grant: TokenGrant = {
        tokenId: String(row.id), operationId: row.operation_id, timeZone: row.time_zone,
        dailyLimit: row.daily_limit ?? row.licenses * quotaPerLicense, principal: { role: row.role, agentId: row.agent_id },
      };
      return { grant, address: toAddressCheck(row) };
    },

    async create({ operationId, hash, description, principal, now }) {
      const row = await db.insertInto('api_tokens')
        .values({ operation_id: operationId, hash, description, created_at: new Date(now), daily_limit: null, role: principal.role, agent_id: principal.agentId })
        .returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

  };
}
