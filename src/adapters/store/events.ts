// The append-only event log and its sequencer (see migrations/0004_event_sequence.sql, 0027_event_numbers.sql and 0028_event_pending.sql).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { EventInput, EventRepo, StoredEvent } from '../../engine/ports/events.ts';
import type { Database } from './schema.ts';
import { compiledStatement } from './compiled.ts';
import { writeDeferred } from './deferred.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function eventRow(e: EventInput) {
  return {
    operation_id: e.operationId, at: new Date(e.at), type: e.type, agent_id: e.agentId ?? null,
    campaign_id: e.campaignId ?? null, call_id: e.callId ?? null, data: JSON.stringify(e.data ?? {}),
  };
}

/** An event's insert (compiled.ts: the same text for every event). */
export const insertEvent = compiledStatement((db, row: ReturnType<typeof eventRow>) => db.insertInto('events').values(row).compile());

/** The most events one sequencer pass numbers. */
const passLimit = 5000;
/** Planner settings a pass turns off for its own statements (why: sequence()). */
const passOff = ['enable_seqscan', 'enable_hashjoin', 'enable_mergejoin', 'jit'] as const;
const setAll = (values: readonly string[]) => sql.join(passOff.map((name, i) => sql`set_config(${name}, ${values[i] ?? 'on'}, true)`));

export function eventRepo(db: Db): EventRepo {
  return {
    async append(e) {
      // Deferred (deferred.ts): nobody reads the answer of an append.
      await writeDeferred(db, insertEvent(db, eventRow(e)));
    },

    async sequence() {
      // One sequencer at a time across processes: the pass holds the sequencer's row. Read with
      // FOR UPDATE, the row is its latest version even when this statement's snapshot is older,
      // and the next statement's snapshot, taken after the lock, sees every number given before.
      //
      // The row says where the events without a number are (migrations/0028_event_pending.sql):
      // in transactions from `horizon` on, or in the transactions listed in `pending`. Everything
      // else has its number. A pass numbers what it sees there, whole transactions in the order of
      // their ids, then moves the horizon to its snapshot's xmax and lists as pending the
      // transactions the snapshot saw in progress (and its own: an event the caller appends after
      // the pass). A transaction left open for long, anywhere on the server, is one entry of the
      // list: the horizon moves on, and a pass reads only the newest events.
      //
      // A young table without statistics makes the planner expect a third of it above any horizon
      // and read events whole every pass (measured: twelve full scans a second on a bench's fresh
      // schema), so this transaction's plans take no whole-table scan or hash. A path so refused
      // still counts as very costly where it is the only one (the one-row event_sequencer), which
      // would make PostgreSQL compile the statement to machine code every pass (measured: 150 ms
      // of its CPU each): no JIT either. The caller's own settings come back at the end of the pass.
      const { rows: [state] } = await sql<{ horizon: string; pending: string[]; settings: string[] }>`
        SELECT horizon::text AS horizon, pending::text[] AS pending,
          ARRAY[${sql.join(passOff.map((name) => sql`current_setting(${name})`))}] AS settings
        FROM event_sequencer FOR UPDATE`.execute(db);
      if (!state) throw new Error('event_sequencer has no row: the migrations did not run');
      await sql`SELECT ${setAll(passOff.map(() => 'off'))}`.execute(db);
      const numbered = await sql<{ n: string; more: boolean }>`
        WITH pass AS (
          SELECT pg_current_snapshot() AS snap, pg_current_xact_id_if_assigned() AS own
        ), seen AS (
          -- Two reads of events_tx, each by its own condition (an OR of the two would read the
          -- whole index in order and filter it). The caller's own events wait for its commit:
          -- numbered now, an event appended after the pass in the same transaction could not be
          -- told from them.
          SELECT c.id, c.operation_id, c.tx FROM (
            SELECT e.id, e.operation_id, e.tx FROM events e WHERE e.tx >= ${state.horizon}::xid8
            UNION ALL
            SELECT e.id, e.operation_id, e.tx FROM events e WHERE e.tx = ANY(${state.pending}::xid8[]) AND e.tx < ${state.horizon}::xid8
          ) c, pass
          WHERE pass.own IS NULL OR c.tx <> pass.own
          ORDER BY c.tx, c.id
          LIMIT ${passLimit + 1}
        ), edge AS (
          SELECT count(*) > ${passLimit} AS over, min(tx) AS first, max(tx) AS last FROM seen
        ), bound AS (
          -- Every transaction seen below it is numbered whole by this pass, none from it on.
          SELECT CASE
            WHEN NOT edge.over THEN pg_snapshot_xmax(pass.snap)
            WHEN edge.last > edge.first THEN edge.last
            ELSE (edge.first::text::numeric + 1)::text::xid8 -- one transaction more than a pass: all of it
          END AS b
          FROM edge, pass
        ), taken AS (
          SELECT s.id, s.operation_id FROM seen s, bound WHERE s.tx < bound.b
          UNION ALL
          SELECT e.id, e.operation_id FROM events e, edge
          WHERE edge.over AND edge.last = edge.first AND e.tx = edge.first AND e.id > (SELECT max(id) FROM seen)
        ), ready AS (
          SELECT id, operation_id, row_number() OVER (PARTITION BY operation_id ORDER BY id) AS n FROM taken
        ), tops AS MATERIALIZED (
          -- Each operation's last number: one step down its (operation_id, seq) key, once per
          -- operation before the insert. Left to the planner, the step ran for every row inserted,
          -- each stepping over the rows this statement had inserted before it: a pass of 5,000
          -- fetched 12.5 million heap tuples (1.7 s).
          SELECT o.operation_id, coalesce((SELECT max(x.seq) FROM event_numbers x WHERE x.operation_id = o.operation_id), 0) AS top
          FROM (SELECT DISTINCT operation_id FROM ready) o
        ), numbered AS (
          INSERT INTO event_numbers (operation_id, seq, event_id)
          SELECT r.operation_id, t.top + r.n, r.id FROM ready r JOIN tops t ON t.operation_id = r.operation_id
          RETURNING 1
        ), next AS (
          SELECT greatest(${state.horizon}::xid8, bound.b) AS horizon, ARRAY(
            SELECT DISTINCT x FROM (
              SELECT pg_snapshot_xip(pass.snap) FROM pass
              UNION ALL SELECT p FROM unnest(${state.pending}::xid8[]) p WHERE p >= bound.b
              UNION ALL SELECT own FROM pass WHERE own IS NOT NULL
            ) AS waiting(x)
            WHERE x < greatest(${state.horizon}::xid8, bound.b) ORDER BY x) AS pending
          FROM bound
        ), moved AS (
          UPDATE event_sequencer s SET horizon = next.horizon, pending = next.pending FROM next
          WHERE s.horizon <> next.horizon OR s.pending <> next.pending
          RETURNING 1
        )
        SELECT count(*) AS n, (SELECT over FROM edge) AS more, (SELECT count(*) FROM moved) AS moved, ${setAll(state.settings)} FROM numbered`.execute(db);
      const row = numbered.rows[0];
      return { numbered: Number(row?.n ?? 0), more: row?.more === true };
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
