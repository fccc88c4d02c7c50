// The answer model on its own: what it learns of a small team's rare answers, and how fast it
// follows a change in the answer rate.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AnswerModel } from '../src/domain/pacing/answer-model.ts';

/** A seeded uniform generator (mulberry32), so the draws are the same on every run. */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `seconds` of resolutions, `perS` a second, exponential ring times of mean 16 s, `live` of them live. */
function feed(m: AnswerModel, draw: () => number, fromS: number, seconds: number, perS: number, live: number): number {
  let t = fromS;
  while (t < fromS + seconds) {
    t += -Math.log(1 - draw()) / perS;
    m.observe(t, -16 * Math.log(1 - draw()), draw() < live);
  }
  return t;
}

describe('answer model', () => {
  test('rare answers: a call that has rung a while answers as a fresh one does when ring times are memoryless', () => {
    // Five agents at 5 % live answers resolve about one call a second: some fifteen live answers
    // in five minutes. Exponential ring times: P(live within h | rung a) is the same at every age.
    let worst = 0;
    const total = (row: Float64Array) => row.reduce((a, b) => a + b, 0);
    for (let seed = 1; seed <= 5; seed++) {
      const m = new AnswerModel();
      const draw = uniform(seed);
      feed(m, draw, 0, 3600, 1, 0.05);
      m.refresh(4, []);
      const fresh = m.row(0);
      assert.ok(fresh);
      for (const age of [20, 40, 60]) {
        const old = m.row(age);
        assert.ok(old, `a call ringing for ${age} s has a row`);
        worst = Math.max(worst, Math.abs(Math.log(total(old) / total(fresh))));
      }
    }
    // Read age by age from five minutes of resolutions, calls of 40–60 s were mostly taken for
    // ones that never answer (a chance of 0), now and then for ones five times likelier.
    assert.ok(worst < Math.log(2), `old calls' answer chances within a factor 2 of a fresh call's (worst log ratio ${worst.toFixed(2)})`);
  });

  test('a drop in the answer rate shows within minutes, though the shape of ring times is read from longer', () => {
    const m = new AnswerModel();
    const draw = uniform(7);
    const t = feed(m, draw, 0, 3600, 1, 0.2);
    m.refresh(4, []);
    assert.ok(Math.abs(m.pLive - 0.2) < 0.04, `about 20 % live before the drop (${m.pLive.toFixed(3)})`);
    feed(m, draw, t, 300, 1, 0.06);
    m.refresh(4, []);
    assert.ok(Math.abs(m.pLive - 0.06) < 0.03, `about 6 % live five minutes after the drop (${m.pLive.toFixed(3)})`);
    const fresh = m.row(0);
    const within = 1 - Math.exp(-(m.horizons[3] ?? 0) / 16);
    assert.ok(fresh && Math.abs((fresh[3] ?? 0) / (m.pLive * within) - 1) < 0.25, 'the rows are scaled to the recent chance');
  });
});
