// The transition tables, walked cell by cell through the functions the engine uses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { transition, requestStatus, type Agent } from '../src/domain/agent.ts';
import { agentEvents, agentStates, agentTransitions, onCallStates, type AgentState } from '../src/domain/agent-state.ts';
import { callTransition, newCall } from '../src/domain/call.ts';
import { callEvents, callStates, callTransitions } from '../src/domain/call-state.ts';
import { PacerError } from '../src/domain/errors.ts';
import { renderStateDocs } from '../src/domain/state-docs.ts';

const agentIn = (state: AgentState, extra: Partial<Agent> = {}): Agent => ({
  operationId: '0001', id: '1001', name: 'A', state, auxId: state === 'aux' ? 1 : null, nextState: null, nextAuxId: null,
  stateSince: 0, callId: onCallStates.has(state) ? 'c1' : null, lastCallId: null,
  display: { hungup: true, disposition: true, dial: true }, enabled: true, ...extra,
});

test('every cell of the agent table: the target, a deferral, or a 409', () => {
  for (const state of agentStates) {
    for (const event of agentEvents) {
      const cell = agentTransitions[state][event];
      const agent = agentIn(state);
      if (cell === undefined) {
        assert.throws(() => transition(agent, event, 100, 2), (e: unknown) => e instanceof PacerError && e.status === 409, `${state} × ${event}`);
        continue;
      }
      const { agent: after, deferred } = transition(agent, event, 100, 2);
      if (cell === 'defer') {
        assert.equal(deferred, true);
        assert.equal(after.state, state, 'a deferred change leaves the state as it is');
        assert.equal(after.callId, agent.callId, 'and keeps the call');
        assert.ok(after.nextState);
      } else if (cell === 'next') {
        assert.equal(after.state, 'ready', `${state} × ${event} with nothing deferred`);
      } else {
        assert.equal(deferred, false);
        assert.equal(after.state, cell, `${state} × ${event}`);
      }
    }
  }
});

test('a deferred change is applied when after-call work ends', () => {
  const talking = agentIn('talking');
  const lunch = requestStatus(talking, { state: 'aux', auxId: 2 }, 10);
  assert.equal(lunch.deferred, true);
  const acw = transition(lunch.agent, 'callEnd', 20).agent;
  assert.equal(acw.state, 'acw');
  const done = transition(acw, 'wrapUp', 35).agent;
  assert.deepEqual([done.state, done.auxId, done.nextState, done.callId, done.stateSince], ['aux', 2, null, null, 35]);
});

test('on-call states defer every change_status; off-call states apply it', () => {
  for (const state of agentStates) {
    for (const event of ['goReady', 'goAux', 'goLogout'] as const) {
      const cell = agentTransitions[state][event];
      assert.equal(cell === 'defer', onCallStates.has(state), `${state} × ${event}`);
    }
  }
});

test('a disabled agent (disable_agent) cannot go ready or take an auxiliary state; logging out stays allowed', () => {
  const disabled = agentIn('logout', { enabled: false });
  for (const request of [{ state: 'ready' }, { state: 'aux', auxId: 1 }] as const) {
    assert.throws(() => requestStatus(disabled, request, 1000), (e: unknown) => e instanceof PacerError && e.code === 'AGENT_DISABLED' && e.status === 409);
  }
  assert.equal(requestStatus(disabled, { state: 'logout' }, 1000).agent.state, 'logout');
  assert.equal(requestStatus(agentIn('logout'), { state: 'ready' }, 1000).agent.state, 'ready');
});

test('every agent state is reachable from logout', () => {
  const seen = new Set<AgentState>(['logout']);
  const queue: AgentState[] = ['logout'];
  while (queue.length) {
    const s = queue.shift() as AgentState;
    for (const target of Object.values(agentTransitions[s])) {
      if (target === 'defer' || target === 'next' || seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  assert.deepEqual([...seen].sort(), [...agentStates].sort());
});

test('every cell of the call table', () => {
  for (const state of callStates) {
    for (const event of callEvents) {
      const call = { ...newCall({ id: 'c', operationId: '0001', phone: '300', origin: 'dial', placedAt: 0 }), state };
      const cell = callTransitions[state][event];
      if (cell === undefined) {
        assert.throws(() => callTransition(call, event, 5), PacerError, `${state} × ${event}`);
      } else {
        const after = callTransition(call, event, 5);
        assert.equal(after.state, cell);
        if (event === 'end') assert.equal(after.endedAt, 5);
        if (event === 'hold') assert.equal(after.held, true);
      }
    }
  }
  assert.deepEqual(callTransitions.ended, {}, 'an ended call is final');
});

test('docs/states.md is generated from the tables (npm run -s docs)', () => {
  assert.equal(readFileSync(new URL('../docs/states.md', import.meta.url), 'utf8'), renderStateDocs());
});
