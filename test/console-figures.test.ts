// The campaigns page's pure parts, in Node: why a campaign is not dialling in words (English and
// Spanish), the opening time read on the operation's clock whatever the browser's zone, shares as
// percentages, the part of a day worth drawing, and the deliberate reads (one in flight per
// campaign, at most one every few seconds, gathered asks, a cap on reads at once).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CampaignSeries } from '../packages/client/src/index.ts';
import { activeBuckets, formatLimit, formatShare, openingOnClock, reasonsInWords, shareTicks } from '../packages/console/src/figures.ts';
import { figuresEn, figuresEs } from '../packages/console/src/i18n-figures.ts';
import { throttledReads } from '../packages/console/src/reads.ts';

describe('figures in words', () => {
  // Saturday 7 March 2026, 18:00 in Bogota; the hours open on Monday at 07:00 there.
  const at = '2026-03-07T18:00:00-05:00';

  test('every reason, in English and in Spanish; the opening on the operation\'s clock', () => {
    const all = [
      { reason: 'stopped' as const }, { reason: 'outside_schedule' as const, opens_at: '2026-03-09T07:00:00-05:00' }, { reason: 'no_agent_ready' as const },
      { reason: 'no_records' as const }, { reason: 'no_trunk' as const }, { reason: 'trunk_at_limit' as const },
    ];
    assert.deepEqual(reasonsInWords(figuresEn, all, at, 'en'), [
      'Stopped', 'Outside its calling hours until Mon 07:00', 'No agent ready', 'No records to call now', 'No SIP trunk', 'Trunk at its line limit',
    ]);
    assert.deepEqual(reasonsInWords(figuresEs, all, at, 'es'), [
      'Detenida', 'Fuera de su horario de llamadas hasta lun 07:00', 'Ningún agente disponible', 'No hay registros para llamar ahora', 'Sin troncal SIP',
      'Troncal en su límite de líneas',
    ]);
    assert.deepEqual(reasonsInWords(figuresEn, [{ reason: 'outside_schedule', opens_at: null }], at, 'en'), ['Outside its calling hours (they do not open in the next 14 days)']);
  });

  test('the opening is the stamp\'s own wall clock, whatever the browser\'s zone; a week or more away, with its date', () => {
    // In Tokyo the same instant is Monday 21:00: the page still says the operation's 07:00.
    assert.equal(openingOnClock('2026-03-09T07:00:00-05:00', at, 'en'), 'Mon 07:00');
    assert.equal(openingOnClock('2026-03-07T19:30:00+09:00', '2026-03-07T18:00:00+09:00', 'en'), 'Sat 19:30');
    assert.equal(openingOnClock('2026-03-16T07:00:00-05:00', at, 'en'), 'Mon, Mar 16 07:00');
    assert.equal(openingOnClock('2026-03-16T07:00:00-05:00', at, 'es'), 'lun, 16 mar 07:00');
  });

  test('shares: one decimal in the page\'s language; limits without a needless one; axes that hold the ceiling', () => {
    assert.deepEqual([formatShare(0.015, 'en'), formatShare(0.015, 'es'), formatShare(null, 'en'), formatShare(1, 'en')], ['1.5 %', '1,5 %', '—', '100.0 %']);
    assert.deepEqual([formatLimit(0.03, 'en'), formatLimit(0.015, 'es')], ['3 %', '1,5 %']);
    assert.deepEqual(shareTicks(0.036), [0, 0.01, 0.02, 0.03, 0.04]);
    assert.deepEqual(shareTicks(1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  test('the part of the day worth drawing begins at the first bucket with an answer or staffed time', () => {
    const bucket = (start: string, answered: number, staffed: number) => ({
      start, end: start, answered, abandoned: 0, abandon_rate: null, busy_s: 0, staffed_s: staffed, agent_utilisation: null, day_abandon_rate: null,
    });
    const series = { buckets: [bucket('00:00', 0, 0), bucket('00:15', 0, 60), bucket('00:30', 0, 0), bucket('00:45', 1, 0)] } as unknown as CampaignSeries;
    assert.deepEqual(activeBuckets(series).map((b) => b.start), ['00:15', '00:30', '00:45']);
    assert.deepEqual(activeBuckets({ buckets: [bucket('00:00', 0, 0)] } as unknown as CampaignSeries), []);
  });
});

describe('deliberate reads', () => {
  /** A clock and timers the test moves by hand, and reads that end when the test says. */
  function harness(minGapMs = 3000, parallel = 2) {
    let now = 0;
    const timers: { at: number; run: () => void; id: number }[] = [];
    let nextId = 1;
    const pending = new Map<string, (() => void)[]>();
    const started: [number, string][] = [];
    const reads = throttledReads({
      minGapMs, parallel,
      now: () => now,
      setTimer: (run, ms) => {
        const id = nextId++;
        timers.push({ at: now + ms, run, id });
        return id;
      },
      clearTimer: (id) => {
        const i = timers.findIndex((t) => t.id === id);
        if (i >= 0) timers.splice(i, 1);
      },
      read: (key) => new Promise<void>((resolve) => {
        started.push([now, key]);
        pending.set(key, [...(pending.get(key) ?? []), resolve]);
      }),
    });
    const settle = () => new Promise((r) => setImmediate(r));
    return {
      reads, started,
      inFlight: (key: string) => pending.get(key)?.length ?? 0,
      async finish(key: string) {
        pending.get(key)?.shift()?.();
        await settle();
        await settle();
      },
      async advance(ms: number) {
        now += ms;
        for (const t of timers.filter((x) => x.at <= now)) {
          timers.splice(timers.indexOf(t), 1);
          t.run();
        }
        await settle();
      },
    };
  }

  test('one read in flight per campaign; asks meanwhile make one read after it, not before its gap', async () => {
    const h = harness();
    h.reads.ask('1');
    for (let i = 0; i < 20; i++) h.reads.ask('1');
    assert.deepEqual(h.started, [[0, '1']], 'a burst of asks: one read');
    await h.advance(250);
    await h.finish('1');
    assert.equal(h.inFlight('1'), 0);
    assert.deepEqual(h.started, [[0, '1']], 'the asks gathered wait for the gap');
    await h.advance(2749);
    assert.equal(h.started.length, 1);
    await h.advance(1);
    assert.deepEqual(h.started, [[0, '1'], [3000, '1']], 'then one read, 3 s after the last began');
    h.reads.ask('1');
    assert.equal(h.inFlight('1'), 1, 'never two at once');
  });

  test('an urgent ask (a campaign started or stopped) does not wait for the gap, nor start a second read', async () => {
    const h = harness();
    h.reads.ask('1');
    await h.finish('1');
    h.reads.ask('1');
    await h.advance(100);
    h.reads.ask('1', true);
    assert.deepEqual(h.started, [[0, '1'], [100, '1']], 'the waiting ask starts at once');
    h.reads.ask('1', true);
    assert.equal(h.inFlight('1'), 1);
    await h.finish('1');
    assert.deepEqual(h.started.at(-1), [100, '1'], 'the urgent ask that came during a read, right after it');
    assert.equal(h.started.length, 3);
    await h.advance(10_000);
    assert.equal(h.started.length, 3, 'the timer of the ask it replaced is gone');
  });

  test('at most `parallel` reads at once across campaigns; stopping starts nothing more', async () => {
    const h = harness(3000, 2);
    for (const k of ['1', '2', '3', '4']) h.reads.ask(k);
    assert.deepEqual(h.started.map(([, k]) => k), ['1', '2']);
    await h.finish('1');
    assert.deepEqual(h.started.map(([, k]) => k), ['1', '2', '3']);
    h.reads.stop();
    await h.finish('2');
    await h.finish('3');
    await h.advance(60_000);
    assert.deepEqual(h.started.map(([, k]) => k), ['1', '2', '3']);
  });
});
