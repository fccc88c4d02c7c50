// Starts the embedded PostgreSQL (PGlite) in a worker thread and opens connections to it: each
// one a MessagePort to the worker, wrapped as the stream `pg` speaks the wire protocol over.
import { MessageChannel, Worker } from 'node:worker_threads';
import { mkdirSync } from 'node:fs';
import { PortStream } from './port-stream.ts';

export interface EmbeddedDatabase {
  /** A new connection, for `pg` (its `stream` option). */
  connect(): PortStream;
  stop(): Promise<void>;
}

/** `dataDir` null keeps the database in memory (tests). */
export async function startEmbedded(dataDir: string | null): Promise<EmbeddedDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const worker = new Worker(new URL('./pglite-worker.ts', import.meta.url), { workerData: { dataDir } });
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { type: string; message?: string }) => {
      if (m.type === 'ready') resolve();
      else reject(new Error(`embedded database failed to start: ${m.message ?? m.type}`));
    });
  });
  let stopped = false;
  return {
    connect() {
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ type: 'connect', port: port2 }, [port2]);
      return new PortStream(port1);
    },
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
