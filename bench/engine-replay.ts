// A dialer scenario replayed through the real engine: the whole Pacer (HTTP faces, engine, store of
// the chosen kind) on a virtual clock, its campaign's records being the scenario's, its customers
// the scenario's carrier (bench/scenario-carrier.ts, the same draws per record as
// `pacer simulate`), its agents logged in ready for the shift. The figures are read from Pacer's own
// rows afterwards (agent.state events, calls), defined as the simulator defines its own, so the two
// can be set side by side (bench/parity.ts, test/engine-parity.test.ts).
import { createPacer } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { ensureDemo } from '../src/demo.ts';
import { scenarioTelephony } from './scenario-carrier.ts';
import { startEmbedded, type EmbeddedDatabase } from '../src/adapters/store/embedded.ts';
import { createStrategy } from '../src/domain/pacing/strategies.ts';
import { virtualClock } from '../src/engine/virtual-clock.ts';
import { agentSteps, ScenarioError, type Scenario } from '../src/sim/scenario.ts';
import { mean } from '../src/domain/distribution.ts';
import { dropSchema, postgresUrl, uniqueSchema, type StoreKind } from '../test/support/stores.ts';

/** Monday 2026-03-02 10:00 in Bogota: inside the default calling window for an eight-hour shift. */
const SHIFT_START = Date.parse('2026-03-02T15:00:00Z');
const TOKEN = 'replay-token';
const OPERATION = '0001';
const CAMPAIGN = '1';
/** The engine connects within 2 s (SPEC §5); its deadline is not a setting. */
const ENGINE_CONNECT_DEADLINE_S = 2;

export interface EngineReplayOptions {
  seed: number;
  store: StoreKind;
  /** Strategy name as `pacer simulate` takes it (default predictive). */
  strategy?: string;
  /** The embedded database to use (PGlite); one is started and stopped for the run otherwise. */
  embedded?: EmbeddedDatabase;
  /** Called every simulated minute (progress). */
  onMinute?: (minute: number) => void;
}

export interface EngineReplayResult {
  scenario: string;
  strategy: string;
  seed: number;
  store: StoreKind;
  agents: number;
  duration_s: number;
  dials: number;
  live_answers: number;
  abandoned: number;
  abandon_rate: number;
  /** (talk + after-call work) / logged-in time, as the simulator's `utilization`. */
  utilization: number;
  /** talk / logged-in time, as the simulator's `occupancy`. */
  occupancy: number;
  /** Mean length of the after-call work periods that ended in the shift. */
  acw_mean_s: number;
  wall_s: number;
}

/** What the engine cannot replay as the simulator does, named; nothing when it can. */
export function replayRefusal(s: Scenario): string | undefined {
  if (agentSteps(s).length !== 1 || agentSteps(s)[0]?.at_s !== 0) return 'agents: the replay logs in a constant team (a schedule is not replayed)';
  if (s.connect_deadline_s !== ENGINE_CONNECT_DEADLINE_S) return `connect_deadline_s: the engine connects within ${ENGINE_CONNECT_DEADLINE_S} s (got ${s.connect_deadline_s})`;
  if (s.acw_s.dist !== 'fixed' || !Number.isInteger(s.acw_s.value)) return 'acw_s: the engine\'s after-call work is the operation\'s, a whole number of seconds: {"dist":"fixed","value":N}';
  if (Number.isFinite(s.max_lines)) return 'max_lines: the replay has no line limit';
  return undefined;
}

/** Records to load: the most the shift could dial, with room to spare (the run fails if they run out). */
function recordsFor(s: Scenario, agents: number): number {
  const pAnswer = s.outcomes.find((o) => o.result === 'answer')?.p ?? 0;
  const handleS = Math.max(1, mean(s.talk_s) + mean(s.acw_s));
  const answers = (agents * s.duration_s) / handleS;
  return Math.min(s.records, Math.ceil((3 * answers) / Math.max(0.01, pAnswer)) + 100);
}

const phoneOf = (record: number) => `3${String(record).padStart(9, '0')}`;

export async function replayOnEngine(scenario: Scenario, options: EngineReplayOptions): Promise<EngineReplayResult> {
  const refusal = replayRefusal(scenario);
  if (refusal) throw new ScenarioError(`scenario ${scenario.name} cannot be replayed through the engine: ${refusal}`);
  const started = performance.now();
  const agents = agentSteps(scenario)[0]?.count ?? 0;
  const records = recordsFor(scenario, agents);
  const strategyName = options.strategy ?? 'predictive';
  // Fails now on a bad name rather than at the first pacing decision.
  createStrategy(strategyName, { abandonTarget: scenario.abandon_limit, connectDeadlineS: ENGINE_CONNECT_DEADLINE_S });
  const clock = virtualClock(SHIFT_START);
  const telephony = scenarioTelephony(clock, scenario, {
    seed: options.seed, shiftStartMs: SHIFT_START,
    recordOf: (phone) => (/^3\d{9}$/.test(phone) ? Number(phone.slice(1)) : undefined),
  });
  const schema = uniqueSchema();
  const ownEmbedded = options.store === 'pglite' && !options.embedded ? await startEmbedded(null) : undefined;
  const config = loadConfig({ LOG_LEVEL: 'silent', ...(options.store === 'postgres' ? { DATABASE_URL: postgresUrl } : {}) });
  const pacer = await createPacer(config, {
    clock, telephony, schema, inMemory: true, embedded: options.embedded ?? ownEmbedded,
    strategyFor: () => createStrategy(strategyName, { abandonTarget: scenario.abandon_limit, connectDeadlineS: ENGINE_CONNECT_DEADLINE_S }),
  });
  try {
    const db = pacer.database.db;
    await ensureDemo(db, clock.now(), TOKEN);
    const at = new Date(SHIFT_START);
    const acwS = scenario.acw_s.dist === 'fixed' ? scenario.acw_s.value : 0;
    await db.updateTable('operations').set({ acw_s: acwS, licenses: agents }).where('id', '=', OPERATION).execute();
    const agentIds = Array.from({ length: agents }, (_, i) => String(1001 + i));
    const missing = agentIds.slice(10).map((id) => ({
      operation_id: OPERATION, id, name: `Agent ${id}`, aux_id: null, next_state: null, next_aux_id: null, state_since: at, call_id: null, last_call_id: null,
    }));
    if (missing.length > 0) await db.insertInto('agents').values(missing).execute();
    // The scenario's records, in its order, each tried once (the simulator never retries), called at any hour.
    await db.deleteFrom('records').where('operation_id', '=', OPERATION).where('campaign_id', '=', CAMPAIGN).execute();
    const allDay = ['00:00-24:00'];
    await db.updateTable('campaigns').set({
      max_attempts: 1, calling_schedule: JSON.stringify({ mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay, holidays: 'none' }),
    }).where('operation_id', '=', OPERATION).where('id', '=', CAMPAIGN).execute();
    for (let from = 1; from <= records; from += 5000) {
      const rows = Array.from({ length: Math.min(5000, records - from + 1) }, (_, i) => {
        const phone = phoneOf(from + i);
        return { operation_id: OPERATION, campaign_id: Number(CAMPAIGN), customer_id: String(from + i), data: JSON.stringify({ tel1: phone }), phones: [phone], created_at: at };
      });
      await db.insertInto('records').values(rows).execute();
    }
    const inject = (url: string) => pacer.app.inject({ method: 'POST', url, headers: { 'wolkvox-token': TOKEN } });
    for (const id of agentIds) {
      const res = await inject(`/api/v2/agentbox.php?api=change_status&agent_id=${id}&status=ready`);
      if (res.statusCode !== 200) throw new Error(`agent ${id} could not be made ready: ${res.body}`);
    }
    await pacer.engine.campaign.start({ kind: 'caller', caller: await pacer.engine.authenticate(TOKEN) }, CAMPAIGN);
    const end = SHIFT_START + scenario.duration_s * 1000;
    for (let minute = 1; clock.now() < end; minute++) {
      await clock.advanceTo(Math.min(end, SHIFT_START + minute * 60_000));
      options.onMinute?.(minute);
    }
    const figures = await shiftFigures(pacer.database.db, SHIFT_START, end);
    if (figures.dials >= records) throw new Error(`the replay ran out of records (${records} loaded): its figures would be cut short`);
    return {
      scenario: scenario.name, strategy: strategyName, seed: options.seed, store: options.store, agents, duration_s: scenario.duration_s,
      ...figures, wall_s: (performance.now() - started) / 1000,
    };
  } finally {
    await pacer.close();
    if (ownEmbedded) await ownEmbedded.stop();
    if (options.store === 'postgres') await dropSchema(schema);
  }
}

type Db = Awaited<ReturnType<typeof createPacer>>['database']['db'];

const staffed = new Set(['ready', 'ringing', 'talking', 'held', 'acw']);
const talking = new Set(['talking', 'held']);

/** The shift's figures from Pacer's rows: agents' time from their agent.state events, answers from the calls. */
async function shiftFigures(db: Db, start: number, end: number) {
  const events = await db.selectFrom('events').select(['agent_id', 'at', 'data']).where('operation_id', '=', OPERATION)
    .where('type', '=', 'agent.state').orderBy('id').execute();
  const last = new Map<string, { state: string; since: number }>();
  let logged = 0;
  let talk = 0;
  let acw = 0;
  const acwPeriods: number[] = [];
  const book = (state: string, from: number, to: number) => {
    const s = Math.max(0, Math.min(to, end) - Math.max(from, start)) / 1000;
    if (staffed.has(state)) logged += s;
    if (talking.has(state)) talk += s;
    if (state === 'acw') acw += s;
  };
  for (const e of events) {
    const agent = e.agent_id ?? '';
    const at = e.at.getTime();
    const to = (e.data as { to?: string }).to ?? 'logout';
    const before = last.get(agent);
    if (before) {
      book(before.state, before.since, at);
      if (before.state === 'acw' && at <= end) acwPeriods.push((at - before.since) / 1000);
    }
    last.set(agent, { state: to, since: at });
  }
  for (const { state, since } of last.values()) book(state, since, end);
  const calls = await db.selectFrom('calls').select(['answered_at', 'result']).where('operation_id', '=', OPERATION)
    .where('campaign_id', '=', CAMPAIGN).where('placed_at', '<', new Date(end)).execute();
  const live = calls.filter((c) => c.answered_at !== null && c.answered_at.getTime() < end && c.result !== 'answer-machine');
  const abandoned = live.filter((c) => c.result === 'abandon').length;
  const ratio = (x: number, y: number) => (y > 0 ? x / y : 0);
  return {
    dials: calls.length, live_answers: live.length, abandoned, abandon_rate: ratio(abandoned, live.length),
    utilization: ratio(talk + acw, logged), occupancy: ratio(talk, logged),
    acw_mean_s: ratio(acwPeriods.reduce((s, x) => s + x, 0), acwPeriods.length),
  };
}
