// The read model over Kysely: keyset pagination (the cursor is the last key seen), never OFFSET.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Page, ReadModel } from '../../engine/ports/read-model.ts';
import { toAgent } from './agents.ts';
import { toCallback } from './callbacks.ts';
import { toCall } from './calls.ts';
import { toCampaign } from './campaigns.ts';
import { toOperation } from './operations.ts';
import { toRecord } from './records.ts';
import type { AgentsTable, Database } from './schema.ts';
import { toWebhook } from './webhooks.ts';
import { trunkViews } from './trunks.ts';
import { agentPhoneView } from './agent-phones.ts';

export function page<T, K>(rows: T[], limit: number, key: (row: T) => K): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? String(key(last)) : null };
}

const toAgentView = (row: Selectable<AgentsTable> & { skills: number[] }) => ({ ...toAgent(row), skills: row.skills, dni: row.dni, sso: row.sso });

/** The `<ms>_<id>` cursor of a list ordered by a time, then by id. */
function splitCursor(cursor: string): [Date, string] {
  const [at, id] = cursor.split('_');
  return [new Date(Number(at)), id ?? ''];
}

export function readModel(db: Kysely<Database>): ReadModel {
  // An agent with its skills: one array subquery per row, on agent_skills' primary key.
  const agents = () => db.selectFrom('agents').selectAll('agents').select(sql<number[]>`array(
    SELECT s.skill_id FROM agent_skills s WHERE s.operation_id = agents.operation_id AND s.agent_id = agents.id ORDER BY s.skill_id)`.as('skills'));
  return {
    async operations(cursor, limit) {
      let q = db.selectFrom('operations').selectAll();
      if (cursor) q = q.where('id', '>', cursor);
      const rows = await q.orderBy('id').limit(limit + 1).execute();
      return page(rows.map(toOperation), limit, (o) => o.id);
    },
    async agents(f) {
      let q = agents().where('operation_id', '=', f.operationId);
      if (f.state) q = q.where('state', '=', f.state);
      if (f.cursor) q = q.where('id', '>', f.cursor);
      const rows = await q.orderBy('id').limit(f.limit + 1).execute();
      return page(rows.map(toAgentView), f.limit, (a) => a.id);
    },
    async agent(operationId, agentId) {
      const row = await agents().where('operation_id', '=', operationId).where('id', '=', agentId).executeTakeFirst();
      return row && toAgentView(row);
    },
    async calls(f) {
      let q = db.selectFrom('calls').selectAll().where('operation_id', '=', f.operationId);
      if (f.agentId) q = q.where('agent_id', '=', f.agentId);
      if (f.campaignId) q = q.where('campaign_id', '=', f.campaignId);
      if (f.state) q = q.where('state', '=', f.state);
      // The calls_live partial index (state <> 'ended') serves this.
      if (f.live) q = q.where('state', '<>', sql.lit('ended'));
      if (f.from !== undefined) q = q.where('placed_at', '>=', new Date(f.from));
      if (f.to !== undefined) q = q.where('placed_at', '<', new Date(f.to));
      if (f.cursor) {
        const [at, id] = splitCursor(f.cursor);
        q = q.where((eb) => eb.or([eb('placed_at', '<', at), eb.and([eb('placed_at', '=', at), eb('id', '<', id)])]));
      }
      const rows = await q.orderBy('placed_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
      return page(rows.map(toCall), f.limit, (c) => `${c.placedAt}_${c.id}`);
    },
    async call(operationId, callId) {
      const row = await db.selectFrom('calls').selectAll().where('operation_id', '=', operationId).where('id', '=', callId).executeTakeFirst();
      return row && toCall(row);
    },
    async campaigns(f) {
      let q = db.selectFrom('campaigns').selectAll().where('operation_id', '=', f.operationId);
      if (f.status) q = q.where('status', '=', f.status);
      if (f.type) q = q.where('type', '=', f.type);
      if (f.cursor) q = q.where('id', '>', f.cursor);
      const rows = await q.orderBy('id').limit(f.limit + 1).execute();
      return page(rows.map(toCampaign), f.limit, (c) => c.id);
    },
    async campaign(operationId, campaignId) {
      const row = await db.selectFrom('campaigns').selectAll().where('operation_id', '=', operationId).where('id', '=', campaignId).executeTakeFirst();
      return row && toCampaign(row);
    },
    async records(f) {
      // (campaign_id, customer_id) is the primary key's order: every page is an index range.
      let q = db.selectFrom('records').selectAll().where('operation_id', '=', f.operationId);
      if (f.campaignId) q = q.where('campaign_id', '=', f.campaignId);
      if (f.customerId) q = q.where('customer_id', '=', f.customerId);
      if (f.phone) q = q.where(sql<boolean>`phones @> ARRAY[${f.phone}]::text[]`);
      if (f.name) {
        // Contains, in any case: LIKE's own characters in the name are taken as themselves.
        const pattern = `%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where(sql<boolean>`concat_ws(' ', data->>'customer_name', data->>'customer_last_name') ILIKE ${pattern}`);
      }
      if (f.status) q = q.where('status', '=', f.status);
      if (f.cursor) {
        const cut = f.cursor.indexOf('_');
        const [campaignId, customerId] = [f.cursor.slice(0, cut), f.cursor.slice(cut + 1)];
        q = q.where((eb) => eb.or([eb('campaign_id', '>', campaignId), eb.and([eb('campaign_id', '=', campaignId), eb('customer_id', '>', customerId)])]));
      }
      const rows = await q.orderBy('campaign_id').orderBy('customer_id').limit(f.limit + 1).execute();
      return page(rows.map(toRecord), f.limit, (r) => `${r.campaignId}_${r.customerId}`);
    },
    async callbacks(f) {
      let q = db.selectFrom('callbacks').selectAll().where('operation_id', '=', f.operationId);
      if (f.agentId) q = q.where('agent_id', '=', f.agentId);
      if (f.campaignId) q = q.where('campaign_id', '=', f.campaignId);
      if (f.status) q = q.where('status', '=', f.status);
      if (f.from !== undefined) q = q.where('due_at', '>=', new Date(f.from));
      if (f.to !== undefined) q = q.where('due_at', '<', new Date(f.to));
      if (f.cursor) {
        const [at, id] = splitCursor(f.cursor);
        q = q.where((eb) => eb.or([eb('due_at', '>', at), eb.and([eb('due_at', '=', at), eb('id', '>', id)])]));
      }
      const rows = await q.orderBy('due_at').orderBy('id').limit(f.limit + 1).execute();
      return page(rows.map(toCallback), f.limit, (c) => `${c.dueAt}_${c.id}`);
    },
    async callback(operationId, callbackId) {
      const row = await db.selectFrom('callbacks').selectAll().where('operation_id', '=', operationId).where('id', '=', callbackId).executeTakeFirst();
      return row && toCallback(row);
    },
    async tokens(operationId, cursor, limit) {
      let q = db.selectFrom('api_tokens').select(['id', 'description', 'role', 'agent_id', 'created_at', 'revoked_at']).where('operation_id', '=', operationId);
      if (cursor) q = q.where('id', '>', cursor);
      const rows = await q.orderBy('id').limit(limit + 1).execute();
      return page(rows.map((r) => ({
        id: r.id, description: r.description, principal: { role: r.role, agentId: r.agent_id }, createdAt: r.created_at.getTime(), revokedAt: r.revoked_at?.getTime() ?? null,
      })), limit, (t) => t.id);
    },
    async webhooks(operationId) {
      const rows = await db.selectFrom('webhooks').select(['id', 'operation_id', 'url', 'secret', 'types', 'cursor_seq', 'created_at'])
        .where('operation_id', '=', operationId).where('deleted_at', 'is', null).orderBy('id').execute();
      return rows.map(toWebhook);
    },
    async deliveries(operationId, webhookId, cursor, limit) {
      if (!/^\d{1,18}$/.test(webhookId)) return undefined;
      const hook = await db.selectFrom('webhooks').select(['url', 'secret']).where('operation_id', '=', operationId).where('id', '=', webhookId).executeTakeFirst();
      if (!hook) return undefined;
      let q = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId);
      if (cursor) q = q.where('id', '<', cursor);
      const rows = await q.orderBy('id', 'desc').limit(limit + 1).execute();
      return page(rows.map((r) => ({
        id: r.id, webhookId: r.webhook_id, operationId, url: hook.url, secret: hook.secret, eventSeq: Number(r.event_seq), eventType: r.event_type,
        body: r.body, attempts: r.attempts, status: r.status as 'pending' | 'delivered' | 'failed', nextAttemptAt: r.next_attempt_at.getTime(),
        lastStatus: r.last_status, lastError: r.last_error, createdAt: r.created_at.getTime(), deliveredAt: r.delivered_at?.getTime() ?? null,
      })), limit, (d) => d.id);
    },
    async auxStates(operationId) {
      return db.selectFrom('aux_states').select(['id', 'name']).where('operation_id', '=', operationId).orderBy('id').execute();
    },
    async activityCodes(operationId) {
      const rows = await db.selectFrom('activity_codes').select(['grp', 'code', 'name', 'flags']).where('operation_id', '=', operationId).orderBy('grp').orderBy('code').execute();
      return rows.map((r) => ({ group: r.grp as 1 | 2, code: r.code, name: r.name, flags: r.flags }));
    },
    async skills(operationId) {
      return db.selectFrom('skills').select(['id', 'name', 'description']).where('operation_id', '=', operationId).orderBy('id').execute();
    },
    trunks: (operationId) => trunkViews(db, operationId),
    async trunk(operationId, trunkId) {
      return (await trunkViews(db, operationId, trunkId))[0];
    },
    agentPhone: (operationId, agentId, now) => agentPhoneView(db, operationId, agentId, now),
  };
}
