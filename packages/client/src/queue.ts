// A per-token limit on requests in flight, shared by every client of this process that uses the
// same server and token: wolkvox refuses a token's third simultaneous request.

export class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  constructor(permits: number) {
    this.#free = permits;
  }
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}

const shared = new Map<string, Semaphore>();

export function tokenQueue(baseUrl: string, token: string, permits: number): Semaphore {
  const key = `${baseUrl}\u0000${token}`;
  let s = shared.get(key);
  if (!s) {
    s = new Semaphore(permits);
    shared.set(key, s);
  }
  return s;
}
