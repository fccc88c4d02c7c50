// What the event loop's long stalls are made of, measured by the process itself: a 5 ms timer
// notes each gap of at least `minMs` between its runs, the CPU its own thread spent in the gap
// (process.threadCpuUsage: this thread only, not libuv's pool nor V8's helper threads) and the
// garbage collections that started in it, and (on Linux, /proc/self/task/<tid>/schedstat) the time
// it was ready to run but waited for a core. A stall the thread spent on the CPU is work of its own
// (JavaScript, parsing, a collection's pause); one spent waiting for a core is the machine's (the
// scheduler gave the core to PostgreSQL, sipp or a neighbour); the rest it was blocked, neither
// running nor runnable: in a system call, or waiting for one of its own helper threads. The
// meter's own cost, a clock, a CPU reading and a small /proc read every 5 ms, is about 0.3 % of a
// core, counted in the Pacer figures it sits beside.
import { readFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';

export interface LoopStalls {
  /** Gaps of at least minMs between the timer's runs. */
  count: number;
  /** Their total length, and the longest. */
  totalMs: number;
  maxMs: number;
  /** Of their total, milliseconds this thread was on the CPU, and spent in collections' pauses. */
  cpuMs: number;
  gcMs: number;
  /** Of their total, milliseconds this thread was runnable and waited for a core; null where the kernel does not say. */
  waitMs: number | null;
}

/** Nanoseconds the main thread has waited on a run queue (schedstat's second field), or null. */
function runQueueWaitNs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ');
    const wait = Number(fields[1]);
    return Number.isFinite(wait) ? wait : null;
  } catch {
    return null;
  }
}

export interface StallMeter {
  start(): void;
  stop(): LoopStalls;
}

const TICK_MS = 5;

export function stallMeter(minMs = 50): StallMeter {
  let timer: NodeJS.Timeout | undefined;
  const none = (): LoopStalls => ({ count: 0, totalMs: 0, maxMs: 0, cpuMs: 0, gcMs: 0, waitMs: runQueueWaitNs() === null ? null : 0 });
  let stalls = none();
  let gcs: { start: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ start: e.startTime, ms: e.duration });
    if (gcs.length > 10_000) gcs = gcs.slice(-1000);
  });
  let lastAt = 0;
  let lastCpu = process.threadCpuUsage();
  let lastWait = runQueueWaitNs();
  const tick = () => {
    const at = performance.now();
    const cpu = process.threadCpuUsage();
    const wait = runQueueWaitNs();
    const gap = at - lastAt - TICK_MS;
    if (gap >= minMs) {
      stalls.count += 1;
      stalls.totalMs += gap;
      stalls.maxMs = Math.max(stalls.maxMs, gap);
      stalls.cpuMs += Math.min(gap, (cpu.user + cpu.system - lastCpu.user - lastCpu.system) / 1000);
      for (const g of gcs) if (g.start >= lastAt && g.start < at) stalls.gcMs += g.ms;
      if (stalls.waitMs !== null && wait !== null && lastWait !== null) stalls.waitMs += Math.min(gap, (wait - lastWait) / 1e6);
    }
    lastAt = at;
    lastCpu = cpu;
    lastWait = wait;
  };
  return {
    start() {
      stalls = none();
      gcs = [];
      observer.observe({ entryTypes: ['gc'] });
      lastAt = performance.now();
      lastCpu = process.threadCpuUsage();
      lastWait = runQueueWaitNs();
      timer = setInterval(tick, TICK_MS);
    },
    stop() {
      clearInterval(timer);
      observer.disconnect();
      return { ...stalls, totalMs: Math.round(stalls.totalMs), maxMs: Math.round(stalls.maxMs), cpuMs: Math.round(stalls.cpuMs), gcMs: Math.round(stalls.gcMs),
        waitMs: stalls.waitMs === null ? null : Math.round(stalls.waitMs) };
    },
  };
}
