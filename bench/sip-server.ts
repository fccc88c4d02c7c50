// The Pacer process of `npm run bench:sip`: a real Pacer (createPacer, system clock) in the
// telephony mode the parent asks for (PACER_TELEPHONY=sip against sipp peers, or sim with a carrier
// profile of the same shape), listening for HTTP on 127.0.0.1 (the parent sets it up through the
// API, as an operator would). It measures itself on request of the parent over IPC: event-loop
// delay, CPU time, memory; it counts the errors it logs; it answers the parent's read-only SQL
// after a run (the analysis reads the calls table, never during the measured window).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createPacer } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { ensureDemo } from '../src/demo.ts';
import type { CarrierProfile } from '../src/adapters/telephony/simulated.ts';
import { stallMeter } from './loop-stalls.ts';
import type { SipFromServer, SipToServer } from './sip-protocol.ts';

const send = (m: SipFromServer) => process.send?.(m);

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const profile = process.env.BENCH_SIM_PROFILE ? JSON.parse(process.env.BENCH_SIM_PROFILE) as CarrierProfile : undefined;
  // Pacer's log lines at warn and above, counted (and the first few kept) for the report.
  const logged = { errors: 0, warnings: 0, first: [] as string[] };
  const logStream = {
    write(line: string) {
      const level = /"level":(\d+)/.exec(line)?.[1];
      if (Number(level) >= 50) logged.errors += 1;
      else logged.warnings += 1;
      if (logged.first.length < 8) logged.first.push(line.trim().slice(0, 3000));
    },
  };
  const pacer = await createPacer(config, {
    schema: process.env.BENCH_SCHEMA || undefined, logStream, ...(profile ? { carrier: profile } : {}),
  });
  const db = pacer.database.db;
  await ensureDemo(db, Date.now(), process.env.BENCH_TOKEN ?? null);
  await pacer.app.listen({ host: '127.0.0.1', port: 0 });
  const address = pacer.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const eld = monitorEventLoopDelay({ resolution: 10 });
  const stalls = stallMeter();
  let cpuStart = process.cpuUsage();
  let wallStart = performance.now();
  let memory = { rssMax: 0, heapMax: 0 };
  let sampler: NodeJS.Timeout | undefined;
  const sample = () => {
    const m = process.memoryUsage();
    memory = { rssMax: Math.max(memory.rssMax, m.rss), heapMax: Math.max(memory.heapMax, m.heapUsed) };
  };

  // --cpu-prof of bench/sip.ts: a CPU profile of this process over the measured window only.
  const profileTo = process.env.BENCH_CPU_PROFILE || undefined;
  const profiler = profileTo ? new Session() : undefined;
  profiler?.connect();
  // --heap-prof: a sampling heap profile over the measured window, taken at its end: what the
  // objects still alive then (the live calls' among them) were allocated by.
  const heapProfileTo = process.env.BENCH_HEAP_PROFILE || undefined;
  const heapProfiler = heapProfileTo ? new Session() : undefined;
  heapProfiler?.connect();

  process.on('message', (m: SipToServer) => {
    void (async () => {
      if (m.type === 'start') {
        eld.reset();
        eld.enable();
        stalls.start();
        memory = { rssMax: 0, heapMax: 0 };
        sample();
        sampler = setInterval(sample, 1000);
        logged.errors = 0;
        logged.warnings = 0;
        logged.first = [];
        if (profiler) {
          await profiler.post('Profiler.enable');
          await profiler.post('Profiler.start');
        }
        if (heapProfiler) await heapProfiler.post('HeapProfiler.startSampling', { samplingInterval: 16384 });
        cpuStart = process.cpuUsage();
        wallStart = performance.now();
        send({ type: 'started' });
      } else if (m.type === 'stop') {
        eld.disable();
        const stalled = stalls.stop();
        clearInterval(sampler);
        sample();
        const cpu = process.cpuUsage(cpuStart);
        const wallS = (performance.now() - wallStart) / 1000;
        if (heapProfiler && heapProfileTo) {
          const { profile } = await heapProfiler.post('HeapProfiler.getSamplingProfile');
          await heapProfiler.post('HeapProfiler.stopSampling');
          writeFileSync(heapProfileTo, JSON.stringify(profile));
        }
        if (profiler && profileTo) {
          const { profile } = await profiler.post('Profiler.stop');
          writeFileSync(profileTo, JSON.stringify(profile));
        }
        // The histogram holds the intervals of the monitor's 10 ms timer: past 10 ms is how late the loop was.
        const ms = (ns: number) => Math.max(0, Math.round((ns - 10e6) / 1e4) / 100);
        send({ type: 'stats', stats: {
          eldP50: ms(eld.percentile(50)), eldP99: ms(eld.percentile(99)), eldMax: ms(eld.max), stalls: stalled,
          cpuS: (cpu.user + cpu.system) / 1e6, wallS, rssMaxMb: memory.rssMax / 2 ** 20, heapMaxMb: memory.heapMax / 2 ** 20,
          errors: logged.errors, warnings: logged.warnings, firstLogged: logged.first,
        } });
      } else if (m.type === 'heap') {
        // After a full collection: what the live calls and sessions hold, not garbage.
        const gc = (globalThis as { gc?: () => void }).gc;
        gc?.();
        const u = process.memoryUsage();
        send({ type: 'heap', heapMb: u.heapUsed / 2 ** 20, rssMb: u.rss / 2 ** 20, collected: gc !== undefined });
      } else if (m.type === 'sql') {
        try {
          const result = await sql.raw(m.text).execute(db);
          send({ type: 'rows', rows: result.rows as Record<string, unknown>[] });
        } catch (error) {
          send({ type: 'rows', rows: [], error: error instanceof Error ? error.message : String(error) });
        }
      } else if (m.type === 'logged') {
        send({ type: 'logged', errors: logged.errors, warnings: logged.warnings, first: logged.first });
      } else if (m.type === 'exit') {
        clearInterval(sampler);
        const started = performance.now();
        await pacer.close();
        send({ type: 'closed', ms: performance.now() - started });
        process.exit(0);
      }
    })();
  });
  send({ type: 'ready', port, store: pacer.database.kind });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
