// Distributions of durations (seconds), as scenarios and the simulated carrier describe them.
import type { Random } from './random.ts';

export type Distribution =
  | { dist: 'fixed'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'exponential'; mean: number }
  | { dist: 'lognormal'; mean: number; sd: number }
  | { dist: 'gamma'; mean: number; sd: number }
  | { dist: 'mixture'; parts: (Distribution & { w: number })[] };

function normal(random: Random): number {
  // Box–Muller; 1 - u keeps the logarithm finite.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Marsaglia–Tsang for shape k ≥ 1, with the boost for k < 1. */
function gammaShape(k: number, random: Random): number {
  if (k < 1) return gammaShape(k + 1, random) * Math.pow(1 - random(), 1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (let i = 0; i < 1000; i++) {
    const x = normal(random);
    const v = Math.pow(1 + c * x, 3);
    if (v <= 0) continue;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
  return k;
}

export function sample(d: Distribution, random: Random): number {
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * random();
    case 'exponential':
      return -d.mean * Math.log(1 - random());
    case 'lognormal': {
      const s2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      return Math.exp(Math.log(d.mean) - s2 / 2 + Math.sqrt(s2) * normal(random));
    }
    case 'gamma': {
      if (d.sd <= 0) return d.mean;
      const shape = (d.mean * d.mean) / (d.sd * d.sd);
      return gammaShape(shape, random) * (d.mean / shape);
    }
    case 'mixture': {
      let u = random();
      for (const part of d.parts) {
        u -= part.w;
        if (u < 0) return sample(part, random);
      }
      const last = d.parts[d.parts.length - 1];
      return last ? sample(last, random) : 0;
    }
  }
}

export function mean(d: Distribution): number {
  switch (d.dist) {
    case 'fixed': return d.value;
    case 'uniform': return (d.min + d.max) / 2;
    case 'exponential': case 'lognormal': case 'gamma': return d.mean;
    case 'mixture': return d.parts.reduce((s, p) => s + p.w * mean(p), 0);
  }
}
