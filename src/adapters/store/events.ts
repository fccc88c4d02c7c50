// The append-only event log and its sequencer (see migrations/0004_event_sequence.sql and 0027_event_numbers.sql).
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

/** The most events one sequencer pass numbers. */
const passLimit = 5000;
/** Planner settings a pass turns off for its own statements (why: sequence()). */
const passOff = ['enable_seqscan', 'enable_hashjoin', 'enable_mergejoin', 'jit'] as const;
const setAll = (values: readonly string[]) => sql.join(passOff.map((name, i) => sql`set_config(${name}, ${values[i] ?? 'on'}, true)`));

export function eventRepo(db: Db): EventRepo {
  return {
    async append(e) {
      // Deferred (deferred.ts): nobody reads the answer of an append.
      await writeDeferred(db, db.insertInto('events').values(eventRow(e)).compile());
    },

    async sequence() {
      // One sequencer at a time across processes. The next statement's snapshot is taken after
      // the lock, so it sees every number given before and continues after them. The horizon is
      // read in the lock's own statement, whose snapshot may predate the last pass's commit: a
      // lower horizon only reads more.
      //
      // A pass reads the newest events only, a few hundred at most: by the events_tx index, each
      // probed for its number. A young table without statistics makes the planner expect a third
      // of it above any horizon and read both tables whole every pass (measured: twelve full scans a
      // second on a bench's fresh schema), so this transaction's plans take no whole-table scan or
      // hash. A path so refused still counts as very costly where it is the only one (the
      // one-row event_sequencer), which would make PostgreSQL compile the statement to machine
      // code every pass (measured: 150 ms of its CPU each): no JIT either. The caller's own
      // settings come back at the end of the pass.
      const { rows: [state] } = await sql<{ horizon: string; settings: string[] }>`
        SELECT pg_advisory_xact_lock(7142002)::text AS locked, (SELECT horizon FROM event_sequencer)::text AS horizon,
          ARRAY[${sql.join(passOff.map((name) => sql`current_setting(${name})`))}] AS settings`.execute(db);
      const callers = state?.settings ?? [];
      await sql`SELECT ${setAll(passOff.map(() => 'off'))}`.execute(db);
      const numbered = await sql<{ n: string }>`
        WITH found AS (
          SELECT e.id, e.operation_id FROM events e
          WHERE e.tx >= ${state?.horizon ?? '0'}::xid8
            AND NOT EXISTS (SELECT 1 FROM event_numbers x WHERE x.event_id = e.id)
          ORDER BY e.id
          LIMIT ${passLimit}
        ), ready AS (
          SELECT id, operation_id, row_number() OVER (PARTITION BY operation_id ORDER BY id) AS n FROM found
        ), tops AS (
          -- Each operation's last number: one step down its (operation_id, seq) key.
          SELECT o.operation_id, coalesce((SELECT max(x.seq) FROM event_numbers x WHERE x.operation_id = o.operation_id), 0) AS top
          FROM (SELECT DISTINCT operation_id FROM ready) o
        ), numbered AS (
          INSERT INTO event_numbers (operation_id, seq, event_id)
          SELECT r.operation_id, t.top + r.n, r.id FROM ready r JOIN tops t ON t.operation_id = r.operation_id
          RETURNING 1
        ), moved AS (
          UPDATE event_sequencer SET horizon = pg_snapshot_xmin(pg_current_snapshot())
          WHERE horizon < pg_snapshot_xmin(pg_current_snapshot()) AND (SELECT count(*) FROM found) < ${passLimit}
          RETURNING 1
        )
        SELECT count(*) AS n, ${setAll(callers)} FROM numbered`.execute(db);
      return Number(numbered.rows[0]?.n ?? 0);
    },

    async list(q) {
      let query = db.selectFrom('event_numbers as n').innerJoin('events as e', 'e.id', 'n.event_id')
        .select(['n.seq', 'e.operation_id', 'e.at', 'e.type', 'e.agent_id', 'e.campaign_id', 'e.call_id', 'e.data'])
        .where('n.operation_id', '=', q.operationId).where('n.seq', '>', String(q.afterSeq));
      if (q.agentId !== undefined) query = query.where('e.agent_id', '=', q.agentId);
      if (q.campaignId !== undefined) query = query.where('e.campaign_id', '=', q.campaignId);
      if (q.types?.length) {
        const types = q.types;
        // A prefix is a prefix: LIKE's own wildcards (% and _) and its escape are escaped.
        query = query.where((eb) => eb.or(types.map((t) => (t.endsWith('.')
          ? sql<boolean>`${eb.ref('e.type')} LIKE ${`${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`
          : eb('e.type', '=', t)))));
      }
      const rows = await query.orderBy('n.seq').limit(q.limit).execute();
      return rows.map((r): StoredEvent => ({
        seq: Number(r.seq), operationId: r.operation_id, at: r.at.getTime(), type: r.type, agentId: r.agent_id,
        campaignId: r.campaign_id, callId: r.call_id, data: r.data,
      }));
    },
    async latestSeq(operationId) {
      // One step down the (operation_id, seq) key from its end.
      const row = await db.selectFrom('event_numbers').select('seq').where('operation_id', '=', operationId)
        .orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return row ? Number(row.seq) : 0;
    },
  };
}
