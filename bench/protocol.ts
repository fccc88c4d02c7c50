// What bench/api.ts and the Pacer process it starts (bench/server.ts) say to each other.

export interface BenchSetup {
  /** Tokens, one per connection: `bench-token-<i>`. */
  tokens: number;
  /** Agents created from id `firstAgent` on. */
  agents: number;
  /** Console tokens, one per stream: `consoleTokenOf(i)` (see `consoleRole`). */
  consoles: number;
}

export const firstAgent = 2001;
export const tokenOf = (i: number) => `bench-token-${i}`;
export const consoleTokenOf = (i: number) => `bench-console-${i}`;
/**
 * The console stream `i` stands for: one in 50 a supervisor's (every event of the operation), the
 * others agent i's, which the engine narrows to that agent's own events (one console per agent).
 */
export function consoleRole(i: number): { role: 'supervisor'; agentId: null } | { role: 'agent'; agentId: string } {
  return i % 50 === 0 ? { role: 'supervisor', agentId: null } : { role: 'agent', agentId: String(firstAgent + i) };
}

export type ToServer =
  | { type: 'start' }
  | { type: 'stop' }
  | { type: 'agents' }
  | { type: 'exit' };

export interface RunStats {
  /** Event-loop delay of the Pacer process, ms: how late a 10 ms timer fired. */
  eldP50: number;
  eldP99: number;
  eldMax: number;
  /** CPU time of the Pacer process (all its threads) over wall time: 1.0 = one core. */
  cpuCores: number;
}

export type FromServer =
  | { type: 'ready'; port: number; store: string }
  | { type: 'stats'; stats: RunStats }
  | { type: 'agents'; states: Record<string, number> };
