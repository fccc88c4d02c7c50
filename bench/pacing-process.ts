// One Pacer process of `npm run bench:pacing` (bench/pacing-processes.ts): a real Pacer
// (createPacer) on PostgreSQL with the simulated carrier of BENCH_SIM_PROFILE, on a clock that runs
// BENCH_CLOCK_SCALE times faster than the wall clock from BENCH_CLOCK_EPOCH, so a shift runs in a
// fraction of its length. Every process of a run is given the same epoch and scale: they agree on
// the time as processes on one machine do. Prints `listening on URL` once it serves.
import { createPacer } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { ensureDemo } from '../src/demo.ts';
import type { CarrierProfile } from '../src/adapters/telephony/simulated.ts';
import type { Clock, TimerHandle } from '../src/engine/ports/clock.ts';

function scaledClock(epochMs: number, scale: number): Clock {
  const timers = new Map<number, NodeJS.Timeout>();
  let next = 1;
  return {
    now: () => epochMs + (Date.now() - epochMs) * scale,
    setTimer(ms, fn) {
      const id = next++;
      const t = setTimeout(() => {
        timers.delete(id);
        void fn();
      }, Math.max(0, ms) / scale);
      t.unref();
      timers.set(id, t);
      return { id };
    },
    clearTimer(handle: TimerHandle) {
      clearTimeout(timers.get(handle.id));
      timers.delete(handle.id);
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const profile = JSON.parse(process.env.BENCH_SIM_PROFILE ?? 'null') as CarrierProfile | null;
  const clock = scaledClock(Number(process.env.BENCH_CLOCK_EPOCH), Number(process.env.BENCH_CLOCK_SCALE ?? '1'));
  const pacer = await createPacer(config, { clock, ...(profile ? { carrier: profile } : {}) });
  await ensureDemo(pacer.database.db, clock.now(), process.env.PACER_DEMO_TOKEN ?? null);
  const base = await pacer.app.listen({ host: '127.0.0.1', port: 0 });
  console.log(`listening on ${base}`);
  const stop = () => {
    pacer.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
