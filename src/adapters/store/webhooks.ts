// Webhook subscriptions and deliveries.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Delivery, Webhook, WebhookRepo } from '../../engine/ports/webhooks.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

interface WebhookRow { id: string; operation_id: string; url: string; secret: string; types: string[]; cursor_seq: string; created_at: Date }

export function toWebhook(r: WebhookRow): Webhook {
  return { id: r.id, operationId: r.operation_id, url: r.url, secret: r.secret, types: r.types, cursorSeq: Number(r.cursor_seq), createdAt: r.created_at.getTime() };
}

export function webhookRepo(db: Db): WebhookRepo {
  return {
    async create(w) {
      // A new subscription starts after the events that already exist (the last number given).
      const row = await sql<WebhookRow>`
        INSERT INTO webhooks (operation_id, url, secret, types, cursor_seq, created_at)
        SELECT ${w.operationId}, ${w.url}, ${w.secret}, ${w.types},
          coalesce((SELECT max(x.seq) FROM event_numbers x WHERE x.operation_id = o.id), 0), ${new Date(w.createdAt)}
        FROM operations o WHERE o.id = ${w.operationId}
        RETURNING id, operation_id, url, secret, types, cursor_seq, created_at`.execute(db);
      const created = row.rows[0];
      if (!created) throw new Error(`operation ${w.operationId} vanished`);
      return toWebhook(created);
    },
    async remove(operationId, id, now) {
      if (!/^\d{1,18}$/.test(id)) return false;
      const r = await db.updateTable('webhooks').set({ deleted_at: new Date(now) })
        .where('operation_id', '=', operationId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async countActive(operationId) {
      const row = await db.selectFrom('webhooks').select((eb) => eb.fn.countAll<string>().as('n'))
        .where('operation_id', '=', operationId).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async dropPending(webhookId, reason) {
      if (!/^\d{1,18}$/.test(webhookId)) return;
      await db.updateTable('webhook_deliveries').set({ status: 'failed', last_error: reason })
        .where('webhook_id', '=', webhookId).where('status', '=', 'pending').execute();
    },
    async anyActive() {
      return (await db.selectFrom('webhooks').select('id').where('deleted_at', 'is', null).limit(1).executeTakeFirst()) !== undefined;
    },
    async lockWithNewEvents(limit, round) {
      // Least recently fanned out first, each once a round: however many are busy, each gets its turn.
      const rows = await db.selectFrom('webhooks as h').select(['h.id', 'h.operation_id', 'h.url', 'h.secret', 'h.types', 'h.cursor_seq', 'h.created_at'])
        .where('h.deleted_at', 'is', null)
        .where((eb) => eb.or([eb('h.fanned_at', 'is', null), eb('h.fanned_at', '<', new Date(round))]))
        .where((eb) => eb.exists(eb.selectFrom('event_numbers as n').select('n.seq')
          .whereRef('n.operation_id', '=', 'h.operation_id').whereRef('n.seq', '>', 'h.cursor_seq')))
        .orderBy(sql`h.fanned_at NULLS FIRST`).orderBy('h.id').limit(limit).forUpdate().skipLocked().execute();
      // Marked now, in the same transaction: a subscription whose fan-out fails still yields its turn.
      if (rows.length > 0) await db.updateTable('webhooks').set({ fanned_at: new Date(round) }).where('id', 'in', rows.map((r) => r.id)).execute();
      return rows.map(toWebhook);
    },
    async advance(id, cursorSeq) {
      await db.updateTable('webhooks').set({ cursor_seq: String(cursorSeq) }).where('id', '=', id).execute();
    },
    async enqueue(deliveries, now) {
      if (deliveries.length === 0) return;
      await db.insertInto('webhook_deliveries').values(deliveries.map((d) => ({
        webhook_id: d.webhookId, event_seq: String(d.eventSeq), event_type: d.eventType, body: d.body,
        next_attempt_at: new Date(now), created_at: new Date(now),
      }))).onConflict((oc) => oc.columns(['webhook_id', 'event_seq']).doNothing()).execute();
    },
    async claimDue(now, leaseUntil, { limit, perOperation, busy }) {
      // A few of each subscription's earliest due deliveries (the index walks each one), then at most
      // `perOperation` per operation less what this process has in flight for it, earliest first
      // across operations. Rows another process leased meanwhile fail the re-check and are skipped.
      const busyOps = [...busy.keys()];
      const busyCounts = busyOps.map((op) => busy.get(op) ?? 0);
      const rows = await sql<{
        id: string; webhook_id: string; operation_id: string; url: string; secret: string; event_seq: string; event_type: string; body: string;
        attempts: number; status: Delivery['status']; next_attempt_at: Date; last_status: number | null; last_error: string | null;
        created_at: Date; delivered_at: Date | null;
      }>`
        WITH candidates AS (
          SELECT h.operation_id, c.id, c.next_attempt_at
          FROM webhooks h
          CROSS JOIN LATERAL (
            SELECT q.id, q.next_attempt_at FROM webhook_deliveries q
            WHERE q.webhook_id = h.id AND q.status = 'pending' AND q.next_attempt_at <= ${new Date(now)}
            ORDER BY q.next_attempt_at, q.id LIMIT ${perOperation}) c
          WHERE h.deleted_at IS NULL
        ), ranked AS (
          SELECT c.id, c.next_attempt_at, row_number() OVER (PARTITION BY c.operation_id ORDER BY c.next_attempt_at, c.id) AS place,
            COALESCE(b.n, 0) AS in_flight
          FROM candidates c LEFT JOIN unnest(${busyOps}::text[], ${busyCounts}::int[]) AS b(op, n) ON b.op = c.operation_id
        ), chosen AS (
          SELECT id FROM ranked WHERE place <= ${perOperation} - in_flight ORDER BY place, next_attempt_at, id LIMIT ${limit}
        )
        UPDATE webhook_deliveries d SET next_attempt_at = ${new Date(leaseUntil)}
        FROM webhooks w
        WHERE d.id IN (SELECT id FROM chosen) AND w.id = d.webhook_id
          AND d.status = 'pending' AND d.next_attempt_at <= ${new Date(now)}
        RETURNING d.id, d.webhook_id, w.operation_id, w.url, w.secret, d.event_seq, d.event_type, d.body, d.attempts, d.status,
          d.next_attempt_at, d.last_status, d.last_error, d.created_at, d.delivered_at`.execute(db);
      return rows.rows.map((r) => ({
        id: r.id, webhookId: r.webhook_id, operationId: r.operation_id, url: r.url, secret: r.secret, eventSeq: Number(r.event_seq), eventType: r.event_type,
        body: r.body, attempts: r.attempts, status: r.status, nextAttemptAt: r.next_attempt_at.getTime(), lastStatus: r.last_status,
        lastError: r.last_error, createdAt: r.created_at.getTime(), deliveredAt: r.delivered_at?.getTime() ?? null,
      }));
    },
    async nextDue() {
      // Deleting a webhook fails what it had pending; the join is a second guard, so that no row
      // of a deleted webhook could keep the dispatcher awake.
      const row = await db.selectFrom('webhook_deliveries as d').innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
        .select((eb) => eb.fn.min('d.next_attempt_at').as('at')).where('d.status', '=', 'pending').where('w.deleted_at', 'is', null).executeTakeFirst();
      return row?.at ? new Date(row.at).getTime() : undefined;
    },
    async settle(id, o) {
      // A webhook deleted while this delivery was out gets no retry: failed, not pending forever.
      await sql`
        UPDATE webhook_deliveries d SET
          status = CASE WHEN ${o.status} = 'pending' AND w.deleted_at IS NOT NULL THEN 'failed' ELSE ${o.status} END,
          attempts = ${o.attempts}, next_attempt_at = ${new Date(o.nextAttemptAt)}, last_status = ${o.lastStatus},
          last_error = ${o.lastError}, delivered_at = ${o.deliveredAt === null ? null : new Date(o.deliveredAt)}
        FROM webhooks w WHERE d.id = ${id} AND w.id = d.webhook_id`.execute(db);
    },
  };
}
