// Restart recovery: which process placed each live call, which processes are alive, and the
// after-call work to re-arm.

export interface RecoveryRepo {
  /** Registers a running process, or refreshes its heartbeat. */
  heartbeat(processId: string, now: number): Promise<void>;
  forget(processId: string): Promise<void>;
  /**
   * Live calls left by processes that have not beaten since `aliveSince`. A call with no recorded
   * process (a transfer leg) counts as orphaned only when no other process is alive.
   */
  orphanCalls(aliveSince: number, self: string): Promise<string[]>;
  /** Agents in after-call work, every operation, with when it started and how long it lasts. */
  agentsInAcw(): Promise<{ operationId: string; id: string; since: number; acwS: number }[]>;
}
