// Summaries of benchmark runs: mean and 95 % interval (Student t) over the seeds.

const T975: Record<number, number> = { 1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228, 15: 2.131, 20: 2.086, 30: 2.042 };

function tQuantile(df: number): number {
  if (df <= 0) return NaN;
  const known = Object.keys(T975).map(Number).filter((k) => k <= df);
  return T975[df] ?? T975[Math.max(...known)] ?? 1.96;
}

export interface Interval { mean: number; half: number; min: number; max: number }

export function interval(values: readonly number[]): Interval {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, n);
  const variance = n > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0;
  const half = n > 1 ? tQuantile(n - 1) * Math.sqrt(variance / n) : 0;
  return { mean, half, min: Math.min(...values), max: Math.max(...values) };
}
