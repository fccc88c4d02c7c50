// What information.php lists, read in the request's transaction (DirectoryRepo).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AgentState } from '../../domain/agent-state.ts';
import type { DirectoryRepo } from '../../engine/ports/directory.ts';
import { toCampaign } from './campaigns.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A timestamp an aggregate answered (a Date, or its text from some drivers); null for none. */
const instant = (at: unknown): number | null => (at === undefined || at === null ? null : new Date(at as Date | string).getTime());

/** Agent ids are extensions: 999 before 1001. */
const byExtension = sql`length(a.id), a.id`;

export function directoryRepo(db: Db): DirectoryRepo {
  return {
    async agents(operationId, agentId) {
      let q = db.selectFrom('agents as a')
        .leftJoin('aux_states as x', (j) => j.onRef('x.operation_id', '=', 'a.operation_id').onRef('x.id', '=', 'a.aux_id'))
        .select(['a.id', 'a.name', 'a.dni', 'a.sso', 'a.enabled', 'a.state', 'a.state_since', 'x.name as aux_name'])
        .where('a.operation_id', '=', operationId);
      if (agentId !== undefined) q = q.where('a.id', '=', agentId);
      const rows = await q.orderBy(byExtension).execute();
      return rows.map((r) => ({
        id: r.id, name: r.name, dni: r.dni, sso: r.sso, enabled: r.enabled, state: r.state as AgentState, auxName: r.aux_name, lastUse: r.state_since.getTime(),
      }));
    },
    async skills(operationId, skillId) {
      let q = db.selectFrom('skills as s').select(['s.id', 's.name', 's.description'])
        .select((eb) => eb.selectFrom('calls as c')
          .innerJoin('campaigns as k', (j) => j.onRef('k.operation_id', '=', 'c.operation_id').onRef('k.id', '=', 'c.campaign_id'))
          .select((inner) => inner.fn.max('c.placed_at').as('last'))
          .whereRef('k.operation_id', '=', 's.operation_id').whereRef('k.skill_id', '=', 's.id').as('last_call'))
        .where('s.operation_id', '=', operationId);
      if (skillId !== undefined) q = q.where('s.id', '=', skillId);
      const rows = await q.orderBy('s.id').execute();
      return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, lastCall: instant(r.last_call) }));
    },
    async skillMembers(operationId, skillId) {
      const skill = await db.selectFrom('skills').select('id').where('operation_id', '=', operationId).where('id', '=', skillId).executeTakeFirst();
      if (!skill) return undefined;
      const rows = await db.selectFrom('agent_skills as m')
        .innerJoin('agents as a', (j) => j.onRef('a.operation_id', '=', 'm.operation_id').onRef('a.id', '=', 'm.agent_id'))
        .select(['a.id', 'a.name', 'a.state_since', 'm.expertise'])
        .where('m.operation_id', '=', operationId).where('m.skill_id', '=', skillId).orderBy(byExtension).execute();
      return rows.map((r) => ({ agentId: r.id, name: r.name, expertise: r.expertise, lastUse: r.state_since.getTime() }));
    },
    async campaigns(operationId, campaignId) {
      let q = db.selectFrom('campaigns').selectAll().where('operation_id', '=', operationId);
      if (campaignId !== undefined) q = q.where('id', '=', campaignId);
      const rows = await q.orderBy('id').execute();
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      // One statement after another: a transaction's statements go one at a time on its connection.
      const records = await db.selectFrom('records').select(['campaign_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('operation_id', '=', operationId).where('campaign_id', 'in', ids).groupBy('campaign_id').execute();
      const calls = await db.selectFrom('calls').select(['campaign_id', (eb) => eb.fn.max('placed_at').as('last')])
        .where('operation_id', '=', operationId).where('campaign_id', 'in', ids).groupBy('campaign_id').execute();
      const reopened = await db.selectFrom('events').select(['campaign_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('operation_id', '=', operationId).where('campaign_id', 'in', ids).where('type', '=', 'campaign.records_reopened').groupBy('campaign_id').execute();
      const count = (list: { campaign_id: string | null; n: string | number | bigint }[], id: string) => Number(list.find((x) => x.campaign_id === id)?.n ?? 0);
      return rows.map((row) => {
        const last = calls.find((c) => c.campaign_id === row.id)?.last;
        return {
          campaign: toCampaign(row), records: count(records, row.id), reopenings: count(reopened, row.id),
          lastCall: instant(last),
        };
      });
    },
    async activityCodes(operationId, code) {
      let q = db.selectFrom('activity_codes').select(['grp', 'code', 'name', 'flags']).where('operation_id', '=', operationId);
      if (code !== undefined) q = q.where('code', '=', code);
      const rows = await q.orderBy('grp').orderBy('code').execute();
      return rows.map((r) => ({ group: r.grp as 1 | 2, code: r.code, name: r.name, flags: r.flags }));
    },
    async tokenUse(operationId, tokenId, day, quotaPerLicense) {
      const token = await db.selectFrom('api_tokens as t').innerJoin('operations as o', 'o.id', 't.operation_id')
        .select(['t.description', 't.daily_limit', 'o.licenses']).where('t.operation_id', '=', operationId).where('t.id', '=', tokenId).executeTakeFirst();
      if (!token) return undefined;
      const dailyLimit = token.daily_limit ?? token.licenses * quotaPerLicense;
      const own = await db.selectFrom('token_usage').select('count').where('token_id', '=', tokenId).where('day', '=', day).executeTakeFirst();
      const all = await db.selectFrom('token_usage as u').innerJoin('api_tokens as t', 't.id', 'u.token_id')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('u.count'), eb.lit(0)).as('n'))
        .where('t.operation_id', '=', operationId).where('u.day', '=', day).executeTakeFirst();
      return { description: token.description, dailyLimit, usedToday: own?.count ?? 0, operationUsedToday: Number(all?.n ?? 0) };
    },
  };
}
