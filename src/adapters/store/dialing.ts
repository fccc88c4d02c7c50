// The dialer's queries: started campaigns, the pacing snapshot and record claims; and for preview
// campaigns, the campaigns an agent works and the record held for it (preview_holds, 0018).
// Claims are `UPDATE … WHERE key IN (SELECT … FOR UPDATE SKIP LOCKED)` (the SELECT as a CTE), so several processes on
// one PostgreSQL never take the same record; every query walks an index of 0001, 0003, 0008 or 0029.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AgentState } from '../../domain/agent-state.ts';
import { inFlightStates, type InFlightState } from '../../domain/call-state.ts';
import type { ClaimedRecord, DialCampaign, DialingRepo, PreviewHold } from '../../engine/ports/dialing.ts';
import { storedSchedule } from './campaigns.ts';
import { storedOutboundPolicy } from './outbound-policy.ts';
import type { CampaignsTable, Database, PreviewHoldsTable } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

type CampaignRow = Pick<Selectable<CampaignsTable>, 'operation_id' | 'id' | 'type' | 'dial_mode' | 'skill_id' | 'max_attempts' | 'speed'
  | 'start_time' | 'end_time' | 'calling_schedule' | 'one_contact_per_day' | 'not_dialling_announced'> & { time_zone: string; outbound_policy: unknown };

function toCampaign(row: CampaignRow, strict = false): DialCampaign {
  return {
    operationId: row.operation_id, id: String(row.id), type: row.type, dialMode: row.dial_mode,
    skillId: row.skill_id, maxAttempts: row.max_attempts, speed: row.speed, startTime: row.start_time, endTime: row.end_time,
    callingSchedule: storedSchedule(row.operation_id, String(row.id), row.calling_schedule, strict), oneContactPerDay: row.one_contact_per_day,
    timeZone: row.time_zone, outboundPolicy: storedOutboundPolicy(row.operation_id, row.outbound_policy),
    notDiallingAnnounced: row.not_dialling_announced,
  };
}

interface ClaimRow { operation_id: string; campaign_id: string; customer_id: string; name: string | null; phone: string; attempts: number; seq: string }

const toClaimed = (r: ClaimRow): ClaimedRecord => ({
  operationId: r.operation_id, campaignId: String(r.campaign_id), customerId: r.customer_id, customerName: r.name,
  phone: r.phone, attempts: r.attempts,
});

export function dialingRepo(db: Db): DialingRepo {
  const columns = ['campaigns.operation_id', 'campaigns.id', 'campaigns.type', 'campaigns.dial_mode', 'campaigns.skill_id',
    'campaigns.max_attempts', 'campaigns.speed', 'campaigns.start_time', 'campaigns.end_time', 'campaigns.calling_schedule',
    'campaigns.one_contact_per_day', 'campaigns.not_dialling_announced', 'operations.time_zone', 'operations.outbound_policy'] as const;
  const campaigns = () => db.selectFrom('campaigns').innerJoin('operations', 'operations.id', 'campaigns.operation_id').select(columns);

  // One claim: the attempt number picks the phone, tel1…tel10 in turn (phones[] is 1-based).
  // Only records whose zone is open now are taken, without a scan: for each open zone the index
  // (operation_id, campaign_id, time_zone, next_attempt_at, seq) yields that zone's first rows in
  // order, at most `limit` each, and the merge keeps the first `limit` of them. A zone's rows
  // locked here but not kept stay untouched and are free again at commit. Never-tried records
  // are ordered by (next_attempt_at, seq) too: next_attempt_at is null for all of them, and the
  // planner reads `IS NULL … ORDER BY seq` from the index only if the null column is named.
  const claim = async (c: DialCampaign, limit: number, retries: boolean, now: Date, zones: readonly string[]): Promise<ClaimRow[]> => {
    const due = retries ? sql`next_attempt_at <= ${now}` : sql`next_attempt_at IS NULL`;
    // The pick is a MATERIALIZED CTE so it runs once: a plain `IN (SELECT … LIMIT n SKIP LOCKED)`
    // may be re-run per row by the planner and then claims far more than n rows. The rows picked
    // (and locked) are updated by their row ids, a TID scan whatever the statistics say: joined on
    // customer_id, a campaign loaded moments ago and not yet analyzed was planned as a nested loop
    // over all its records for every row picked (40,000 records, 1,650 picked: 24 s, past the
    // statement timeout, so a large team's dialer placed nothing; `npm run bench:sip`).
    const result = await sql<ClaimRow>`
      WITH pick AS MATERIALIZED (
        SELECT r.row_id FROM unnest(${[...zones]}::text[]) AS z(time_zone)
        CROSS JOIN LATERAL (
          SELECT ctid AS row_id, next_attempt_at, seq FROM records
          WHERE operation_id = ${c.operationId} AND campaign_id = ${c.id} AND time_zone = z.time_zone AND status = 'fresh'
            AND attempts < ${c.maxAttempts} AND cardinality(phones) > 0
            -- A record with an open campaign recall is called by that recall, at its time.
            AND NOT EXISTS (SELECT 1 FROM callbacks cb WHERE cb.operation_id = records.operation_id
              AND cb.campaign_id = records.campaign_id AND cb.customer_id = records.customer_id
              AND cb.agent_id IS NULL AND cb.status = 'pending')
            AND ${due}
          ORDER BY next_attempt_at, seq LIMIT ${limit} FOR UPDATE SKIP LOCKED) r
        ORDER BY r.next_attempt_at, r.seq LIMIT ${limit})
      UPDATE records r SET status = 'dialing', attempts = r.attempts + 1
      WHERE r.ctid = ANY (ARRAY(SELECT row_id FROM pick))
      RETURNING r.operation_id, r.campaign_id, r.customer_id, r.data->>'customer_name' AS name,
        r.phones[(r.attempts - 1) % cardinality(r.phones) + 1] AS phone, r.attempts, r.seq`.execute(db);
    return result.rows;
  };

  return {
    async startedCampaigns() {
      const rows = await campaigns().where('campaigns.status', '=', 'started').where('campaigns.type', '=', 'predictive')
        .orderBy('campaigns.operation_id').orderBy('campaigns.id').execute();
      return rows.map((r) => toCampaign(r));
    },
    async lockStarted(operationId, campaignId) {
      const row = await campaigns().where('campaigns.operation_id', '=', operationId).where('campaigns.id', '=', campaignId)
        .where('campaigns.status', '=', 'started').forNoKeyUpdate('campaigns').skipLocked().executeTakeFirst();
      return row && toCampaign(row, true);
    },
    async campaign(operationId, campaignId) {
      const row = await campaigns().where('campaigns.operation_id', '=', operationId).where('campaigns.id', '=', campaignId).executeTakeFirst();
      return row && toCampaign(row);
    },
    async agents(operationId, skillId) {
      let q = db.selectFrom('agents').select(['id', 'state', 'state_since', 'next_state'])
        .where('operation_id', '=', operationId).where('state', '<>', 'logout');
      if (skillId !== null) {
        q = q.where('id', 'in', db.selectFrom('agent_skills').select('agent_id')
          .where('operation_id', '=', operationId).where('skill_id', '=', skillId));
      }
      const rows = await q.execute();
      return rows.map((r) => ({ id: r.id, state: r.state as AgentState, stateSince: r.state_since.getTime(), nextState: r.next_state as AgentState | null }));
    },
    async callsInFlight(operationId, campaignIds) {
      if (campaignIds.length === 0) return [];
      // Every pacing decision reads these (a thousand rows and more on a large floor): the instant
      // comes as epoch milliseconds, a number, rather than a timestamp parsed into a Date.
      const rows = await db.selectFrom('calls')
        .select(['state', sql<number>`(extract(epoch from placed_at) * 1000)::float8`.as('placed_ms')])
        .where('operation_id', '=', operationId).where('campaign_id', 'in', campaignIds).where('state', 'in', inFlightStates.map((s) => sql.lit(s)))
        .where('campaign_id', 'is not', null).execute();
      return rows.map((r) => ({ state: r.state as InFlightState, placedAt: r.placed_ms }));
    },
    async waitingCalls(operationId, campaignId) {
      const rows = await db.selectFrom('calls').select('id')
        .where('operation_id', '=', operationId).where('campaign_id', '=', campaignId).where('state', '=', sql.lit('waiting'))
        .where('campaign_id', 'is not', null).orderBy('answered_at').orderBy('id').execute();
      return rows.map((r) => r.id);
    },
    async timeZones(operationId, campaignId) {
      const rows = await db.selectFrom('campaign_zones').select('time_zone')
        .where('operation_id', '=', operationId).where('campaign_id', '=', campaignId).orderBy('time_zone').execute();
      return rows.map((r) => r.time_zone);
    },
    async claimRecords(campaign, nowMs, limit, zones) {
      if (limit <= 0 || zones.length === 0) return [];
      const now = new Date(nowMs);
      const retries = await claim(campaign, limit, true, now, zones);
      const fresh = retries.length < limit ? await claim(campaign, limit - retries.length, false, now, zones) : [];
      // RETURNING has no order: due retries first, then never-tried records, each in load order.
      const bySeq = (a: ClaimRow, b: ClaimRow) => Number(a.seq) - Number(b.seq);
      return [...retries.sort(bySeq), ...fresh.sort(bySeq)].map(toClaimed);
    },
    async nextCampaignRecall(nowMs) {
      const row = await sql<{ due: Date | null }>`
        SELECT min(cb.due_at) AS due FROM callbacks cb
        JOIN campaigns c ON c.operation_id = cb.operation_id AND c.id = cb.campaign_id AND c.status = 'started'
        WHERE cb.agent_id IS NULL AND cb.campaign_id IS NOT NULL AND cb.status = 'pending' AND cb.due_at > ${new Date(nowMs)}`.execute(db);
      return row.rows[0]?.due?.getTime() ?? undefined;
    },
    async previewCampaigns(operationId, agentId) {
      const skills = db.selectFrom('agent_skills').select('skill_id').where('operation_id', '=', operationId).where('agent_id', '=', agentId);
      const rows = await campaigns().select('campaigns.name')
        .where('campaigns.operation_id', '=', operationId).where('campaigns.status', '=', 'started').where('campaigns.type', '=', 'preview')
        .where((eb) => eb.or([eb('campaigns.skill_id', 'is', null), eb('campaigns.skill_id', 'in', skills)]))
        .orderBy('campaigns.id').execute();
      return rows.map((r) => ({ ...toCampaign(r), name: r.name }));
    },
    async heldBy(operationId, agentId, nowMs) {
      const row = await db.selectFrom('preview_holds').selectAll()
        .where('operation_id', '=', operationId).where('agent_id', '=', agentId).where('until', '>', new Date(nowMs))
        .orderBy('until', 'desc').executeTakeFirst();
      return row && toHold(row);
    },
    async pickPreview(c, nowMs, zones) {
      if (zones.length === 0) return undefined;
      const now = new Date(nowMs);
      // A preview campaign is worked by people, a record at a time: a plain ordered scan of the
      // campaign's fresh records (records_dialable) is enough.
      const result = await sql<{ customer_id: string }>`
        SELECT r.customer_id FROM records r
        WHERE r.operation_id = ${c.operationId} AND r.campaign_id = ${c.id} AND r.status = 'fresh'
          AND r.time_zone = ANY(${[...zones]}::text[]) AND r.attempts < ${c.maxAttempts} AND cardinality(r.phones) > 0
          AND (r.next_attempt_at IS NULL OR r.next_attempt_at <= ${now})
          AND NOT EXISTS (SELECT 1 FROM preview_holds h WHERE h.operation_id = r.operation_id AND h.campaign_id = r.campaign_id
            AND h.customer_id = r.customer_id AND h.until > ${now})
        ORDER BY r.next_attempt_at IS NULL, r.next_attempt_at, r.seq
        LIMIT 1 FOR UPDATE OF r SKIP LOCKED`.execute(db);
      return result.rows[0]?.customer_id;
    },
    async lockHold(key) {
      const row = await holdOf(key).forUpdate().executeTakeFirst();
      return row && toHold(row);
    },
    async hold(key, agentId, until) {
      if (agentId !== null) {
        await db.deleteFrom('preview_holds').where('operation_id', '=', key.operationId).where('agent_id', '=', agentId)
          .where((eb) => eb.or([eb('campaign_id', '<>', key.campaignId), eb('customer_id', '<>', key.customerId)])).execute();
      }
      await db.insertInto('preview_holds')
        .values({ operation_id: key.operationId, campaign_id: key.campaignId, customer_id: key.customerId, agent_id: agentId, until: new Date(until) })
        .onConflict((oc) => oc.columns(['operation_id', 'campaign_id', 'customer_id']).doUpdateSet({ agent_id: agentId, until: new Date(until) }))
        .execute();
    },
    async release(key) {
      await db.deleteFrom('preview_holds')
        .where('operation_id', '=', key.operationId).where('campaign_id', '=', key.campaignId).where('customer_id', '=', key.customerId).execute();
    },
    async recordsPresent(operationId, campaignId, zones, nowMs) {
      if (zones.length === 0) return [];
      // Three probes of records_dialable per zone: any pending, any never tried, the first retry due.
      const { rows } = await sql<{ time_zone: string; pending: boolean; due: boolean }>`
        SELECT z.time_zone,
          EXISTS (SELECT 1 FROM records WHERE operation_id = ${operationId} AND campaign_id = ${campaignId}
            AND time_zone = z.time_zone AND status = 'fresh') AS pending,
          EXISTS (SELECT 1 FROM records WHERE operation_id = ${operationId} AND campaign_id = ${campaignId}
            AND time_zone = z.time_zone AND status = 'fresh' AND next_attempt_at IS NULL)
          OR EXISTS (SELECT 1 FROM records WHERE operation_id = ${operationId} AND campaign_id = ${campaignId}
            AND time_zone = z.time_zone AND status = 'fresh' AND next_attempt_at <= ${new Date(nowMs)}) AS due
        FROM unnest(${[...zones]}::text[]) AS z(time_zone)`.execute(db);
      return rows.map((r) => ({ timeZone: r.time_zone, pending: r.pending, due: r.due }));
    },
  };

  function holdOf(key: { operationId: string; campaignId: string; customerId: string }) {
    return db.selectFrom('preview_holds').selectAll()
      .where('operation_id', '=', key.operationId).where('campaign_id', '=', key.campaignId).where('customer_id', '=', key.customerId);
  }
}

const toHold = (r: Selectable<PreviewHoldsTable>): PreviewHold => ({
  campaignId: String(r.campaign_id), customerId: r.customer_id, agentId: r.agent_id, until: r.until.getTime(),
});
