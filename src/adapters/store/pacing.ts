// Pacing leases (migration 0024), the history a new owner rebuilds its strategy from, and the
// transactional NOTIFY that carries outcomes to the campaign's owner (./pacing-channel.ts listens).
// Every statement works on both stores; on the embedded one there is no channel.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CallResult } from '../../domain/call-state.ts';
import type { PacingRepo } from '../../engine/ports/pacing.ts';
import { schemaLock } from './advisory-locks.ts';
import { writeDeferred } from './deferred.ts';
import { encodePacingMessage } from './pacing-channel.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Where this process's pacing messages go: the channel of its schema, signed with its process id. */
export interface PacingSender {
  channel: string;
  processId: string;
}

/** Calls a rebuild reads at most (a long day of a large team is well under it). */
const historyLimit = 300_000;

export function pacingRepo(db: Db, sender: PacingSender | undefined): PacingRepo {
  return {
    async survey(nowMs, aliveSinceMs) {
      const now = new Date(nowMs);
      const { rows } = await sql<{ operation_id: string; campaign_id: string; owner: string | null }>`
        SELECT c.operation_id, c.id::text AS campaign_id, CASE WHEN l.expires_at > ${now} THEN l.owner END AS owner
        FROM campaigns c LEFT JOIN pacing_leases l ON l.operation_id = c.operation_id AND l.campaign_id = c.id
        WHERE c.status = 'started' AND c.type = 'predictive'
        ORDER BY c.operation_id, c.id`.execute(db);
      const alive = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pacer_processes WHERE heartbeat_at > ${new Date(aliveSinceMs)}`.execute(db);
      return {
        leases: rows.map((r) => ({ operationId: r.operation_id, campaignId: r.campaign_id, owner: r.owner })),
        processes: alive.rows[0]?.n ?? 0,
      };
    },
    async forgetStopped() {
      await sql`DELETE FROM pacing_leases l WHERE NOT EXISTS (SELECT 1 FROM campaigns c
        WHERE c.operation_id = l.operation_id AND c.id = l.campaign_id AND c.status = 'started' AND c.type = 'predictive')`.execute(db);
    },
    async take(key, owner, nowMs, untilMs) {
      const now = new Date(nowMs);
      // Two processes taking a new lease at once: the second waits for the first's insert and
      // then finds it held. `since` stays what it was when the lease changes hands.
      const { rows } = await sql<{ owner: string }>`
        INSERT INTO pacing_leases (operation_id, campaign_id, owner, expires_at, since)
        VALUES (${key.operationId}, ${key.campaignId}, ${owner}, ${new Date(untilMs)}, ${now})
        ON CONFLICT (operation_id, campaign_id) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
        WHERE pacing_leases.owner IS NULL OR pacing_leases.expires_at <= ${now} OR pacing_leases.owner = EXCLUDED.owner
        RETURNING owner`.execute(db);
      return rows.length > 0;
    },
    async renew(owner, untilMs) {
      const { rows } = await sql<{ operation_id: string; campaign_id: string }>`
        UPDATE pacing_leases SET expires_at = ${new Date(untilMs)} WHERE owner = ${owner}
        RETURNING operation_id, campaign_id::text AS campaign_id`.execute(db);
      return rows.map((r) => ({ operationId: r.operation_id, campaignId: r.campaign_id }));
    },
    async release(owner, nowMs, keys) {
      if (keys?.length === 0) return;
      const only = keys === undefined ? sql`` : sql`AND (operation_id, campaign_id::text) IN (SELECT * FROM unnest(${keys.map((k) => k.operationId)}::text[], ${keys.map((k) => k.campaignId)}::text[]))`;
      await sql`UPDATE pacing_leases SET owner = NULL, expires_at = ${new Date(nowMs)} WHERE owner = ${owner} ${only}`.execute(db);
    },
    async releaseAll(nowMs) {
      await sql`UPDATE pacing_leases SET owner = NULL, expires_at = ${new Date(nowMs)} WHERE owner IS NOT NULL`.execute(db);
    },
    async held(key, owner, nowMs) {
      const { rows } = await sql<{ since: Date }>`
        SELECT since FROM pacing_leases WHERE operation_id = ${key.operationId} AND campaign_id = ${key.campaignId}
          AND owner = ${owner} AND expires_at > ${new Date(nowMs)} FOR SHARE`.execute(db);
      const row = rows[0];
      return row && { since: row.since.getTime() };
    },
    async serialize(operationId) {
      await schemaLock('pacing', operationId).execute(db);
    },
    async history(key, fromMs, toMs) {
      const from = new Date(fromMs);
      // The dialer's calls of the campaign by placing time (index calls_campaign); record attempts as isRecordAttempt says.
      const calls = await sql<{ id: string; agent_id: string | null; placed_at: Date; answered_at: Date | null; connected_at: Date | null; ended_at: Date | null; result: string | null; record_attempt: boolean }>`
        SELECT id, agent_id, placed_at, answered_at, connected_at, ended_at, result, customer_id IS NOT NULL AS record_attempt FROM calls
        WHERE operation_id = ${key.operationId} AND campaign_id = ${key.campaignId} AND placed_at >= ${from} AND placed_at < ${new Date(toMs)}
          AND origin = 'campaign' AND parent_call_id IS NULL
        ORDER BY placed_at LIMIT ${historyLimit}`.execute(db);
      // Ends of after-call work since then, of the agents those calls went to (index events_agent_state).
      const agents = [...new Set(calls.rows.flatMap((c) => (c.agent_id === null ? [] : [c.agent_id])))];
      const acw = agents.length === 0 ? { rows: [] } : await sql<{ agent_id: string; at: Date }>`
        SELECT agent_id, at FROM events
        WHERE operation_id = ${key.operationId} AND type = 'agent.state' AND at >= ${from}
          AND data->>'from' = 'acw' AND agent_id = ANY(${agents}::text[])`.execute(db);
      const ms = (d: Date | null) => d?.getTime() ?? null;
      return {
        calls: calls.rows.map((c) => ({
          id: c.id, recordAttempt: c.record_attempt, agentId: c.agent_id, placedAt: c.placed_at.getTime(), answeredAt: ms(c.answered_at), connectedAt: ms(c.connected_at),
          endedAt: ms(c.ended_at), result: c.result as CallResult | null,
        })),
        acwEnds: acw.rows.map((a) => ({ agentId: a.agent_id, at: a.at.getTime() })),
      };
    },
    async publish(message) {
      if (!sender) return;
      // Deferred: it leaves with the transaction's next statement; NOTIFY is delivered at commit, or never.
      await writeDeferred(db, sql`SELECT pg_notify(${sender.channel}, ${encodePacingMessage(sender.processId, message)})`.compile(db));
    },
  };
}
