// The append-only event log and its sequencer (see migrations/0004_event_sequence.sql).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { EventInput, EventRepo, StoredEvent } from '../../engine/ports/events.ts';
import type { Database } from './schema.ts';
import { writeDeferred } from './deferred.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function eventRow(e: EventInput) {
  return {
    operation_id: e.operationId, at: new Date(e.at), type: e.type, agent_id: e.agentId ?? null,
    campaign_id: e.campaignId ?? null, call_id: e.callId ?? null, data: JSON.stringify(e.data ?? {}),
  };
}

export function eventRepo(db: Db): EventRepo {
  return {
    async append(e) {
      // Deferred (deferred.ts): nobody reads the answer of an append.
      await writeDeferred(db, db.insertInto('events').values(eventRow(e)).compile());
    },

    async sequence() {
      // One sequencer at a time across processes. The next statement's snapshot is taken after
      // the lock, so it sees every number given before and continues after them.
      await sql`SELECT pg_advisory_xact_lock(7142002)`.execute(db);
      const numbered = await sql<{ n: string }>`
        WITH ready AS (
          SELECT id, operation_id, row_number() OVER (PARTITION BY operation_id ORDER BY id) AS n
          FROM events
          WHERE seq IS NULL
          ORDER BY id
          LIMIT 5000
        ), counts AS (
          SELECT operation_id, count(*) AS cnt FROM ready GROUP BY operation_id
        ), bumped AS (
          UPDATE operations o SET event_seq = o.event_seq + c.cnt FROM counts c
          WHERE o.id = c.operation_id
          RETURNING o.id, o.event_seq AS top
        ), numbered AS (
          UPDATE events e SET seq = b.top - c.cnt + r.n
          FROM ready r JOIN counts c ON c.operation_id = r.operation_id JOIN bumped b ON b.id = r.operation_id
          WHERE e.id = r.id
          RETURNING 1
        )
        SELECT count(*) AS n FROM numbered`.execute(db);
      return Number(numbered.rows[0]?.n ?? 0);
    },

    async list(q) {
      let query = db.selectFrom('events').select(['seq', 'operation_id', 'at', 'type', 'agent_id', 'campaign_id', 'call_id', 'data'])
        .where('operation_id', '=', q.operationId).where('seq', 'is not', null).where('seq', '>', String(q.afterSeq));
      if (q.agentId !== undefined) query = query.where('agent_id', '=', q.agentId);
      if (q.campaignId !== undefined) query = query.where('campaign_id', '=', q.campaignId);
      if (q.types?.length) {
        const types = q.types;
        // A prefix is a prefix: LIKE's own wildcards (% and _) and its escape are escaped.
        query = query.where((eb) => eb.or(types.map((t) => (t.endsWith('.')
          ? sql<boolean>`${eb.ref('type')} LIKE ${`${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`
          : eb('type', '=', t)))));
      }
      const rows = await query.orderBy('seq').limit(q.limit).execute();
      return rows.map((r): StoredEvent => ({
        seq: Number(r.seq), operationId: r.operation_id, at: r.at.getTime(), type: r.type, agentId: r.agent_id,
        campaignId: r.campaign_id, callId: r.call_id, data: r.data,
      }));
    },
    async latestSeq(operationId) {
      // One step down the (operation_id, seq) index from its end.
      const row = await db.selectFrom('events').select('seq').where('operation_id', '=', operationId).where('seq', 'is not', null)
        .orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return row ? Number(row.seq) : 0;
    },
  };
}
