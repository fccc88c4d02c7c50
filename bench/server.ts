// The Pacer process of `npm run bench:api`: a real Pacer (system clock, demo carrier, the store the
// environment names) plus what the benchmark needs around it — the demo operation, one agent set
// and one token per load connection, a plain route as the ceiling, and the event-loop delay and
// CPU time of this process, measured per run on request of the parent over IPC.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { createPacer } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { demoOperation, ensureDemo } from '../src/demo.ts';
import { hashToken } from '../src/engine/gate.ts';
import { consoleRole, consoleTokenOf, firstAgent, tokenOf, type BenchSetup, type FromServer, type ToServer } from './protocol.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const setup: BenchSetup = {
    tokens: Number(process.env.BENCH_TOKENS ?? 64), agents: Number(process.env.BENCH_AGENTS ?? 200), consoles: Number(process.env.BENCH_CONSOLES ?? 0),
  };
  const schema = process.env.BENCH_SCHEMA || undefined;
  const pacer = await createPacer(config, { schema });
  const db = pacer.database.db;
  const now = Date.now();
  await ensureDemo(db, now, null);
  await db.insertInto('agents').values(Array.from({ length: setup.agents }, (_, i) => ({
    operation_id: demoOperation, id: String(firstAgent + i), name: `Bench agent ${firstAgent + i}`, aux_id: null,
    next_state: null, next_aux_id: null, state_since: new Date(now), call_id: null, last_call_id: null,
  }))).execute();
  await db.insertInto('api_tokens').values(Array.from({ length: setup.tokens }, (_, i) => ({
    operation_id: demoOperation, hash: hashToken(tokenOf(i)), description: `bench ${i}`, daily_limit: null, created_at: new Date(now),
  }))).execute();
  if (setup.consoles > 0) {
    await db.insertInto('api_tokens').values(Array.from({ length: setup.consoles }, (_, i) => {
      const { role, agentId } = consoleRole(i);
      return {
        operation_id: demoOperation, hash: hashToken(consoleTokenOf(i)), description: `bench console ${i}`, daily_limit: null,
        created_at: new Date(now), role, agent_id: agentId,
      };
    })).execute();
  }

  // The ceiling: a plain route on the same Fastify instance, same process, same logger.
  pacer.app.post('/bench/ceiling', (_request, reply) => reply.code(200).send({ code: '200', error: null, msg: 'ok' }));

  // The reference of the issue: a bare 5-statement transaction through Fastify and `pg`, on a
  // table of its own (PostgreSQL only; the embedded store has one connection, which Pacer holds).
  let bare: pg.Pool | undefined;
  if (config.databaseUrl && schema) {
    bare = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize });
    await bare.query(`CREATE TABLE IF NOT EXISTS ${schema}.bench_bare (id int PRIMARY KEY, n int NOT NULL)`);
    await bare.query(`CREATE TABLE IF NOT EXISTS ${schema}.bench_bare_log (id bigserial PRIMARY KEY, k int, at timestamptz)`);
    await bare.query(`INSERT INTO ${schema}.bench_bare SELECT g, 0 FROM generate_series(0, 999) g ON CONFLICT DO NOTHING`);
    const pool = bare;
    pacer.app.post('/bench/bare-tx', async (request, reply) => {
      const k = Number((request.query as { k?: string }).k ?? 0) % 1000;
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT 1 FROM ${schema}.bench_bare WHERE id = $1`, [(k + 500) % 1000]);
        await client.query(`SELECT n FROM ${schema}.bench_bare WHERE id = $1 FOR UPDATE`, [k]);
        await client.query(`UPDATE ${schema}.bench_bare SET n = n + 1 WHERE id = $1`, [k]);
        await client.query(`INSERT INTO ${schema}.bench_bare_log (k, at) VALUES ($1, now())`, [k]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      return reply.code(200).send({ code: '200', error: null, msg: 'ok' });
    });
  }

  await pacer.app.listen({ host: '127.0.0.1', port: 0 });
  const address = pacer.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const eld = monitorEventLoopDelay({ resolution: 10 });
  let cpuStart = process.cpuUsage();
  let wallStart = performance.now();
  const send = (m: FromServer) => process.send?.(m);

  // --profile: the window's CPU profile (the set-up and the warm-up are not in it).
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const profiler = profileDir ? new Session() : null;
  profiler?.connect();
  let profiled = Promise.resolve();

  process.on('message', (m: ToServer) => {
    if (m.type === 'start') {
      if (profiler) profiled = profiled.then(async () => { await profiler.post('Profiler.enable'); await profiler.post('Profiler.start'); });
      eld.reset();
      eld.enable();
      cpuStart = process.cpuUsage();
      wallStart = performance.now();
    } else if (m.type === 'stop') {
      if (profiler && profileDir) {
        profiled = profiled.then(async () => {
          const { profile } = await profiler.post('Profiler.stop');
          mkdirSync(profileDir, { recursive: true });
          writeFileSync(join(profileDir, `window-${process.pid}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
        });
      }
      eld.disable();
      const cpu = process.cpuUsage(cpuStart);
      // The histogram holds the interval between the monitor's 10 ms timer ticks: what is past the
      // 10 ms is how late the loop was.
      const ms = (ns: number) => Math.max(0, Math.round((ns - 10e6) / 1e4) / 100);
      send({ type: 'stats', stats: {
        eldP50: ms(eld.percentile(50)), eldP99: ms(eld.percentile(99)), eldMax: ms(eld.max),
        cpuCores: Math.round(((cpu.user + cpu.system) / 1000 / (performance.now() - wallStart)) * 100) / 100,
      } });
    } else if (m.type === 'agents') {
      void db.selectFrom('agents').select(['state']).select((eb) => eb.fn.countAll<string>().as('n')).groupBy('state').execute()
        .then((rows) => send({ type: 'agents', states: Object.fromEntries(rows.map((r) => [r.state, Number(r.n)])) }));
    } else {
      void (async () => {
        await profiled;
        await pacer.close();
        await bare?.end();
        process.exit(0);
      })();
    }
  });
  send({ type: 'ready', port, store: pacer.database.kind });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
