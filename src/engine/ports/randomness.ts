// Randomness, as the engine sees it: new identifiers and secrets. Production draws them from the
// operating system's generator (src/adapters/randomness); a test may give its own, as it gives a
// virtual clock.

export interface Randomness {
  /** A new conn_id. */
  callId(): string;
  /** The value of a new API token (shown once; only its hash is kept). */
  tokenValue(): string;
  /** The signing key of a new webhook. */
  webhookSecret(): string;
  /** A console session's cookie value and its CSRF token (each shown once; the session kept by hash). */
  sessionSecret(): string;
  /** The salt of a password's hash. */
  salt(): Buffer;
}
