// What the engine needs from the world, and the context of one authenticated request.
import type { Actor } from './ports/audit.ts';
import type { Clock } from './ports/clock.ts';
import type { Principal } from '../domain/permission.ts';
import type { IdempotencyRepo } from './ports/idempotency.ts';
import type { PacingChannel } from './ports/pacing.ts';
import type { Randomness } from './ports/randomness.ts';
import type { ReadModel } from './ports/read-model.ts';
import type { Store } from './ports/store.ts';
import type { Telephony } from './ports/telephony.ts';
import type { WebhookSender } from './ports/webhooks.ts';
import type { RateLimit } from './rate-limit.ts';

export type { Actor };

export interface EngineSettings {
  tokenConcurrency: number;
  quotaPerLicense: number;
  /** Seconds a call may ring before Pacer gives up (no-answer). */
  ringTimeoutS: number;
  /** A dialer call answered by a person and not connected to an agent within this is abandoned (SPEC §5: 2 s). */
  connectDeadlineMs: number;
  /** An auto callback waits this long for its agent; then any ready agent may take it (SPEC §5). */
  callbackTakeoverS: number;
  /** How often the dialer paces each started campaign while it has calls in flight or to place. */
  dialerTickMs: number;
  /**
   * How long the dialer sleeps when it has nothing to do. Committed changes of this process (an
   * agent freed, a call ended, a campaign started) wake it at once; this bounds the wait for the rest.
   */
  dialerIdleMs: number;
  /** Whether other processes may share the database (PostgreSQL): peers are watched and swept. */
  multiProcess: boolean;
  /** How often the callback scheduler looks for callbacks other processes inserted, and beats. */
  callbackRecheckMs: number;
  /** SHA-256 of the admin API's bearer token; null: the admin API is off. */
  adminTokenHash: string | null;
  /** This process, as the owner of the calls it places (restart recovery). */
  processId: string;
  /** Requests a token may make on the native face, per second and in a burst (per process). */
  nativeRate: RateLimit;
  /** Webhooks may be created for non-public targets (PACER_WEBHOOK_ALLOW_PRIVATE). */
  webhookAllowPrivate: boolean;
  /** A console session unused this long ends (PACER_SESSION_IDLE_MIN). */
  sessionIdleMs: number;
  /** Trunks and agent phones may be on non-public addresses (PACER_SIP_ALLOW_PRIVATE). */
  sipAllowPrivate: boolean;
  /**
   * Where agents' phones register, `host:port` (PACER_SIP_PUBLIC_ADDRESS or the PACER_SIP_LISTEN
   * address, and its port), for the messages that tell how; null when Pacer runs no SIP.
   */
  sipAddress: string | null;
}

export interface EngineDeps {
  store: Store;
  /** Lists and lookups of the native API (no locks). */
  reads: ReadModel;
  idempotency: IdempotencyRepo;
  clock: Clock;
  telephony: Telephony;
  webhookSender: WebhookSender;
  random: Randomness;
  settings: EngineSettings;
  /** The other processes' pacing messages (several processes on one PostgreSQL); none for a lone process. */
  pacingChannel?: PacingChannel;
  /** Unexpected failures of background work (timers, telephony events). */
  onError: (error: unknown, context: string) => void;
}

/** The operation a request acts on, resolved from its token. */
export interface RequestContext {
  operationId: string;
  timeZone: string;
  now: number;
  /** Who asks (domain/permission.ts): the engine checks it before the work reads anything. */
  principal: Principal;
  actor: Actor;
}
