// What a pacing strategy sees of a campaign at an instant, built from what both production and the
// shift simulator can give: the campaign's agents with their state, since when and where a change
// they asked for will take them, and the calls in flight with their state and placing instant.
// One builder for both (src/engine/dialer/runner.ts and src/sim/shift.ts), so a simulated shift
// shows the strategy exactly what the engine would.
import type { AgentState } from '../agent-state.ts';
import type { CallState } from '../call-state.ts';
import type { AgentActivity, PacingSnapshot } from './strategy.ts';

/** An agent as pacing reads it; instants in the caller's unit (PacingInputs.unitsPerSecond). */
export interface PacingAgent {
  state: AgentState;
  since: number;
  /** The state it goes to when its call and after-call work end (a deferred status change); null: ready. */
  nextState: AgentState | null;
}

/** A call of the campaign (or of one sharing its agents) not yet ended. */
export interface PacingCall {
  state: CallState;
  placedAt: number;
}

export interface PacingInputs {
  /** The instant of the decision; every instant is in one unit, from one origin (epoch ms, shift seconds…). */
  now: number;
  /** 1000 for milliseconds, 1 for seconds: ages are differences of instants divided by it, so they are exact. */
  unitsPerSecond: number;
  /** The campaign's agents; logged-out and auxiliary ones are left out here. */
  agents: Iterable<PacingAgent>;
  calls: Iterable<PacingCall>;
  /** The most calls that may be in flight at once (Infinity if no limit). */
  maxLines: number;
}

/** What a strategy should count an agent as; null: not available to the campaign. */
const activityOf: Readonly<Record<AgentState, AgentActivity | null>> = {
  logout: null, aux: null, ready: 'ready', ringing: 'reserved', talking: 'talking', held: 'talking', acw: 'acw',
};

/** An agent on a call who asked to leave (a break, a logout) will not be free for the campaign. */
const staysAvailable = (a: PacingAgent) => a.nextState === null || a.nextState === 'ready';

/**
 * The pacing snapshot: each available agent's activity and how long it has been in it, the calls
 * placed and not yet answered (ringing, including a machine not yet recognised) with their ages,
 * and the calls a person answered that wait for an agent. Calls connected or ended are not in flight.
 */
export function pacingSnapshot(inputs: PacingInputs): PacingSnapshot {
  const { now, unitsPerSecond: unit } = inputs;
  const snapshot: PacingSnapshot = { nowS: now / unit, agents: [], ringing: [], waiting: 0, maxLines: inputs.maxLines };
  for (const a of inputs.agents) {
    const activity = activityOf[a.state];
    if (activity && staysAvailable(a)) snapshot.agents.push({ activity, sinceS: Math.max(0, now - a.since) / unit });
  }
  for (const c of inputs.calls) {
    if (c.state === 'dialing' || c.state === 'ringing') snapshot.ringing.push({ ageS: Math.max(0, now - c.placedAt) / unit });
    else if (c.state === 'waiting') snapshot.waiting++;
  }
  return snapshot;
}
