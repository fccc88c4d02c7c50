// Statements built once and then only filled in (src/adapters/store/compiled.ts) send exactly what
// Kysely builds afresh from the same values: the same text and the same parameters, whichever
// values came first (nulls, dates, JSON text), for every statement on the dialer's path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { compiledStatement, type CompiledStatement } from '../src/adapters/store/compiled.ts';
import { agentStatements } from '../src/adapters/store/agents.ts';
import { callStatements } from '../src/adapters/store/calls.ts';
import { insertEvent } from '../src/adapters/store/events.ts';
import { recordStatements } from '../src/adapters/store/records.ts';
import type { Database } from '../src/adapters/store/schema.ts';

/** Compiles only: no statement reaches a database. */
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: {} as never }) });

/** Each order of `uses` on a statement of its own: every use equals Kysely's build of its values. */
function holds<V extends Record<string, unknown>>(statement: CompiledStatement<V>, ...uses: V[]) {
  for (const order of [uses, [...uses].reverse()]) {
    const fresh = compiledStatement(statement.built);
    for (const values of order) {
      const sent = fresh(db, values);
      const built = statement.built(db, values);
      assert.equal(sent.sql, built.sql);
      assert.deepEqual(sent.parameters, built.parameters);
    }
  }
}

test('a compiled statement puts each value in its place, constants and groups included', () => {
  const statement = compiledStatement((k, v: { id: string; row: { state: string; at: Date | null } }) =>
    k.updateTable('calls').set({ state: v.row.state, ended_at: v.row.at, result: sql.lit('busy') }).where('id', '=', v.id).where('phone', '<>', '0').compile());
  const first = statement(db, { id: 'c1', row: { state: 'ringing', at: null } });
  const at = new Date('2026-03-02T15:00:00Z');
  const second = statement(db, { id: 'c2', row: { state: 'ended', at } });
  assert.equal(second.sql, first.sql);
  assert.equal(second.sql, 'update "calls" set "state" = $1, "ended_at" = $2, "result" = \'busy\' where "id" = $3 and "phone" <> $4');
  assert.deepEqual(first.parameters, ['ringing', null, 'c1', '0']);
  assert.deepEqual(second.parameters, ['ended', at, 'c2', '0']);
  assert.ok(second.parameters[1] instanceof Date, 'a date is a value, not a group');
});

const at = new Date('2026-03-02T15:00:00Z');
const callRow = (id: string, ended: boolean) => ({
  agent_id: ended ? '1001' : null, campaign_id: ended ? '7' : null, customer_id: ended ? 'c-9' : null, customer_name: ended ? 'Ana' : null,
  phone: '3001234567', origin: 'campaign' as const, state: ended ? 'ended' as const : 'dialing' as const, held: ended, muted: false, result: ended ? 'busy' as const : null,
  parent_call_id: null, placed_at: at, answered_at: ended ? at : null, connected_at: null, ended_at: ended ? at : null,
  cod_act: ended ? 'SALE' : null, cod_act_2: null, comments: ended ? 'it\'s "fine"' : null, disposed_at: null, id,
});
const agentRow = (id: string, onCall: boolean) => ({
  name: 'Agent', state: onCall ? 'talking' as const : 'ready' as const, aux_id: onCall ? 3 : null, next_state: null, next_aux_id: null,
  state_since: at, call_id: onCall ? 'c1' : null, last_call_id: null, display: '{"a":1}', enabled: true, operation_id: '0001', id,
});
const eventRow = (withCall: boolean) => ({
  operation_id: '0001', at, type: 'agent.state', agent_id: '1001', campaign_id: withCall ? '7' : null, call_id: withCall ? 'c1' : null, data: '{"x":[1,null]}',
});

test('the dialer path\'s statements send what Kysely builds', () => {
  holds(callStatements.insertCall, { ...callRow('c1', false), operation_id: '0001', process_id: null }, { ...callRow('c2', true), operation_id: '0002', process_id: 'p1' });
  holds(callStatements.lockCall, { id: 'c1' }, { id: 'c2' });
  holds(callStatements.lockCallForAnswer, { id: 'c1' }, { id: 'c2' });
  holds(callStatements.lockCallForEnd, { id: 'c1' }, { id: 'c2' });
  holds(callStatements.saveCall, callRow('c1', false), callRow('c2', true));
  holds(callStatements.moveCall, { id: 'c1', from: 'dialing', to: 'ringing', event: eventRow(false) }, { id: 'c2', from: 'ringing', to: 'waiting', event: eventRow(true) });
  holds(agentStatements.lockAgent, { operation_id: '0001', id: '1001' }, { operation_id: '0002', id: '1002' });
  holds(agentStatements.saveAgent, agentRow('1001', false), agentRow('1002', true));
  holds(agentStatements.saveAgentWithEvent, { agent: agentRow('1001', false), event: eventRow(false) }, { agent: agentRow('1002', true), event: eventRow(true) });
  holds(insertEvent, eventRow(false), eventRow(true));
  const key = { operation_id: '0001', campaign_id: '7', customer_id: 'c-9' };
  holds(recordStatements.lockAttempts, key, { ...key, customer_id: 'x' });
  holds(recordStatements.saveResult, { key, last_result: 'busy', status: 'fresh', next_attempt_at: at }, { key, last_result: 'answer', status: 'done', next_attempt_at: null });
});
