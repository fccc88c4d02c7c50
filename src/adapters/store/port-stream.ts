// Main-thread side of the embedded store's channel (see port-server.ts): a duplex stream over a
// MessagePort that `pg` takes in place of its TCP socket (`stream` in the client config). `pg`
// keeps doing everything it does on a real PostgreSQL — the wire protocol, named prepared
// statements, type parsing — so both stores answer the same values. What `pg` writes in one tick
// (a whole query: Bind, Execute, Sync…) goes to the worker as one message.
import { Duplex } from 'node:stream';
import type { MessagePort } from 'node:worker_threads';

export class PortStream extends Duplex {
  private readonly port: MessagePort;
  private pending: Uint8Array[] = [];
  private pendingSize = 0;

  constructor(port: MessagePort) {
    super();
    this.port = port;
    port.on('message', (bytes: Uint8Array) => this.push(bytes));
    port.on('close', () => {
      this.push(null);
      this.destroy();
    });
  }

  // What `pg` calls on a net.Socket.
  connect(): this {
    process.nextTick(() => this.emit('connect'));
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    this.port.ref();
    return this;
  }

  unref(): this {
    this.port.unref();
    return this;
  }

  override _read(): void { /* data is pushed as it arrives */ }

  override _write(chunk: Uint8Array, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.pending.length === 0) queueMicrotask(() => this.flush());
    this.pending.push(chunk);
    this.pendingSize += chunk.length;
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush();
    this.push(null);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.port.close();
    callback(error);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const out = new Uint8Array(this.pendingSize);
    let at = 0;
    for (const c of this.pending) {
      out.set(c, at);
      at += c.length;
    }
    this.pending = [];
    this.pendingSize = 0;
    this.port.postMessage(out, [out.buffer]);
  }
}
