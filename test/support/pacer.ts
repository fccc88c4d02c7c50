// A whole Pacer for a test: the real Fastify app, the real store of the chosen kind, a virtual
// clock and the simulated carrier, seeded with the demo operation and a known token.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { simulatedTelephony, type CarrierProfile, demoProfile, type SimulatedTelephony } from '../../src/adapters/telephony/simulated.ts';
import { createPacer, type Pacer, type PacerOverrides } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { ensureDemo } from '../../src/demo.ts';
import type { Access } from '../../src/engine/access.ts';
import { virtualClock, type VirtualClock } from '../../src/engine/virtual-clock.ts';
import { dropSchema, postgresUrl, sharedEmbedded, uniqueSchema, type StoreKind } from './stores.ts';

export const TOKEN = 'test-token-0001';
/** Monday 2026-03-02 10:00 in Bogota. */
export const START = Date.parse('2026-03-02T15:00:00Z');

export interface TestPacer {
  pacer: Pacer;
  clock: VirtualClock;
  telephony: SimulatedTelephony;
  schema: string;
  /** Sends a request to the real app; JSON bodies are parsed into `body`. */
  call(options: InjectOptions): Promise<LightMyRequestResponse & { body: string; json: Record<string, unknown> }>;
  /** POST agentbox.php?api=…&params with the test token. */
  agentbox(api: string, params?: Record<string, string>, headers?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }>;
  /** campaign.php?api=…&query with the test token; `body` is sent as JSON unless it is a string. */
  campaign(method: CampaignMethod, api: string, query?: Record<string, string>, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }>;
  /** The test token as a native caller: how a test calls a use case of the engine directly. */
  access(): Promise<Access>;
  close(): Promise<void>;
}

export type CampaignMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface TestPacerOptions {
  carrier?: CarrierProfile;
  env?: Record<string, string>;
  /** Reuse the schema of an earlier Pacer (restart on the same data). */
  schema?: string;
  clock?: VirtualClock;
  /** Leave the schema in place at close (a later Pacer restarts on it). */
  keepSchema?: boolean;
  /** The dialer's pacing strategy per campaign. */
  strategyFor?: PacerOverrides['strategyFor'];
  /** How webhook deliveries resolve host names. */
  webhookResolver?: PacerOverrides['webhookResolver'];
  /** How webhook deliveries are sent (default: HTTP, to the subscription's URL). */
  webhookSender?: PacerOverrides['webhookSender'];
  /**
   * Whether a webhook's answer takes no virtual time (default true: the clock waits for every
   * delivery to be answered and recorded before it moves on, as loopback receivers answer at once).
   * False for a sender that answers on the virtual clock, or never.
   */
  webhookAnswersAtOnce?: boolean;
  /** Where Pacer's log lines go (set LOG_LEVEL in `env`: tests are silent by default). */
  logStream?: PacerOverrides['logStream'];
  /** Where the web console's built files are (default: packages/console/dist). */
  consoleDir?: string;
}

export async function testPacer(kind: StoreKind, options: TestPacerOptions = {}): Promise<TestPacer> {
  const schema = options.schema ?? uniqueSchema();
  const config = loadConfig({ LOG_LEVEL: 'silent', ...(kind === 'postgres' ? { DATABASE_URL: postgresUrl } : {}), ...options.env });
  const clock = options.clock ?? virtualClock(START);
  const telephony = simulatedTelephony(clock, options.carrier ?? demoProfile);
  const pacer = await createPacer(config, {
    clock, telephony, schema, inMemory: true, embedded: kind === 'pglite' ? await sharedEmbedded() : undefined,
    strategyFor: options.strategyFor, webhookResolver: options.webhookResolver, webhookSender: options.webhookSender, logStream: options.logStream,
    ...(options.consoleDir === undefined ? {} : { consoleDir: options.consoleDir }),
  });
  await ensureDemo(pacer.database.db, clock.now(), TOKEN);
  const unsettle = options.webhookAnswersAtOnce === false ? () => {} : clock.settleAfterEachTimer(() => pacer.engine.background.webhooks.settled());
  const call: TestPacer['call'] = async (opts) => {
    const res = await pacer.app.inject(opts);
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(res.body) as Record<string, unknown>;
    } catch { /* not JSON */ }
    return Object.assign(res, { json });
  };
  return {
    pacer, clock, telephony, schema, call,
    async agentbox(api, params = {}, headers = {}) {
      const query = new URLSearchParams({ api, ...params }).toString();
      const res = await call({ method: 'POST', url: `/api/v2/agentbox.php?${query}`, headers: { 'wolkvox-token': TOKEN, ...headers } });
      return { status: res.statusCode, json: res.json };
    },
    async campaign(method, api, query = {}, body, headers = {}) {
      const url = `/api/v2/campaign.php?${new URLSearchParams({ api, ...query }).toString()}`;
      const json = body !== undefined && typeof body !== 'string';
      const res = await call({
        method, url, headers: { 'wolkvox-token': TOKEN, ...(json ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body === undefined ? {} : { payload: json ? JSON.stringify(body) : body }),
      });
      return { status: res.statusCode, json: res.json };
    },
    access: async () => ({ kind: 'caller', caller: await pacer.engine.authenticate(TOKEN) }),
    async close() {
      unsettle();
      await pacer.close();
      if (kind === 'postgres' && !options.keepSchema) await dropSchema(schema);
    },
  };
}
