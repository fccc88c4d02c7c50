// A binary min-heap of timed entries, ordered by time then insertion, so events at the same
// instant run in the order they were scheduled and a replay is the same on every machine.

export interface Timed { t: number; seq: number }

export class EventHeap<T extends Timed> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = a[parent] as T;
      if (!before(item, p)) break;
      a[i] = p;
      i = parent;
    }
    a[i] = item;
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    const n = a.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(a[r] as T, a[l] as T) ? r : l;
      const c = a[child] as T;
      if (!before(c, last)) break;
      a[i] = c;
      i = child;
    }
    a[i] = last;
    return top;
  }

  peek(): T | undefined {
    return this.items[0];
  }
}

function before(x: Timed, y: Timed): boolean {
  return x.t < y.t || (x.t === y.t && x.seq < y.seq);
}
