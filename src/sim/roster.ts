// The agents of a simulated shift: their domain state, moved only by the domain transition table
// (src/domain/agent.ts), the seconds they spend in each activity, and who leaves when the schedule
// shrinks (ready agents at once; busy ones after their call and its after-call work).
import { transition, type Agent } from '../domain/agent.ts';
import type { AgentEvent } from '../domain/agent-state.ts';
import type { EventSink } from './events.ts';

export interface SimAgent {
  id: string;
  agent: Agent;
  /** Asked to log out; finishes its call and after-call work first. */
  leaving: boolean;
}

export interface Totals { logged: number; talk: number; acw: number; idle: number }

function newAgent(id: string): Agent {
  return {
    operationId: 'sim', id, name: id, state: 'logout', auxId: null, nextState: null, nextAuxId: null,
    stateSince: 0, callId: null, lastCallId: null, display: { hungup: false, disposition: false, dial: false }, enabled: true,
  };
}

export class Roster {
  /** Logged-in agents, in login order. */
  readonly active: SimAgent[] = [];
  readonly totals: Totals = { logged: 0, talk: 0, acw: 0, idle: 0 };
  private nextId = 1;
  private readonly log: EventSink | undefined;

  constructor(log: EventSink | undefined) {
    this.log = log;
  }

  /** Applies a domain event, books the time spent in the state it leaves, and logs the new state. */
  apply(a: SimAgent, event: AgentEvent, t: number): void {
    const before = a.agent.state;
    const since = a.agent.stateSince;
    a.agent = transition(a.agent, event, t).agent;
    if (a.agent.state === before && a.agent.stateSince === since) return; // deferred: nothing moved yet
    this.book(before, t - since);
    const state = a.agent.state;
    if (state === 'logout') this.active.splice(this.active.indexOf(a), 1);
    if (this.log && (state === 'ready' || state === 'talking' || state === 'acw' || state === 'logout')) {
      this.log({ t, type: 'agent', agent: a.id, state });
    }
  }

  private book(state: Agent['state'], s: number): void {
    if (state === 'logout') return;
    this.totals.logged += s;
    if (state === 'talking') this.totals.talk += s;
    else if (state === 'acw') this.totals.acw += s;
    else if (state === 'ready') this.totals.idle += s;
  }

  /**
   * Staffs to `count` agents not leaving: cancels departures first, then logs in or sends home.
   * `inFlight`: calls placed and not yet connected, each counting on a ready agent.
   */
  staff(count: number, t: number, inFlight: number): void {
    let staying = this.active.filter((a) => !a.leaving).length;
    for (const a of this.active) {
      if (staying >= count) break;
      if (!a.leaving) continue;
      a.leaving = false;
      if (a.agent.nextState === 'logout') this.apply(a, 'goReady', t);
      staying++;
    }
    while (staying < count) {
      const a: SimAgent = { id: `a${this.nextId++}`, agent: newAgent(''), leaving: false };
      a.agent = { ...a.agent, id: a.id, name: a.id, stateSince: t };
      this.active.push(a);
      this.apply(a, 'goReady', t);
      staying++;
    }
    if (staying <= count) return;
    // Who goes: first ready agents no call in flight is counting on (the most recently ready, so
    // the longest waiting keep their turn); then busy agents, nearest the end of their work first
    // (after-call work before talk), who finish it before leaving; only then ready agents a call
    // in flight was placed for.
    const ready = this.active.filter((a) => !a.leaving && a.agent.state === 'ready')
      .sort((x, y) => y.agent.stateSince - x.agent.stateSince);
    const busy = this.active.filter((a) => !a.leaving && a.agent.state !== 'ready')
      .sort((x, y) => (x.agent.state === 'acw' ? 0 : 1) - (y.agent.state === 'acw' ? 0 : 1) || x.agent.stateSince - y.agent.stateSince);
    const spare = Math.max(0, ready.length - inFlight);
    const order = [...ready.slice(0, spare), ...busy, ...ready.slice(spare)];
    for (const a of order) {
      if (staying <= count) break;
      staying--;
      if (a.agent.state === 'ready') {
        this.apply(a, 'goLogout', t);
      } else {
        a.leaving = true;
        if (a.agent.state === 'talking') this.apply(a, 'goLogout', t); // deferred by the table
      }
    }
  }

  /** The longest-waiting ready agent, if any. */
  longestReady(): SimAgent | undefined {
    let best: SimAgent | undefined;
    for (const a of this.active) {
      if (a.agent.state === 'ready' && (!best || a.agent.stateSince < best.agent.stateSince)) best = a;
    }
    return best;
  }

  /** Closes the books at the end of the shift: everyone still logged in logs out. */
  close(t: number): void {
    for (const a of [...this.active]) {
      this.book(a.agent.state, t - a.agent.stateSince);
      this.log?.({ t, type: 'agent', agent: a.id, state: 'logout' });
    }
    this.active.length = 0;
  }
}
