// A webhook receiver for tests: an HTTP server on 127.0.0.1 that records what it is sent and the
// connections it is offered, and answers with the next status of a script (then 200).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResolveHost } from '../../src/adapters/webhooks/http-sender.ts';

export interface Received { url: string; headers: Record<string, string | string[] | undefined>; body: string }

export interface Receiver {
  url: string;
  port: number;
  got: Received[];
  /** Connections offered, answered or not: zero proves nothing was sent. */
  connections(): number;
  server: Server;
  close(): void;
}

export async function receiver(script: number[] = [], answerHeaders: Record<string, string> = {}): Promise<Receiver> {
  const got: Received[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      got.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(script.shift() ?? 200, answerHeaders).end();
    });
  });
  server.on('connection', () => { connections++; });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  server.on('close', () => server.closeAllConnections());
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`, port, got, server, connections: () => connections,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * Resolves only the names a test maps (to 127.0.0.1, say), and fails every other as unknown, so
 * that no test delivery ever asks real DNS or leaves the machine. `asked` lists the lookups.
 */
export function testResolver(names: Record<string, string[]> = {}): ResolveHost & { asked: string[] } {
  const asked: string[] = [];
  const resolve: ResolveHost = (hostname) => {
    asked.push(hostname);
    const addresses = names[hostname];
    if (!addresses) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 as const : 4 as const })));
  };
  return Object.assign(resolve, { asked });
}
