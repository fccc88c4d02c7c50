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
      // A new subscription starts after the events that already exist.
      const row = await sql<WebhookRow>`
        INSERT INTO webhooks (operation_id, url, secret, types, cursor_seq, created_at)
        SELECT ${w.operationId}, ${w.url}, ${w.secret}, ${w.types}, o.event_seq, ${new Date(w.createdAt)}
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
    async lockActive(limit) {
      const rows = await db.selectFrom('webhooks').select(['id', 'operation_id', 'url', 'secret', 'types', 'cursor_seq', 'created_at'])
        .where('deleted_at', 'is', null).orderBy('id').limit(limit).forUpdate().skipLocked().execute();
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
    async claimDue(now, leaseUntil, limit) {
      const rows = await sql<{
        id: string; webhook_id: string; url: string; secret: string; event_seq: string; event_type: string; body: string;
        attempts: number; status: Delivery['status']; next_attempt_at: Date; last_status: number | null; last_error: string | null;
        created_at: Date; delivered_at: Date | null;
      }>`
        UPDATE webhook_deliveries d SET next_attempt_at = ${new Date(leaseUntil)}
        FROM webhooks w
        WHERE d.id IN (
          SELECT q.id FROM webhook_deliveries q JOIN webhooks h ON h.id = q.webhook_id
          WHERE q.status = 'pending' AND q.next_attempt_at <= ${new Date(now)} AND h.deleted_at IS NULL
          ORDER BY q.next_attempt_at, q.id LIMIT ${limit} FOR UPDATE OF q SKIP LOCKED)
          AND w.id = d.webhook_id
        RETURNING d.id, d.webhook_id, w.url, w.secret, d.event_seq, d.event_type, d.body, d.attempts, d.status,
          d.next_attempt_at, d.last_status, d.last_error, d.created_at, d.delivered_at`.execute(db);
      return rows.rows.map((r) => ({
        id: r.id, webhookId: r.webhook_id, url: r.url, secret: r.secret, eventSeq: Number(r.event_seq), eventType: r.event_type,
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
