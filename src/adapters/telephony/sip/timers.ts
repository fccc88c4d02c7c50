// The dialog layer's waits, all on the engine's Clock (so tests drive them on a virtual clock).
// The vendored stack's transaction timers (retransmission, Timer B/F at 32 s) run on real time
// underneath and are not these.

export interface DialogTimers {
  /**
   * A request that gets no response at all, not even 100 Trying, in this time has failed: the
   * peer is gone. The stack itself would wait 32 s (Timer B/F).
   */
  noResponseMs: number;
  /** After a CANCEL, how long the INVITE's final response (487) is awaited before giving up. */
  cancelWaitMs: number;
  /** RFC 3261 T1 and T2: the first and the largest interval between re-sends of our 2xx. */
  t1Ms: number;
  t2Ms: number;
  /** How long our 2xx to a re-INVITE is re-sent while no ACK comes (64·T1); then BYE. */
  ackWaitMs: number;
  /** The session interval Pacer asks for in its INVITEs (Session-Expires, RFC 4028); 0: none. */
  sessionExpiresS: number;
  /** How many times a re-INVITE that met glare (491) is tried again. */
  glareRetries: number;
}

export const defaultDialogTimers: DialogTimers = {
  noResponseMs: 4000,
  cancelWaitMs: 4000,
  t1Ms: 500,
  t2Ms: 4000,
  ackWaitMs: 32_000,
  sessionExpiresS: 1800,
  glareRetries: 3,
};
