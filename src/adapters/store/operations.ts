// Operations (tenants) and their configuration: auxiliary states, activity codes, skills.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { outboundPolicyToJson, type OutboundPolicy } from '../../domain/outbound-number.ts';
import type { Operation, OperationRepo } from '../../engine/ports/operations.ts';
import type { Database, OperationsTable } from './schema.ts';
import { storedOutboundPolicy } from './outbound-policy.ts';

type Db = Kysely<Database> | Transaction<Database>;

type OperationRow = Pick<Selectable<OperationsTable>, 'id' | 'name' | 'time_zone' | 'licenses' | 'acw_s' | 'outbound_policy'>;

export const toOperation = (row: OperationRow): Operation => ({
  id: row.id, name: row.name, timeZone: row.time_zone, licenses: row.licenses, acwS: row.acw_s, outboundPolicy: storedOutboundPolicy(row.id, row.outbound_policy),
});

export function operationRepo(db: Db): OperationRepo {
  return {
    async get(id) {
      const row = await db.selectFrom('operations').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toOperation(row);
    },
    async count() {
      const row = await db.selectFrom('operations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async create(op, now) {
      const row = await db.insertInto('operations').values({
        id: op.id, name: op.name, time_zone: op.timeZone, licenses: op.licenses, acw_s: op.acwS, created_at: new Date(now),
      }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
      return row !== undefined;
    },
    async lock(id) {
      const row = await db.selectFrom('operations').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
      return row && toOperation(row);
    },
    async update(op) {
      await db.updateTable('operations').set({ name: op.name, time_zone: op.timeZone, licenses: op.licenses, acw_s: op.acwS }).where('id', '=', op.id).execute();
    },
    async sizes(operationId) {
      const row = await sql<{ tokens: number; aux_states: number; skills: number; dnc_numbers: number; users: number; trunks: number }>`
        SELECT (SELECT count(*) FROM api_tokens WHERE operation_id = ${operationId} AND revoked_at IS NULL)::int AS tokens,
          (SELECT count(*) FROM users WHERE operation_id = ${operationId} AND deleted_at IS NULL)::int AS users,
          (SELECT count(*) FROM aux_states WHERE operation_id = ${operationId})::int AS aux_states,
          (SELECT count(*) FROM skills WHERE operation_id = ${operationId})::int AS skills,
          (SELECT count(*) FROM dnc_numbers WHERE operation_id = ${operationId})::int AS dnc_numbers,
          (SELECT count(*) FROM trunks WHERE operation_id = ${operationId} AND deleted_at IS NULL)::int AS trunks`.execute(db);
      const r = row.rows[0];
      return { tokens: r?.tokens ?? 0, users: r?.users ?? 0, auxStates: r?.aux_states ?? 0, skills: r?.skills ?? 0, dncNumbers: r?.dnc_numbers ?? 0, trunks: r?.trunks ?? 0 };
    },
    async setOutboundPolicy(operationId: string, policy: OutboundPolicy) {
      await db.updateTable('operations').set({ outbound_policy: JSON.stringify(outboundPolicyToJson(policy)) }).where('id', '=', operationId).execute();
    },
    async auxStateName(operationId, auxId) {
      const row = await db.selectFrom('aux_states').select('name')
        .where('operation_id', '=', operationId).where('id', '=', auxId).executeTakeFirst();
      return row?.name;
    },
    async putAuxState(operationId, auxId, name) {
      await db.insertInto('aux_states').values({ operation_id: operationId, id: auxId, name })
        .onConflict((oc) => oc.columns(['operation_id', 'id']).doUpdateSet({ name })).execute();
    },
    async removeAuxState(operationId, auxId) {
      const r = await db.deleteFrom('aux_states').where('operation_id', '=', operationId).where('id', '=', auxId).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async agentsInAuxState(operationId, auxId) {
      const rows = await db.selectFrom('agents').select('id').where('operation_id', '=', operationId)
        .where((eb) => eb.or([eb.and([eb('state', '=', 'aux'), eb('aux_id', '=', auxId)]), eb.and([eb('next_state', '=', 'aux'), eb('next_aux_id', '=', auxId)])]))
        .orderBy('id').execute();
      return rows.map((r) => r.id);
    },
    async activityCodeExists(operationId, group, code) {
      const row = await db.selectFrom('activity_codes').select('code')
        .where('operation_id', '=', operationId).where('grp', '=', group).where('code', '=', code).executeTakeFirst();
      return row !== undefined;
    },
    async putActivityCode(operationId, group, code, name, flags) {
      const withFlags = flags === undefined ? {} : { flags: [...flags] };
      await db.insertInto('activity_codes').values({ operation_id: operationId, grp: group, code, name, ...withFlags })
        .onConflict((oc) => oc.columns(['operation_id', 'grp', 'code']).doUpdateSet({ name, ...withFlags })).execute();
    },
    async removeActivityCode(operationId, group, code) {
      const r = await db.deleteFrom('activity_codes').where('operation_id', '=', operationId).where('grp', '=', group).where('code', '=', code).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async putSkill(operationId, skillId, name, description) {
      const described = description === undefined ? {} : { description };
      await db.insertInto('skills').values({ operation_id: operationId, id: skillId, name, ...described })
        .onConflict((oc) => oc.columns(['operation_id', 'id']).doUpdateSet({ name, ...described })).execute();
    },
    async nextSkillId(operationId) {
      const r = await db.selectFrom('skills').select((eb) => eb.fn.max('id').as('top')).where('operation_id', '=', operationId).executeTakeFirst();
      return (r?.top ?? 0) + 1;
    },
    async existingSkills(operationId, skillIds) {
      if (skillIds.length === 0) return [];
      const rows = await db.selectFrom('skills').select('id').where('operation_id', '=', operationId).where('id', 'in', skillIds).execute();
      return rows.map((r) => r.id);
    },
  };
}
