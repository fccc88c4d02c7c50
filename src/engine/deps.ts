// What the engine needs from the world, and the context of one authenticated request.
import type { Clock } from './ports/clock.ts';
import type { IdempotencyRepo } from './ports/idempotency.ts';
import type { ReadModel } from './ports/read-model.ts';
import type { Store } from './ports/store.ts';
import type { Telephony } from './ports/telephony.ts';
import type { WebhookSender } from './ports/webhooks.ts';

export interface Ids {
  /** A new conn_id. */
  callId(): string;
}

export interface EngineSettings {
  tokenConcurrency: number;
  quotaPerLicense: number;
  /** Seconds a call may ring before Pacer gives up (no-answer). */
  ringTimeoutS: number;
}

export interface EngineDeps {
  store: Store;
  /** Lists and lookups of the native API (no locks). */
  reads: ReadModel;
  idempotency: IdempotencyRepo;
  clock: Clock;
  telephony: Telephony;
  webhookSender: WebhookSender;
  ids: Ids;
  settings: EngineSettings;
  /** Unexpected failures of background work (timers, telephony events). */
  onError: (error: unknown, context: string) => void;
}

/** The operation a request acts on, resolved from its token. */
export interface RequestContext {
  operationId: string;
  timeZone: string;
  now: number;
}
