// The rows the token claim locked, kept in hand for the rest of the request's transaction.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newAgent, type Agent } from '../src/domain/agent.ts';
import type { Call } from '../src/domain/call.ts';
import { defaultOutboundPolicy } from '../src/domain/outbound-number.ts';
import { firstReads, type FirstReadsAnswer } from '../src/adapters/store/first-reads.ts';
import type { Operation } from '../src/engine/ports/operations.ts';
import type { RequestScope, Tx } from '../src/engine/ports/store.ts';

/** A transaction whose repositories record what reaches the store. */
function fakeTx(stored: Agent) {
  const reached: string[] = [];
  const store = <T>(what: string, value: T) => {
    reached.push(what);
    return Promise.resolve(value);
  };
  const tx = {
    agents: {
      lock: (op: string, id: string) => store(`agents.lock ${op}/${id}`, { ...stored, id }),
      save: (a: Agent) => store(`agents.save ${a.id}`, undefined),
      create: (a: Agent) => store(`agents.create ${a.id}`, true),
      remove: (op: string, id: string) => store(`agents.remove ${op}/${id}`, []),
    },
    calls: {
      lock: (id: string) => store(`calls.lock ${id}`, undefined),
      save: (c: Call) => store(`calls.save ${c.id}`, undefined),
      insert: (c: Call) => store(`calls.insert ${c.id}`, undefined),
    },
    operations: {
      auxStateName: (_op: string, auxId: number) => store(`auxStateName ${auxId}`, 'From store'),
      get: (id: string) => store(`operations.get ${id}`, undefined),
      lock: (id: string) => store(`operations.lock ${id}`, undefined),
      update: (op: Operation) => store(`operations.update ${op.id}`, undefined),
    },
  } as unknown as Tx;
  return { tx, reached };
}

/** The transaction as the work sees it once the claim has read `answer`. */
function claimed(tx: Tx, scope: RequestScope, answer: FirstReadsAnswer): Tx {
  const first = firstReads(scope);
  const work = first.wrap(tx);
  first.read(answer);
  return work;
}

const agent = newAgent('0001', '1001', 'Ana', 0);
const call = { id: 'c1', state: 'connected' } as unknown as Call;
const operation: Operation = { id: '0001', name: 'Demo', timeZone: 'America/Bogota', licenses: 10, acwS: 5, outboundPolicy: defaultOutboundPolicy };

test('the claimed agent and call: every lock answered in hand, with what was saved last', async () => {
  const { tx, reached } = fakeTx(agent);
  const work = claimed(tx, { agentId: '1001', call: true, auxStateId: 2 }, { operation, agent, call, auxStateName: 'Lunch' });
  assert.equal(await work.agents.lock('0001', '1001'), agent);
  const ready = { ...agent, state: 'ready' as const };
  await work.agents.save(ready);
  assert.equal(await work.agents.lock('0001', '1001'), ready, 'a later lock sees the save');
  assert.equal(await work.calls.lock('c1'), call);
  const held = { ...call, held: true };
  await work.calls.save(held);
  assert.equal(await work.calls.lock('c1'), held);
  assert.equal(await work.operations.auxStateName('0001', 2), 'Lunch');
  assert.deepEqual(reached, ['agents.save 1001', 'calls.save c1']);
});

test('anything else goes to the store: other agents, calls, operations, aux states, and a removed agent', async () => {
  const { tx, reached } = fakeTx(agent);
  const work = claimed(tx, { agentId: '1001', auxStateId: 2 }, { operation, agent, call: undefined, auxStateName: 'Lunch' });
  await work.agents.lock('0001', '1002');
  await work.agents.lock('0002', '1001');
  await work.calls.lock('c1');
  assert.equal(await work.operations.auxStateName('0001', 3), 'From store');
  await work.agents.remove('0001', '1001');
  await work.agents.lock('0001', '1001');
  assert.deepEqual(reached, ['agents.lock 0001/1002', 'agents.lock 0002/1001', 'calls.lock c1', 'auxStateName 3', 'agents.remove 0001/1001', 'agents.lock 0001/1001']);
});

test('a claimed agent that does not exist stays absent without a round trip', async () => {
  const { tx, reached } = fakeTx(agent);
  const work = claimed(tx, { agentId: '9999' }, { operation, agent: undefined, call: undefined, auxStateName: undefined });
  assert.equal(await work.agents.lock('0001', '9999'), undefined);
  assert.deepEqual(reached, []);
});

test('saving another agent or call leaves the held ones; creating the agent or inserting the call lets go of them', async () => {
  const { tx, reached } = fakeTx(agent);
  const work = claimed(tx, { agentId: '1001', call: true }, { operation, agent, call, auxStateName: undefined });
  await work.agents.save({ ...agent, id: '1002', state: 'ready' });
  assert.equal(await work.agents.lock('0001', '1001'), agent);
  await work.calls.save({ ...call, id: 'c2' });
  assert.equal(await work.calls.lock('c1'), call);
  await work.agents.create(agent);
  await work.calls.insert(call, null);
  await work.agents.lock('0001', '1001');
  await work.calls.lock('c1');
  assert.deepEqual(reached, ['agents.save 1002', 'calls.save c2', 'agents.create 1001', 'calls.insert c1', 'agents.lock 0001/1001', 'calls.lock c1']);
});

test('the token\'s operation is read in hand until the work locks or updates it', async () => {
  const { tx, reached } = fakeTx(agent);
  const work = claimed(tx, { agentId: '1001' }, { operation, agent, call: undefined, auxStateName: undefined });
  assert.equal(await work.operations.get('0001'), operation);
  await work.operations.get('0002');
  await work.operations.update({ ...operation, acwS: 30 });
  await work.operations.get('0001');
  assert.deepEqual(reached, ['operations.get 0002', 'operations.update 0001', 'operations.get 0001']);
});

test('until the claim has read them, and when it granted no slot, every lookup goes to the store', async () => {
  const { tx, reached } = fakeTx(agent);
  const work = firstReads({ agentId: '1001', call: true, auxStateId: 2 }).wrap(tx);
  await work.agents.lock('0001', '1001');
  await work.operations.get('0001');
  await work.operations.auxStateName('0001', 2);
  assert.deepEqual(reached, ['agents.lock 0001/1001', 'operations.get 0001', 'auxStateName 2']);
});
