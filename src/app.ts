// Composition root: configuration in, a running Pacer out. The only place that picks adapters.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { systemRandomness } from './adapters/randomness/system-randomness.ts';
import type { FastifyInstance } from 'fastify';
import { systemClock } from './adapters/clock/system-clock.ts';
import { buildServer } from './adapters/http/server.ts';
import { openDatabase, type OpenDatabase } from './adapters/store/database.ts';
import type { EmbeddedDatabase } from './adapters/store/embedded.ts';
import { migrate } from './adapters/store/migrate.ts';
import { readModel } from './adapters/store/read-model.ts';
import { idempotencyRepo } from './adapters/store/idempotency.ts';
import { httpSender, type ResolveHost } from './adapters/webhooks/http-sender.ts';
import { kyselyStore, type StoreHooks } from './adapters/store/store.ts';
import { registrarStore } from './adapters/store/registrations.ts';
import { simulatedTelephony, type CarrierProfile, demoProfile } from './adapters/telephony/simulated.ts';
import { createSip, type Sip } from './adapters/telephony/sip/start.ts';
import { forwardedTelephony } from './adapters/telephony/sip/forwarded.ts';
import { sipDialogJournal } from './adapters/store/sip-dialogs.ts';
import { createSipLead, type SipLead } from './adapters/store/sip-lead.ts';
import { createPacingChannel, pacingChannelName } from './adapters/store/pacing-channel.ts';
import type { Config } from './config.ts';
import type { Clock } from './engine/ports/clock.ts';
import type { Telephony } from './engine/ports/telephony.ts';
import type { WebhookSender } from './engine/ports/webhooks.ts';
import { hashToken } from './engine/gate.ts';
import { createEngine, type RunningEngine } from './engine/engine.ts';
import type { Store } from './engine/ports/store.ts';
import type { DialerOptions } from './engine/dialer/runner.ts';

export interface Pacer {
  app: FastifyInstance;
  engine: RunningEngine;
  /** The store the engine runs on (tests read and write through it directly). */
  store: Store;
  database: OpenDatabase;
  close(): Promise<void>;
}

export interface PacerOverrides {
  clock?: Clock;
  telephony?: Telephony;
  carrier?: CarrierProfile;
  schema?: string;
  embedded?: EmbeddedDatabase;
  webhookSender?: WebhookSender;
  /** How the webhook sender resolves host names (tests map names of their own). */
  webhookResolver?: ResolveHost;
  /** Keep the embedded store in memory (tests). */
  inMemory?: boolean;
  /** The pacing strategy of each campaign (default: progressive). */
  strategyFor?: DialerOptions['strategyFor'];
  /** Where log lines go (tests read them); default standard output. */
  logStream?: { write(line: string): void };
  /** Where the web console's built files are (default: packages/console/dist of this checkout). */
  consoleDir?: string;
  /** How SIP host names resolve (tests map names of their own); DNS by default. */
  sipResolveHost?: (host: string) => Promise<string[]>;
}

/** How often a process without the SIP lead asks for it: a dead leader's calls are taken over within this. */
const sipLeadPollMs = 2000;
/** How soon a process whose pacing channel connection was lost connects again. */
const pacingChannelRetryMs = 1000;

/** Where agents' phones register (host:port), for the messages that tell how; null without SIP. */
function sipAddress(config: Config): string | null {
  if (config.telephony !== 'sip') return null;
  const host = config.sipPublicAddress ?? config.sipListen.address;
  // Listening on every address: the phones know which of this machine's addresses they reach.
  if (host === '0.0.0.0' || host === '::') return `this machine's address, port ${config.sipListen.port}`;
  return `${host.includes(':') ? `[${host}]` : host}:${config.sipListen.port}`;
}

/** The console as `npm ci` builds it, beside this file's package. */
const builtConsole = fileURLToPath(new URL('../packages/console/dist/', import.meta.url));

export async function createPacer(config: Config, overrides: PacerOverrides = {}): Promise<Pacer> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl, dataDir: overrides.inMemory ? null : config.dataDir, poolSize: config.poolSize, statementTimeoutS: config.statementTimeoutS,
    schema: overrides.schema, embedded: overrides.embedded,
  });
  try {
    await migrate(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const clock = overrides.clock ?? systemClock();
  const log = { error: (_obj: object, _msg: string): void => undefined, debug: (_msg: string): void => undefined };
  const onError = (error: unknown, context: string) => log.error({ err: error, context }, 'background work failed');
  const processId = randomUUID();
  const hooks: StoreHooks = {};
  let sip: Sip | undefined;
  let lead: SipLead | undefined;
  let telephony: Telephony;
  if (overrides.telephony) telephony = overrides.telephony;
  else if (config.telephony === 'sip') {
    const journal = sipDialogJournal(database.db, processId, () => clock.now());
    const registrations = registrarStore(database.db, { eventsCommitted: (committed) => hooks.eventsCommitted?.(committed) });
    const created = createSip(config, {
      clock, journal, registrations, logger: { debug: (line) => log.debug(line), error: onError },
      ...(overrides.sipResolveHost ? { resolveHost: overrides.sipResolveHost } : {}),
    });
    sip = created;
    if (database.kind === 'postgres' && config.databaseUrl) {
      // Several processes may share the database: the one holding the SIP lead acts on every call.
      const forwarded = forwardedTelephony(created.telephony, { get leading() { return lead?.leading ?? false; }, send: (p) => lead?.send(p) ?? Promise.resolve() }, onError);
      lead = createSipLead({
        connectionString: config.databaseUrl, schema: overrides.schema ?? 'public', pollMs: sipLeadPollMs,
        onLead: () => created.lead(), onCommand: (payload) => forwarded.receive(payload), onError,
      });
      telephony = forwarded;
    } else telephony = created.telephony;
  } else telephony = simulatedTelephony(clock, overrides.carrier ?? demoProfile);
  // Several processes may share a PostgreSQL: outcomes reach the process pacing their campaign.
  const pacingChannel = database.kind === 'postgres' && config.databaseUrl ? createPacingChannel({
    connectionString: config.databaseUrl, schema: overrides.schema ?? 'public', processId, retryMs: pacingChannelRetryMs, onError,
  }) : undefined;
  if (pacingChannel) hooks.pacing = { channel: pacingChannelName(overrides.schema ?? 'public'), processId };
  const store = kyselyStore(database.db, () => database.close(), hooks, database.urgentDb);
  const engine = createEngine({
    store, reads: readModel(database.db), idempotency: idempotencyRepo(database.db), clock, telephony,
    webhookSender: overrides.webhookSender ?? httpSender({ allowPrivate: config.webhookAllowPrivate, resolve: overrides.webhookResolver }),
    random: systemRandomness(),
    settings: {
      tokenConcurrency: config.tokenConcurrency, quotaPerLicense: config.quotaPerLicense, ringTimeoutS: 30,
      connectDeadlineMs: 2000, callbackTakeoverS: config.callbackTakeoverS, dialerTickMs: 1000, dialerIdleMs: 30_000,
      // The embedded store has one process: nothing is inserted behind its back, so it re-checks rarely.
      callbackRecheckMs: database.kind === 'postgres' ? 5000 : 30_000, multiProcess: database.kind === 'postgres',
      processId, adminTokenHash: config.adminToken === null ? null : hashToken(config.adminToken),
      nativeRate: { perSecond: config.nativeRatePerSecond, burst: 2 * config.nativeRatePerSecond },
      webhookAllowPrivate: config.webhookAllowPrivate, sipAllowPrivate: config.sipAllowPrivate, sipAddress: sipAddress(config),
      sessionIdleMs: config.sessionIdleMinutes * 60_000,
    },
    ...(pacingChannel ? { pacingChannel } : {}),
    onError,
  }, overrides.strategyFor ? { strategyFor: overrides.strategyFor } : {});
  hooks.eventsCommitted = (committed) => engine.committed(committed);
  const app = await buildServer({
    logLevel: config.logLevel, requestTimeoutS: config.requestTimeoutS, trustProxy: config.trustProxy, logStream: overrides.logStream, consoleDir: overrides.consoleDir ?? builtConsole,
  }, engine);
  log.error = (obj, msg) => app.log.error(obj, msg);
  log.debug = (msg) => app.log.debug(msg);
  try {
    await pacingChannel?.start();
    await engine.start();
    // The SIP lead once the engine hears telephony events: what a dead process held is hung up,
    // and its agents' sessions are opened again.
    if (lead) await lead.start();
    else await sip?.lead();
  } catch (error) {
    await engine.stop().catch(() => undefined);
    await pacingChannel?.stop();
    await lead?.stop();
    await sip?.stop();
    await app.close();
    await database.close();
    throw error;
  }
  return {
    app, engine, store, database,
    async close() {
      try {
        await app.close();
        // Every leg Pacer holds is hung up (no call is left billing at the carrier) while the
        // engine still records what that ends.
        await sip?.stop();
        await lead?.stop();
        await engine.stop();
        await pacingChannel?.stop();
      } finally {
        await database.close();
      }
    },
  };
}
