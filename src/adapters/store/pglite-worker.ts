// Runs PGlite off the main thread: a worker opens the data directory and serves PostgreSQL's wire
// protocol over MessagePorts (port-server.ts), so the engine's clock never waits on the database
// and the embedded store is reached with the same `pg` driver as a real PostgreSQL.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { portServer } from './port-server.ts';

interface Options { dataDir: string | null }
const { dataDir } = workerData as Options;

type Message = { type: 'connect'; port: MessagePort } | { type: 'stop' };

async function main(): Promise<void> {
  // relaxedDurability off: every commit is flushed to PGlite's files before it is acknowledged.
  const db = await PGlite.create(dataDir ?? undefined);
  const server = portServer(db);
  parentPort?.on('message', (message: Message) => {
    if (message.type === 'connect') {
      server.attach(message.port);
    } else if (message.type === 'stop') {
      server.close();
      void db.close().then(() => parentPort?.postMessage({ type: 'stopped' }));
    }
  });
  parentPort?.postMessage({ type: 'ready' });
}

main().catch((error: unknown) => {
  parentPort?.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
});
