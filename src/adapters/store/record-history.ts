// What campaign.php tells of records beside their fields: the last call of each (find_record), the
// records managed in a date range with their last call there (detail), and every record of a
// campaign with its calls and recalls (campaign_15). Read by the indexes of migration 0022;
// nothing is locked.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ExportedRecord, LastCall, ManagedRecord } from '../../engine/ports/campaigns.ts';
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

interface ExportRow {
  customer_id: string; call_id: string | null; placed_at: Date | null; agent_id: string | null; phone: string | null; result: string | null;
  cod_act: string | null; cod_act_2: string | null; comments: string | null; code_name_1: string | null; code_name_2: string | null;
  recalls: string; recall_at: Date | null; recall_phone: string | null; history: { at: string; result: string | null; phone: string }[];
}

export async function exportRecords(db: Db, operationId: string, campaignId: string, limit: number): Promise<ExportedRecord[]> {
  // Per record: its last call, the names of its codes, its callbacks and its next open one, and
  // every call to it (each read by index: calls_record, callbacks_record).
  const rows = await sql<ExportRow>`
    SELECT r.customer_id, l.id AS call_id, l.placed_at, l.agent_id, l.phone, l.result, l.cod_act, l.cod_act_2, l.comments,
      a1.name AS code_name_1, a2.name AS code_name_2, cb.recalls, nx.due_at AS recall_at, nx.phone AS recall_phone,
      (SELECT coalesce(json_agg(json_build_object('at', c.placed_at, 'result', c.result, 'phone', c.phone) ORDER BY c.placed_at, c.id), '[]'::json)
        FROM calls c WHERE c.operation_id = r.operation_id AND c.campaign_id = r.campaign_id AND c.customer_id = r.customer_id) AS history
    FROM records r
    LEFT JOIN LATERAL (
      SELECT c.id, c.placed_at, c.agent_id, c.phone, c.result, c.cod_act, c.cod_act_2, c.comments FROM calls c
      WHERE c.operation_id = r.operation_id AND c.campaign_id = r.campaign_id AND c.customer_id = r.customer_id
      ORDER BY c.placed_at DESC, c.id DESC LIMIT 1) l ON true
    LEFT JOIN activity_codes a1 ON a1.operation_id = r.operation_id AND a1.grp = 1 AND a1.code = coalesce(l.cod_act, r.cod_act)
    LEFT JOIN activity_codes a2 ON a2.operation_id = r.operation_id AND a2.grp = 2 AND a2.code = coalesce(l.cod_act_2, r.cod_act_2)
    CROSS JOIN LATERAL (
      SELECT count(*) AS recalls FROM callbacks x WHERE x.operation_id = r.operation_id AND x.campaign_id = r.campaign_id AND x.customer_id = r.customer_id) cb
    LEFT JOIN LATERAL (
      SELECT x.due_at, x.phone FROM callbacks x WHERE x.operation_id = r.operation_id AND x.campaign_id = r.campaign_id AND x.customer_id = r.customer_id
        AND x.status IN ('pending', 'waiting') ORDER BY x.due_at LIMIT 1) nx ON true
    WHERE r.operation_id = ${operationId} AND r.campaign_id = ${campaignId}
    ORDER BY r.seq
    LIMIT ${limit}`.execute(db);
  const records = rows.rows.length === 0 ? [] : await db.selectFrom('records').selectAll()
    .where('operation_id', '=', operationId).where('campaign_id', '=', campaignId)
    .where(sql<boolean>`customer_id = ANY(${rows.rows.map((r) => r.customer_id)}::text[])`).execute();
  const byId = new Map(records.map((r) => [r.customer_id, toRecord(r)]));
  return rows.rows.flatMap((r) => {
    const record = byId.get(r.customer_id);
    if (!record) return [];
    const lastCall = r.call_id === null || r.placed_at === null ? null : lastCallOf({ ...r, id: r.call_id, placed_at: r.placed_at, phone: r.phone ?? '' });
    return [{
      record, lastCall, codeNames: [r.code_name_1, r.code_name_2] as const, recalls: Number(r.recalls),
      nextRecall: r.recall_at === null ? null : { dueAt: r.recall_at.getTime(), phone: r.recall_phone ?? '' },
      history: r.history.map((h) => ({ placedAt: Date.parse(h.at), result: h.result, phone: h.phone })),
    }];
  });
}
