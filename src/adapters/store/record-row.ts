// A records row as the engine reads it.
import type { Selectable } from 'kysely';
import type { CampaignRecord } from '../../domain/campaign.ts';
import type { RecordsTable } from './schema.ts';

export function toRecord(row: Selectable<RecordsTable>): CampaignRecord {
  return {
    operationId: row.operation_id, campaignId: String(row.campaign_id), customerId: row.customer_id, data: row.data,
    phones: row.phones, status: row.status, attempts: row.attempts, lastResult: row.last_result,
    nextAttemptAt: row.next_attempt_at?.getTime() ?? null,
    recallDate: row.recall_date?.getTime() ?? null, recallTelephone: row.recall_telephone, codAct: row.cod_act,
    codAct2: row.cod_act_2, comment: row.comment, timeZone: row.time_zone,
  };
}
