// Worker side of the embedded store's channel: PGlite's PostgreSQL wire protocol served over
// MessagePorts, one port per `pg` connection. It replaces a loopback TCP socket server: the bytes
// `pg` writes for a query (Bind, Execute, Sync…) arrive in one message and run through PGlite in one
// call, and the answer goes back in one message, without the socket, the per-message scheduling
// and the copies of the socket server.
//
// PGlite is one PostgreSQL session shared by every port. Units of work are queued; while a port has
// a transaction open, only that port's units run (the others wait), so transactions of different
// connections never interleave. A port that closes mid-transaction is rolled back.
import type { MessagePort } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';

interface Unit {
  port: MessagePort;
  bytes: Uint8Array;
}

export interface PortServer {
  /** Serves one connection on `port` until either side closes it. */
  attach(port: MessagePort): void;
  /** Closes every port. */
  close(): void;
}

export function portServer(db: PGlite): PortServer {
  const ports = new Set<MessagePort>();
  const queue: Unit[] = [];
  /** The port whose transaction is open, if any. */
  let owner: MessagePort | null = null;
  let running = false;

  async function run(unit: Unit): Promise<void> {
    const chunks: Uint8Array[] = [];
    let size = 0;
    await db.runExclusive(() => db.execProtocolRawStream(unit.bytes, {
      // The chunk is a view of PGlite's buffer: copy it.
      onRawData: (chunk) => {
        chunks.push(chunk.slice());
        size += chunk.length;
      },
    }));
    if (!ports.has(unit.port) || size === 0) return;
    const out = chunks.length === 1 ? chunks[0]! : concat(chunks, size);
    unit.port.postMessage(out, [out.buffer as ArrayBuffer]);
  }

  async function pump(): Promise<void> {
    if (running) return;
    running = true;
    try {
      for (;;) {
        if (owner && !ports.has(owner)) {
          // The port closed with its transaction open: end it before anyone else runs.
          if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => undefined);
          owner = null;
        }
        const i = owner ? queue.findIndex((u) => u.port === owner) : 0;
        if (i < 0 || queue.length === 0) return;
        const [unit] = queue.splice(i, 1);
        if (!unit) return;
        try {
          await run(unit);
        } catch {
          // PGlite itself failed (not an SQL error, which is an answer): drop the connection.
          detach(unit.port);
        }
        owner = db.isInTransaction() ? unit.port : null;
      }
    } finally {
      running = false;
    }
  }

  function detach(port: MessagePort): void {
    if (!ports.delete(port)) return;
    port.close();
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.port === port) queue.splice(i, 1);
    void pump();
  }

  return {
    attach(port) {
      ports.add(port);
      port.on('message', (bytes: Uint8Array) => {
        queue.push({ port, bytes });
        void pump();
      });
      port.on('close', () => detach(port));
    },
    close() {
      for (const port of [...ports]) detach(port);
    },
  };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
