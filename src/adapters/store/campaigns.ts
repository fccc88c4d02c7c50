// Campaigns: per-operation ids, row locks for state changes, and the records of the detail report.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { callingScheduleToJson, closedCallingSchedule, parseCallingSchedule, type CallingSchedule } from '../../domain/calling-schedule.ts';
import type { Campaign, CampaignStatus, CampaignType } from '../../domain/campaign.ts';
import type { CampaignRepo } from '../../engine/ports/campaigns.ts';
import { schemaLock } from './advisory-locks.ts';
import { exportRecords, managedRecords } from './record-history.ts';
import type { CampaignsTable, Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A campaign's stored calling schedule. One that does not read (edited by hand in the database)
 * is never guessed at: it reads as closed, so nothing is dialled for that campaign, and where the
 * dialer takes a campaign for a pacing decision (`strict`) it is an error, logged every tick.
 */
export function storedSchedule(operationId: string, campaignId: string, json: unknown, strict = false): CallingSchedule {
  const check = parseCallingSchedule(json);
  if (check.ok) return check.schedule;
  if (strict) throw new Error(`campaign ${operationId}/${campaignId} has a bad calling_schedule: ${check.reason}`);
  return closedCallingSchedule;
}

export const scheduleColumn = (schedule: CallingSchedule) => JSON.stringify(callingScheduleToJson(schedule));

export function toCampaign(row: Selectable<CampaignsTable>): Campaign {
  return {
    operationId: row.operation_id, id: String(row.id), name: row.name, description: row.description,
    type: row.type as CampaignType, dialMode: row.dial_mode, status: row.status as CampaignStatus, speed: row.speed,
    skillId: row.skill_id, startTime: row.start_time, endTime: row.end_time, enableEdition: row.enable_edition,
    optTitles: row.opt_titles, callingSchedule: storedSchedule(row.operation_id, String(row.id), row.calling_schedule),
    oneContactPerDay: row.one_contact_per_day,
  };
}

export function campaignRepo(db: Db): CampaignRepo {
  return {
    async create(c, now) {
      await schemaLock('campaignIds', c.operationId).execute(db);
      // Ids of deleted campaigns are not reused while their calls remain in the history, so a
      // detail report of a new campaign never shows an old campaign's attempts.
      const next = await sql<{ id: string }>`
        SELECT (greatest(
          (SELECT coalesce(max(id), 0) FROM campaigns WHERE operation_id = ${c.operationId}),
          (SELECT coalesce(max(campaign_id), 0) FROM calls WHERE operation_id = ${c.operationId} AND campaign_id IS NOT NULL)
        ) + 1)::text AS id`.execute(db);
      const id = next.rows[0]?.id ?? '1';
      await db.insertInto('campaigns').values({
        operation_id: c.operationId, id, name: c.name, description: c.description, type: c.type, dial_mode: c.dialMode,
        skill_id: c.skillId, start_time: c.startTime, end_time: c.endTime, enable_edition: c.enableEdition,
        opt_titles: JSON.stringify(c.optTitles), calling_schedule: scheduleColumn(c.callingSchedule),
        one_contact_per_day: c.oneContactPerDay, created_at: new Date(now),
      }).execute();
      return id;
    },

    async get(operationId, campaignId) {
      const row = await db.selectFrom('campaigns').selectAll()
        .where('operation_id', '=', operationId).where('id', '=', campaignId).executeTakeFirst();
      return row && toCampaign(row);
    },

    async lock(operationId, campaignId) {
      // NO KEY UPDATE: serializes changes of the campaign without blocking record loads, which
      // hold KEY SHARE (see share).
      const row = await db.selectFrom('campaigns').selectAll()
        .where('operation_id', '=', operationId).where('id', '=', campaignId).forNoKeyUpdate().executeTakeFirst();
      return row && toCampaign(row);
    },

    async share(operationId, campaignId) {
      // KEY SHARE: record loads run side by side, and beside the dialer and campaign changes; only
      // deleting the campaign waits for them (records have no foreign key: see migration 0010).
      const row = await db.selectFrom('campaigns').selectAll()
        .where('operation_id', '=', operationId).where('id', '=', campaignId).forKeyShare().executeTakeFirst();
      return row && toCampaign(row);
    },

    async update(operationId, campaignId, change) {
      const set = Object.fromEntries(Object.entries({
        status: change.status, speed: change.speed, one_contact_per_day: change.oneContactPerDay,
        calling_schedule: change.callingSchedule && scheduleColumn(change.callingSchedule),
        not_dialling_announced: change.notDiallingAnnounced,
        name: change.name, description: change.description, start_time: change.startTime, end_time: change.endTime,
        skill_id: change.skillId, enable_edition: change.enableEdition, opt_titles: change.optTitles && JSON.stringify(change.optTitles),
      }).filter(([, v]) => v !== undefined));
      // Nothing to change (an edit that names no field) is no statement: UPDATE … SET with nothing is not SQL.
      if (Object.keys(set).length === 0) return;
      await db.updateTable('campaigns').set(set).where('operation_id', '=', operationId).where('id', '=', campaignId).execute();
    },

    async remove(operationId, campaignId) {
      // FOR UPDATE waits for record loads in flight and holds off new ones; the records are deleted
      // after it, so the statement sees every record a finished load committed.
      await db.selectFrom('campaigns').select('id').where('operation_id', '=', operationId).where('id', '=', campaignId).forUpdate().execute();
      await db.deleteFrom('records').where('operation_id', '=', operationId).where('campaign_id', '=', campaignId).execute();
      await db.deleteFrom('campaigns').where('operation_id', '=', operationId).where('id', '=', campaignId).execute();
    },

    managedRecords: (operationId, campaignId, from, to, codified, limit) => managedRecords(db, operationId, campaignId, from, to, codified, limit),
    exportRecords: (operationId, campaignId, limit) => exportRecords(db, operationId, campaignId, limit),
  };
}
