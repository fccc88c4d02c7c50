// Agents: loaded under a row lock, saved whole.
import { sql, type Expression, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Agent } from '../../domain/agent.ts';
import type { AgentState } from '../../domain/agent-state.ts';
import type { AgentRepo } from '../../engine/ports/agents.ts';
import { toCallback } from './callbacks.ts';
import { eventRow } from './events.ts';
import { compiledStatement } from './compiled.ts';
import { writeDeferred } from './deferred.ts';
import type { AgentsTable, Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The columns `toAgent` reads: for a statement that selects an agent beside other rows (calls.ts). */
export const agentColumns = [
  'operation_id', 'id', 'name', 'state', 'aux_id', 'next_state', 'next_aux_id', 'state_since', 'call_id', 'last_call_id', 'display', 'enabled',
] as const satisfies readonly (keyof AgentsTable)[];

/** The agent's columns as `<alias>.id AS agent__id`…: beside a call's, whose names they share. */
export const prefixedAgentColumns = (alias: string) => sql.join(agentColumns.map((c) => sql`${sql.ref(`${alias}.${c}`)} AS ${sql.id(`agent__${c}`)}`));
export type PrefixedAgentRow = { [K in (typeof agentColumns)[number] as `agent__${K}`]: Selectable<AgentsTable>[K] | null };

/** The agent of a row with prefixedAgentColumns; null when they came from an outer join that found none. */
export function toPrefixedAgent(row: PrefixedAgentRow): Agent | null {
  if (row.agent__id === null) return null;
  return toAgent(Object.fromEntries(agentColumns.map((c) => [c, row[`agent__${c}`]])) as Pick<Selectable<AgentsTable>, (typeof agentColumns)[number]>);
}

export function toAgent(row: Pick<Selectable<AgentsTable>, (typeof agentColumns)[number]>): Agent {
  return {
    operationId: row.operation_id, id: row.id, name: row.name, state: row.state as AgentState, auxId: row.aux_id,
    nextState: row.next_state as AgentState | null, nextAuxId: row.next_aux_id, stateSince: row.state_since.getTime(),
    callId: row.call_id, lastCallId: row.last_call_id, display: row.display, enabled: row.enabled,
  };
}

function toRow(a: Agent) {
  return {
    name: a.name, state: a.state, aux_id: a.auxId, next_state: a.nextState, next_aux_id: a.nextAuxId,
    state_since: new Date(a.stateSince), call_id: a.callId, last_call_id: a.lastCallId, display: JSON.stringify(a.display), enabled: a.enabled,
  };
}

// The statements of every agent change (compiled.ts): locked, then saved whole, with its event or not.
const lockAgent = compiledStatement((db, v: { operation_id: string; id: string }) =>
  db.selectFrom('agents').selectAll().where('operation_id', '=', v.operation_id).where('id', '=', v.id).forUpdate().compile());
type AgentSave = ReturnType<typeof toRow> & { operation_id: string; id: string };
const updateAgent = (db: Kysely<Database>, { operation_id, id, ...row }: AgentSave) =>
  db.updateTable('agents').set(row).where('operation_id', '=', operation_id).where('id', '=', id);
const saveAgent = compiledStatement((db, v: AgentSave) => updateAgent(db, v).compile());
// The update and the event in one statement (the event's values named apart from the agent's).
const saveAgentWithEvent = compiledStatement((db, { agent, event }: { agent: AgentSave; event: EventRow }) =>
  db.with('saved', () => updateAgent(db, agent).returning('id')).insertInto('events').values(event).compile());
type EventRow = ReturnType<typeof eventRow>;

/**
 * The agent a campaign's answered call goes to, locked: the operation's longest ready, skipping
 * agents another transaction holds, and when the campaign has a skill only an agent with it (one
 * statement: it is on the answer path). Its operation and campaign are values, or columns of a
 * statement around it (calls.ts, the answer's own lock); no campaign: any ready agent.
 */
export function longestReady(db: Kysely<Database>, operationId: Expression<string>, campaignId: Expression<string> | null) {
  let q = db.selectFrom('agents').selectAll('agents').where('agents.operation_id', '=', operationId).where('agents.state', '=', sql.lit('ready')); // agents_ready (prepared.ts)
  if (campaignId) {
    q = q.where((eb) => eb.not(eb.exists(eb.selectFrom('campaigns as cp').select('cp.id')
      .where('cp.operation_id', '=', operationId).where('cp.id', '=', campaignId).where('cp.skill_id', 'is not', null)
      .where((inner) => inner.not(inner.exists(inner.selectFrom('agent_skills as s').select('s.agent_id')
        .where('s.operation_id', '=', operationId).whereRef('s.skill_id', '=', 'cp.skill_id').whereRef('s.agent_id', '=', 'agents.id')))))));
  }
  return q.orderBy('agents.state_since').orderBy('agents.id').limit(1).forUpdate('agents').skipLocked();
}

/** For test/compiled-statements.test.ts. */
export const agentStatements = { lockAgent, saveAgent, saveAgentWithEvent };

export function agentRepo(db: Db): AgentRepo {
  return {
    async lock(operationId, agentId) {
      const { rows: [row] } = await db.executeQuery<Selectable<AgentsTable>>(lockAgent(db, { operation_id: operationId, id: agentId }));
      return row && toAgent(row);
    },
    async save(agent, event) {
      const saved = { ...toRow(agent), operation_id: agent.operationId, id: agent.id };
      // Deferred: nobody reads its answer, so it leaves with the transaction's next statement or
      // its COMMIT (held-statements.ts).
      if (!event) return writeDeferred(db, saveAgent(db, saved));
      await writeDeferred(db, saveAgentWithEvent(db, { agent: saved, event: eventRow(event) }));
    },
    async create(agent) {
      const row = await db.insertInto('agents').values({ operation_id: agent.operationId, id: agent.id, ...toRow(agent) })
        .onConflict((oc) => oc.columns(['operation_id', 'id']).doNothing()).returning('id').executeTakeFirst();
      return row !== undefined;
    },
    async remove(operationId, agentId) {
      const cancelled = await db.updateTable('callbacks').set({ status: 'cancelled' })
        .where('operation_id', '=', operationId).where('agent_id', '=', agentId).where('status', 'in', ['pending', 'waiting'])
        .returningAll().execute();
      await db.deleteFrom('agents').where('operation_id', '=', operationId).where('id', '=', agentId).execute();
      return cancelled.map(toCallback);
    },
    async lockLongestReady(operationId, campaignId) {
      const row = await longestReady(db, sql.val(operationId), campaignId ? sql.val(campaignId) : null).executeTakeFirst();
      return row && toAgent(row);
    },
    async setSkills(operationId, agentId, skillIds) {
      // Skills kept keep their expertise (add_agents_skill's).
      let gone = db.deleteFrom('agent_skills').where('operation_id', '=', operationId).where('agent_id', '=', agentId);
      if (skillIds.length > 0) gone = gone.where('skill_id', 'not in', [...skillIds]);
      await gone.execute();
      if (skillIds.length === 0) return;
      await db.insertInto('agent_skills').values(skillIds.map((skillId) => ({ operation_id: operationId, agent_id: agentId, skill_id: skillId })))
        .onConflict((oc) => oc.columns(['operation_id', 'agent_id', 'skill_id']).doNothing()).execute();
    },
    async addSkill(operationId, agentId, skillId, expertise) {
      await db.insertInto('agent_skills').values({ operation_id: operationId, agent_id: agentId, skill_id: skillId, expertise })
        .onConflict((oc) => oc.columns(['operation_id', 'agent_id', 'skill_id']).doUpdateSet({ expertise })).execute();
    },
    async removeSkill(operationId, agentId, skillId) {
      const r = await db.deleteFrom('agent_skills').where('operation_id', '=', operationId).where('agent_id', '=', agentId).where('skill_id', '=', skillId).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async setProfile(operationId, agentId, profile) {
      const set = { ...(profile.dni === undefined ? {} : { dni: profile.dni }), ...(profile.sso === undefined ? {} : { sso: profile.sso }) };
      if (Object.keys(set).length === 0) return;
      await db.updateTable('agents').set(set).where('operation_id', '=', operationId).where('id', '=', agentId).execute();
    },
    async nextId(operationId) {
      const r = await db.selectFrom('agents').select(sql<string | null>`max(id::bigint)`.as('top'))
        .where('operation_id', '=', operationId).where('id', '~', '^[0-9]{1,12}$').executeTakeFirst();
      return r?.top === null || r?.top === undefined ? '1001' : String(BigInt(r.top) + 1n);
    },
  };
}
