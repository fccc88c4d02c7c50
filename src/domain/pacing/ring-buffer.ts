// A fixed-capacity window of the most recent observations: estimates follow the campaign as it
// changes instead of averaging the whole day.

export class RingBuffer {
  private readonly values: number[] = [];
  private next = 0;
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  push(v: number): void {
    if (this.values.length < this.capacity) this.values.push(v);
    else this.values[this.next] = v;
    this.next = (this.next + 1) % this.capacity;
  }

  get size(): number {
    return this.values.length;
  }

  /** The observations, ascending. */
  sorted(): number[] {
    return [...this.values].sort((a, b) => a - b);
  }
}

/** How many of the ascending values are ≤ x. */
export function countAtMost(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
