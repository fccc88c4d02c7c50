// The pacing contract: what a dialing strategy sees of a campaign at a moment, what it hears
// happen, and what it decides. Production (src/engine/dialer) and the shift simulator feed the
// same strategies through this interface, so a simulated shift exercises the code that dials.

export type AgentActivity = 'ready' | 'talking' | 'acw' | 'reserved';

export interface PacingSnapshot {
  /** Seconds since an arbitrary origin (the shift start in the simulator, epoch in production). */
  nowS: number;
  /** Logged-in agents of the campaign, with how long they have been in their activity. */
  agents: { activity: AgentActivity; sinceS: number }[];
  /** Calls placed and not yet answered or ended, with their ages in seconds. */
  ringing: { ageS: number }[];
  /** Calls answered by a person and waiting for an agent (within the connect deadline). */
  waiting: number;
  /** Trunk capacity: the most calls that may be in flight at once (Infinity if none). */
  maxLines: number;
}

/** What strategies learn from; every event carries its time. */
export type PacingEvent =
  | { type: 'dial'; tS: number }
  | { type: 'answer'; tS: number; ringS: number; by: 'human' | 'machine' }
  | { type: 'fail'; tS: number; ringS: number }
  | { type: 'connect'; tS: number; waitS: number }
  | { type: 'abandon'; tS: number }
  | { type: 'end'; tS: number; talkS: number }
  | { type: 'acwEnd'; tS: number; acwS: number };

/** What a strategy aims at now, in its own terms: the parts it has (for people: a campaign's stats). */
export interface StrategyTarget {
  /** Calls it keeps in flight per ready agent. */
  dialRatio?: number;
  /** The abandon risk the marginal call may carry (predictive: θ of its abandon control). */
  riskLimit?: number;
}

export interface PacingStrategy {
  readonly name: string;
  /** How many new calls to place now (0 or more). */
  decide(snapshot: PacingSnapshot): number;
  observe(event: PacingEvent): void;
  target?(): StrategyTarget;
}

export function readyCount(s: PacingSnapshot): number {
  let n = 0;
  for (const a of s.agents) if (a.activity === 'ready') n++;
  return n;
}

/** One call in flight per ready agent: never abandons; the floor every other strategy must beat. */
export function progressive(): PacingStrategy {
  return {
    name: 'progressive',
    decide: (s) => Math.max(0, Math.min(readyCount(s) - s.ringing.length - s.waiting, s.maxLines - s.ringing.length - s.waiting)),
    observe: () => undefined,
    target: () => ({ dialRatio: 1 }),
  };
}
