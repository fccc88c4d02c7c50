// The pacing model's pieces on their own: the shortfall's approximation for many terms, and where
// the abandon controller starts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AbandonControl } from '../src/domain/pacing/abandon-control.ts';
import { normalCdf, refinedNormalCdf } from '../src/domain/pacing/normal.ts';
import { EXACT_TERMS, Shortfall } from '../src/domain/pacing/shortfall.ts';

/** P(base + Σ frees − Σ answers ≤ 0), by convolution. */
function exactRisk(base: number, free: number[], answer: number[]): number {
  let pmf = new Map<number, number>([[base, 1]]);
  const add = (p: number, step: number) => {
    const next = new Map<number, number>();
    for (const [x, m] of pmf) {
      next.set(x, (next.get(x) ?? 0) + m * (1 - p));
      next.set(x + step, (next.get(x + step) ?? 0) + m * p);
    }
    pmf = next;
  };
  for (const p of free) add(p, 1);
  for (const p of answer) add(p, -1);
  let r = 0;
  for (const [x, m] of pmf) if (x <= 0) r += m;
  return r;
}

describe('pacing approximations', () => {
  test('many terms: the skewness-corrected normal is close to the exact shortfall risk, the plain normal is not', () => {
    // A large team at a low answer rate: many ringing calls each rarely answered (a right-skewed
    // count), a few agents that may free up, two agents ready.
    for (const [base, calls, pLive] of [[4, 60, 0.03], [5, 60, 0.03], [9, 200, 0.025], [6, 200, 0.025], [3, 100, 0.02]] as const) {
      const free = Array.from({ length: 10 }, () => 0.1);
      const answer = Array.from({ length: calls }, () => pLive);
      assert.ok(free.length + answer.length > EXACT_TERMS);
      const shortfall = new Shortfall();
      shortfall.reset(base);
      for (const p of free) shortfall.addFree(p);
      for (const p of answer) shortfall.addAnswer(p);
      shortfall.prepare(0);
      const exact = exactRisk(base, free, answer);
      const approx = shortfall.risk(0);
      let m = base;
      let v = 0;
      for (const p of free) { m += p; v += p * (1 - p); }
      for (const p of answer) { m -= p; v += p * (1 - p); }
      const plain = normalCdf((0.5 - m) / Math.sqrt(v));
      const what = `base ${base}, ${calls} calls: exact ${exact.toFixed(4)}, corrected ${approx.toFixed(4)}, plain normal ${plain.toFixed(4)}`;
      assert.ok(Math.abs(approx - exact) < Math.abs(plain - exact), what);
      // In the tail the dialer works in (a risk of a few percent), within a tenth of the exact value.
      if (exact < 0.06) assert.ok(Math.abs(approx - exact) < 0.1 * exact, what);
    }
  });

  test('the skewness correction vanishes for a symmetric sum and stays a probability', () => {
    for (const x of [-3, -1, 0, 0.7, 2]) assert.equal(refinedNormalCdf(x, 0), normalCdf(x));
    for (const x of [-6, -2, 0, 2, 6]) for (const g of [-5, 5]) {
      const p = refinedNormalCdf(x, g);
      assert.ok(p >= 0 && p <= 1, `x ${x}, skewness ${g}: ${p}`);
    }
  });

  test('the abandon controller starts at the aim: before any answer there is nothing to hold back', () => {
    assert.ok(Math.abs(new AbandonControl(0.03).theta - 0.03) < 1e-12);
    assert.ok(Math.abs(new AbandonControl(0.015).theta - 0.015) < 1e-12);
  });

  test('the reserve grows with the answers: a clean start raises θ, abandons at the aim keep it below the start', () => {
    const clean = new AbandonControl(0.03);
    for (let i = 0; i < 100; i++) clean.record(false, i * 10);
    assert.ok(clean.theta > 0.03, `after 100 connected answers θ = ${clean.theta}`);
    // At exactly the aim, the budget is short of the reserve (now full): θ stays lower.
    const atAim = new AbandonControl(0.03);
    for (let i = 0; i < 1000; i++) atAim.record(i % 33 === 32, i * 10);
    assert.ok(atAim.theta < 0.03, `after 1000 answers at the aim θ = ${atAim.theta}`);
  });

  test('the reserve measures how bunched the shift\'s abandons come: bunches hold back more than abandons one at a time', () => {
    // The same 2,000 answers and 60 abandons (the aim): one every 33 answers and so on, or in
    // bunches of six every 200 answers, as a burst of answers strands several at once.
    const single = new AbandonControl(0.03);
    const bunched = new AbandonControl(0.03);
    for (let i = 0; i < 2000; i++) {
      single.record(i % 100 === 0 || i % 100 === 33 || i % 100 === 66, i * 10);
      bunched.record(i % 200 >= 100 && i % 200 < 106, i * 10);
    }
    assert.equal(single.abandons, bunched.abandons);
    // Abandons one at a time are less dispersed than Poisson: the reserve keeps its floor.
    assert.equal(single.dispersion, 2);
    assert.ok(bunched.dispersion > 3, `dispersion of bunched abandons ${bunched.dispersion}`);
    assert.ok(bunched.reserve > 1.2 * single.reserve, `reserve ${bunched.reserve} bunched, ${single.reserve} one at a time`);
  });
});
