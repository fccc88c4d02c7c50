// Campaign records: bulk upsert by customer_id, lookups by id or phone, removal with the history
// rules of wolkvox, and the attempts the dialer counts. Clearing records cancels their open
// campaign recalls (owned by no agent): an agent's own callback is that agent's promise.
import { sql, type Kysely, type Transaction } from 'kysely';
import { recordStatus } from '../../domain/campaign.ts';
import type { AttemptRecord, RecordKey, RecordRepo } from '../../engine/ports/records.ts';
import { compiledStatement } from './compiled.ts';
import { writeDeferred } from './deferred.ts';
import { lastCalls } from './record-history.ts';
import { toRecord } from './record-row.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Rows per statement: bounds one statement's memory and lock time. */
const chunk = 5000;
const openCallback = ['pending', 'waiting'];

const date = (ms: number | null | undefined) => (ms === undefined ? undefined : ms === null ? null : new Date(ms));

export { toRecord };

/** An attempt's record as its columns are read (lockAttempts; calls.ts reads them with the call). */
export interface AttemptRecordRow { attempts: number; time_zone: string; max_attempts: number; one_contact_per_day: boolean }

export function toAttemptRecord(row: AttemptRecordRow): AttemptRecord {
  return { attempts: row.attempts, timeZone: row.time_zone, maxAttempts: row.max_attempts, oneContactPerDay: row.one_contact_per_day };
}

// The statements of every attempt's result (compiled.ts): the record locked with its campaign's
// rules for attempts (one round trip: a call's end is on the dialer's path), then its result.
const lockAttempts = compiledStatement((db, k: { operation_id: string; campaign_id: string; customer_id: string }) => db.selectFrom('records')
  .innerJoin('campaigns', (j) => j.onRef('campaigns.operation_id', '=', 'records.operation_id').onRef('campaigns.id', '=', 'records.campaign_id'))
  .select(['records.attempts', 'records.time_zone', 'campaigns.max_attempts', 'campaigns.one_contact_per_day'])
  .where('records.operation_id', '=', k.operation_id).where('records.campaign_id', '=', k.campaign_id).where('records.customer_id', '=', k.customer_id)
  .forUpdate('records').compile());
const saveResult = compiledStatement((db, { key, ...set }: { key: { operation_id: string; campaign_id: string; customer_id: string }; last_result: string; status: string; next_attempt_at: Date | null }) =>
  db.updateTable('records').set(set)
    .where('operation_id', '=', key.operation_id).where('campaign_id', '=', key.campaign_id).where('customer_id', '=', key.customer_id).compile());
const keyColumns = (k: RecordKey) => ({ operation_id: k.operationId, campaign_id: k.campaignId, customer_id: k.customerId });

/** For test/compiled-statements.test.ts. */
export const recordStatements = { lockAttempts, saveResult };

export function recordRepo(db: Db): RecordRepo {
  const byKey = (k: RecordKey) => db.selectFrom('records').selectAll()
    .where('operation_id', '=', k.operationId).where('campaign_id', '=', k.campaignId).where('customer_id', '=', k.customerId);

  return {
    async upsert(operationId, campaignId, records, now) {
      let added = 0;
      // A record without a zone of its own is in its operation's. Named here rather than left to
      // the insert trigger, so that a bulk load runs no function per row.
      const operationZone = records.some((r) => !r.timeZone)
        ? (await db.selectFrom('operations').select('time_zone').where('id', '=', operationId).executeTakeFirst())?.time_zone
        : undefined;
      for (let i = 0; i < records.length; i += chunk) {
        const part = records.slice(i, i + chunk);
        // One statement per chunk, its rows as one JSON parameter: planning stays cheap however
        // many rows it carries, and JSON.stringify is far cheaper than binding each value.
        const rows = JSON.stringify(part.map((r) => ({
          customer_id: r.customerId, data: r.data, phones: r.phones, time_zone: r.timeZone || operationZone,
          recall_date: r.recallDate === null ? null : new Date(r.recallDate).toISOString(), recall_telephone: r.recallTelephone,
        })));
        const result = await sql<{ added: number }>`
          WITH upserted AS (INSERT INTO records AS r (operation_id, campaign_id, customer_id, data, phones, time_zone, recall_date, recall_telephone, created_at)
          SELECT ${operationId}, ${campaignId}, t.customer_id, t.data, t.phones, t.time_zone, t.recall_date, t.recall_telephone, ${new Date(now)}
          FROM jsonb_to_recordset(${rows}::jsonb)
            AS t(customer_id text, data jsonb, phones text[], time_zone text, recall_date timestamptz, recall_telephone text)
          ON CONFLICT (operation_id, campaign_id, customer_id) DO UPDATE SET
            -- Like its fields and phones, an update's zone replaces the record's (none given: the operation's).
            data = excluded.data, phones = excluded.phones, time_zone = excluded.time_zone,
            recall_date = coalesce(excluded.recall_date, r.recall_date),
            recall_telephone = coalesce(excluded.recall_telephone, r.recall_telephone),
            -- A new recall_date reopens a record closed by a disposition, as the recall api does.
            status = CASE WHEN excluded.recall_date IS NULL THEN r.status ELSE ${recordStatus.fresh} END
          -- xmax is 0 on a row this statement inserted, not on one it updated.
          RETURNING (xmax = 0) AS inserted)
          SELECT count(*) FILTER (WHERE inserted)::int AS added FROM upserted`.execute(db);
        added += result.rows[0]?.added ?? 0;
      }
      return { added, updated: records.length - added };
    },

    async lock(key) {
      const row = await byKey(key).forNoKeyUpdate().executeTakeFirst();
      return row && toRecord(row);
    },

    async update(key, change) {
      await db.updateTable('records').set({
        status: change.status, recall_date: date(change.recallDate), recall_telephone: change.recallTelephone,
        cod_act: change.codAct, cod_act_2: change.codAct2, comment: change.comment, next_attempt_at: date(change.nextAttemptAt),
      }).where('operation_id', '=', key.operationId).where('campaign_id', '=', key.campaignId)
        .where('customer_id', '=', key.customerId).execute();
    },

    async reopen(operationId, campaignId, match) {
      // A disposition is the record's (codify) or its last call's (an agent's).
      const lastCode = (column: 'cod_act' | 'cod_act_2') => sql`(SELECT c.${sql.ref(column)} FROM calls c
        WHERE c.operation_id = r.operation_id AND c.campaign_id = r.campaign_id AND c.customer_id = r.customer_id
        ORDER BY c.placed_at DESC, c.id DESC LIMIT 1)`;
      const matches = 'result' in match ? sql`r.last_result = ${match.result}`
        : match.group === 1 ? sql`(r.cod_act = ${match.codAct} OR ${lastCode('cod_act')} = ${match.codAct})`
        : sql`(r.cod_act_2 = ${match.codAct} OR ${lastCode('cod_act_2')} = ${match.codAct})`;
      const result = await sql`
        UPDATE records r SET status = ${recordStatus.fresh}, attempts = 0, last_result = NULL, next_attempt_at = NULL
        WHERE r.operation_id = ${operationId} AND r.campaign_id = ${campaignId} AND r.status <> 'dialing' AND ${matches}`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    async nameIfUnnamed(key, name) {
      await db.updateTable('records').set({ data: sql`data || jsonb_build_object('customer_name', ${name}::text)` })
        .where('operation_id', '=', key.operationId).where('campaign_id', '=', key.campaignId).where('customer_id', '=', key.customerId)
        .where(sql<boolean>`coalesce(data->>'customer_name', '') = ''`).execute();
    },

    async remove(key) {
      await db.deleteFrom('records').where('operation_id', '=', key.operationId).where('campaign_id', '=', key.campaignId)
        .where('customer_id', '=', key.customerId).execute();
    },

    async clear(operationId, campaignId, result) {
      let del = db.deleteFrom('records').where('operation_id', '=', operationId).where('campaign_id', '=', campaignId);
      if (result !== undefined) del = del.where('last_result', '=', result);
      const deleted = await del.executeTakeFirst();
      // The deleted records' callbacks must not fire: cancel every open one whose record is gone.
      await db.updateTable('callbacks').set({ status: 'cancelled' })
        .where('operation_id', '=', operationId).where('campaign_id', '=', campaignId).where('status', 'in', openCallback)
        .where('agent_id', 'is', null)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('records as r').select('r.customer_id')
          .where('r.operation_id', '=', operationId).where('r.campaign_id', '=', campaignId)
          .whereRef('r.customer_id', '=', 'callbacks.customer_id'))))
        .execute();
      return Number(deleted.numDeletedRows);
    },

    async find(query, limit) {
      let q = db.selectFrom('records').selectAll().where('operation_id', '=', query.operationId);
      if (query.campaignId !== undefined) q = q.where('campaign_id', '=', query.campaignId);
      if (query.customerId !== undefined) q = q.where('customer_id', '=', query.customerId);
      if (query.phone !== undefined) q = q.where(sql<boolean>`phones @> ARRAY[${query.phone}]::text[]`);
      const rows = await q.orderBy('campaign_id').orderBy('seq').limit(limit).execute();
      return rows.map(toRecord);
    },

    lastCalls: (keys) => lastCalls(db, keys),

    async hasLiveCall(key) {
      const row = await db.selectFrom('calls').select('id').where('operation_id', '=', key.operationId)
        .where('campaign_id', '=', key.campaignId).where('customer_id', '=', key.customerId)
        .where('state', '<>', sql.lit('ended')).limit(1).executeTakeFirst();
      return row !== undefined;
    },

    async startAttempt(key) {
      const row = await db.updateTable('records').set((eb) => ({ status: 'dialing', attempts: eb('attempts', '+', 1) }))
        .where('operation_id', '=', key.operationId).where('campaign_id', '=', key.campaignId).where('customer_id', '=', key.customerId)
        .returning('attempts').executeTakeFirst();
      return row?.attempts;
    },
    async lockAttempts(key) {
      const { rows: [row] } = await db.executeQuery<AttemptRecordRow>(lockAttempts(db, keyColumns(key)));
      return row && toAttemptRecord(row);
    },
    async saveResult(key, result, status, nextAttemptAt) {
      // Deferred (deferred.ts): nobody reads its answer; it leaves with the transaction's next statement.
      await writeDeferred(db, saveResult(db, { key: keyColumns(key), last_result: result, status, next_attempt_at: nextAttemptAt === null ? null : new Date(nextAttemptAt) }));
    },
    async removeHistory(key) {
      await db.deleteFrom('calls').where('operation_id', '=', key.operationId).where('campaign_id', '=', key.campaignId)
        .where('customer_id', '=', key.customerId).where('state', '=', 'ended')
        .where((eb) => eb.or([eb('result', 'is', null), eb('result', '<>', 'answer')])).execute();
    },

  };
}
