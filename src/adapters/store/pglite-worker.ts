// Runs PGlite off the main thread: a worker opens the data directory and serves it on a loopback
// port with the PostgreSQL wire protocol, so the engine's clock never waits on the database and the
// embedded store is reached with the same `pg` driver as a real PostgreSQL.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

interface Options { dataDir: string | null }
const { dataDir } = workerData as Options;

async function main(): Promise<void> {
  // Pacer opens one connection; a few more let a closing pool and its successor overlap (tests).
  // relaxedDurability off: every commit is flushed to PGlite's files before it is acknowledged.
  const db = await PGlite.create(dataDir ?? undefined);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
  await server.start();
  const address = server.getServerConn();
  parentPort?.postMessage({ type: 'ready', address });
  parentPort?.on('message', (message: { type: string }) => {
    if (message.type === 'stop') {
      void server.stop().then(() => db.close()).then(() => parentPort?.postMessage({ type: 'stopped' }));
    }
  });
}

main().catch((error: unknown) => {
  parentPort?.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
});
