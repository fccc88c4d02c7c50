// Starts the embedded PostgreSQL (PGlite) in a worker thread and tells where it listens.
import { Worker } from 'node:worker_threads';
import { mkdirSync } from 'node:fs';

export interface EmbeddedDatabase {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** `dataDir` null keeps the database in memory (tests). */
export async function startEmbedded(dataDir: string | null): Promise<EmbeddedDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const worker = new Worker(new URL('./pglite-worker.ts', import.meta.url), { workerData: { dataDir } });
  const address = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { type: string; address?: string; message?: string }) => {
      if (m.type === 'ready' && m.address) resolve(m.address);
      else reject(new Error(`embedded database failed to start: ${m.message ?? m.type}`));
    });
  });
  const [host = '127.0.0.1', port = '0'] = address.split(':');
  let stopped = false;
  return {
    host,
    port: Number(port),
    async stop() {
      if (stopped) return;
      stopped = true;
      const done = new Promise<void>((resolve) => worker.once('message', () => resolve()));
      worker.postMessage({ type: 'stop' });
      await Promise.race([done, new Promise((r) => setTimeout(r, 5000).unref())]);
      await worker.terminate();
    },
  };
}
