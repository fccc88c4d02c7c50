// What campaign.php tells of records beside their fields: the last call of each (find_record), and
// the records managed in a date range with their last call there (detail). Read by the indexes of
// migration 0022; nothing is locked.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { LastCall, ManagedRecord } from '../../engine/ports/campaigns.ts';
import type { RecordKey } from '../../engine/ports/records.ts';
import { toRecord } from './record-row.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

interface CallRow {
  id: string; placed_at: Date; agent_id: string | null; phone: string; result: string | null;
  cod_act: string | null; cod_act_2: string | null; comments: string | null;
}

const lastCallOf = (r: CallRow): LastCall => ({
  connId: r.id, placedAt: r.placed_at.getTime(), agentId: r.agent_id, phone: r.phone, result: r.result,
  codAct: r.cod_act, codAct2: r.cod_act_2, comments: r.comments,
});

export async function lastCalls(db: Db, keys: readonly RecordKey[]): Promise<(LastCall | null)[]> {
  if (keys.length === 0) return [];
  // One index probe per record (calls_record), newest first.
  const rows = await sql<CallRow & { n: number }>`
    SELECT k.n, c.* FROM unnest(${keys.map((k) => k.operationId)}::text[], ${keys.map((k) => k.campaignId)}::bigint[],
      ${keys.map((k) => k.customerId)}::text[]) WITH ORDINALITY AS k(operation_id, campaign_id, customer_id, n)
    CROSS JOIN LATERAL (
      SELECT c.id, c.placed_at, c.agent_id, c.phone, c.result, c.cod_act, c.cod_act_2, c.comments FROM calls c
      WHERE c.operation_id = k.operation_id AND c.campaign_id = k.campaign_id AND c.customer_id = k.customer_id
      ORDER BY c.placed_at DESC, c.id DESC LIMIT 1) c`.execute(db);
  const found = new Map(rows.rows.map((r) => [Number(r.n), lastCallOf(r)]));
  return keys.map((_, i) => found.get(i + 1) ?? null);
}

export async function managedRecords(db: Db, operationId: string, campaignId: string, from: number, to: number, codified: boolean, limit: number): Promise<ManagedRecord[]> {
  const [start, end] = [new Date(from), new Date(to)];
  const rows = await sql<CallRow & { customer_id: string; managed_at: Date; call_id: string | null; customer_name: string | null; recalls: string; next_recall: Date | null }>`
    WITH last AS (
      SELECT DISTINCT ON (customer_id) customer_id, id, placed_at, agent_id, phone, result, cod_act, cod_act_2, comments, customer_name
      FROM calls
      WHERE operation_id = ${operationId} AND campaign_id = ${campaignId} AND customer_id IS NOT NULL
        AND placed_at >= ${start} AND placed_at <= ${end}
      ORDER BY customer_id, placed_at DESC, id DESC),
    coded AS (
      SELECT data->>'customer_id' AS customer_id, max(at) AS at FROM events
      WHERE ${codified} AND operation_id = ${operationId} AND campaign_id = ${campaignId} AND type = 'record.codified'
        AND at >= ${start} AND at <= ${end}
      GROUP BY 1),
    managed AS (
      SELECT customer_id, placed_at AS managed_at FROM last
      UNION ALL
      SELECT customer_id, at FROM coded WHERE customer_id IS NOT NULL AND customer_id NOT IN (SELECT customer_id FROM last))
    SELECT m.customer_id, m.managed_at, l.id AS call_id, l.id, l.placed_at, l.agent_id, l.phone, l.result, l.cod_act, l.cod_act_2,
      l.comments, l.customer_name,
      r.recalls, r.next_recall
    FROM managed m LEFT JOIN last l ON l.customer_id = m.customer_id
    CROSS JOIN LATERAL (
      SELECT count(*) AS recalls, min(cb.due_at) FILTER (WHERE cb.status IN ('pending', 'waiting')) AS next_recall FROM callbacks cb
      WHERE cb.operation_id = ${operationId} AND cb.campaign_id = ${campaignId} AND cb.customer_id = m.customer_id) r
    ORDER BY m.managed_at, m.customer_id
    LIMIT ${limit}`.execute(db);
  const ids = rows.rows.map((r) => r.customer_id);
  const records = ids.length === 0 ? [] : await db.selectFrom('records').selectAll()
    .where('operation_id', '=', operationId).where('campaign_id', '=', campaignId)
    .where(sql<boolean>`customer_id = ANY(${ids}::text[])`).execute();
  const byId = new Map(records.map((r) => [r.customer_id, toRecord(r)]));
  return rows.rows.map((r) => ({
    customerId: r.customer_id, managedAt: r.managed_at.getTime(), lastCall: r.call_id === null ? null : lastCallOf(r),
    customerName: r.customer_name, record: byId.get(r.customer_id) ?? null, recalls: Number(r.recalls),
    nextRecallAt: r.next_recall?.getTime() ?? null,
  }));
}
