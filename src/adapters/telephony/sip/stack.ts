// The SIP stack as Pacer sees it: send a request and hear its responses, send a response, hear
// requests; start and stop. The vendored npm `sip` (./vendor) does the parsing, the transports
// and the RFC 3261 transactions and their retransmission timers (on real time); nothing above this
// file touches it, so it can be patched or replaced here alone.
import type { Remote, SipMessage, SipRequest, SipResponse, SipUri } from './message.ts';
import { traceLine } from './trace.ts';
import { vendoredSip, type VendoredOptions, type VendoredStack } from './vendored.ts';

export type SipTransport = 'udp' | 'tcp';

export interface SipLogger {
  /** Every message sent and received, credentials redacted. Leave out to skip formatting. */
  debug?(line: string): void;
  error(error: unknown, context: string): void;
}

export interface SipStackOptions {
  /** The address to bind (an IP literal). */
  address: string;
  port: number;
  /** The address peers reach us at (Via, Contact, SDP), when it is not `address` (NAT). */
  publicAddress?: string;
  transports?: SipTransport[];
  /** SO_RCVBUF of the UDP socket, in bytes. */
  recvBufferSize?: number;
  /**
   * Whether a peer given by name may be sent to at an address it resolved to (PACER_SIP_ALLOW_PRIVATE
   * off: public addresses only). Checked on the very addresses the stack then uses.
   */
  allowAddress?: (address: string) => boolean;
  /** How host names resolve (tests); DNS by default. */
  resolveHost?: (host: string) => Promise<string[]>;
  logger?: SipLogger;
}

export interface SipStack {
  /** The address and port peers reach us at. */
  readonly address: string;
  readonly port: number;
  readonly transports: readonly SipTransport[];
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Sends a request in a new client transaction; `onResponse` hears every response, including a
   * 408 or 503 the stack makes when nobody answers. An ACK has no transaction and no responses.
   * The stack writes the top Via (its branch is readable on `request` once sent).
   */
  send(request: SipRequest, onResponse?: (response: SipResponse) => void): void;
  /** Sends a response through the server transaction of its request. */
  respond(response: SipResponse): void;
  /**
   * Forgets a request Pacer will not answer (a stranger's, a blocked address's): its server
   * transaction ends now, so ignoring a flood keeps nothing in memory. A retransmission of it is
   * heard again as a new request.
   */
  drop(request: SipRequest): void;
  /** Requests that open a server transaction, and ACKs (which have none). */
  onRequest(handler: (request: SipRequest, remote: Remote) => void): void;
  uriToString(uri: string | SipUri): string;
  parseUri(uri: string | SipUri): SipUri | undefined;
}

export function createSipStack(options: SipStackOptions): SipStack {
  const transports = options.transports ?? ['udp', 'tcp'];
  const handlers: ((request: SipRequest, remote: Remote) => void)[] = [];
  const logger = options.logger;
  let stack: VendoredStack | undefined;

  const trace = (direction: 'sent' | 'received', message: SipMessage, peer: { protocol: string; address: string; port: number }) => {
    if (!logger?.debug) return;
    // stringify sets Content-Length on the message: harmless, the wire has the same value.
    logger.debug(traceLine(direction, peer, vendoredSip.stringify(message)));
  };

  const onRequest = (request: SipRequest, remote: Remote) => {
    for (const handler of handlers) handler(request, remote);
  };

  return {
    address: options.publicAddress ?? options.address,
    port: options.port,
    transports,
    start() {
      if (stack) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const waiting = new Set(transports.map((t) => t.toUpperCase()));
        let failed = false;
        const vendored: VendoredOptions = {
          address: options.address,
          port: options.port,
          udp: transports.includes('udp'),
          tcp: transports.includes('tcp'),
          logger: {
            send: (message, target) => trace('sent', message, target),
            recv: (message, remote) => trace('received', message, remote),
            error: (error) => logger?.error(error, 'sip stack'),
          },
          onListening(protocol) {
            waiting.delete(protocol);
            if (waiting.size === 0 && !failed) resolve();
          },
          onTransportError(protocol, error) {
            if (waiting.has(protocol) && !failed) {
              failed = true;
              stack?.destroy();
              stack = undefined;
              reject(new Error(`SIP ${protocol} cannot listen on ${options.address}:${options.port}: ${error.message}`));
            } else {
              logger?.error(error, `sip ${protocol} transport`);
            }
          },
        };
        if (options.publicAddress !== undefined) vendored.publicAddress = options.publicAddress;
        if (options.recvBufferSize !== undefined) vendored.recvBufferSize = options.recvBufferSize;
        const { allowAddress, resolveHost } = options;
        if (allowAddress) {
          vendored.allowAddress = (address, host) => {
            if (allowAddress(address)) return true;
            logger?.error(new Error(`SIP peer ${host} resolves to ${address}, which is not a public address: not sent there (PACER_SIP_ALLOW_PRIVATE)`), 'sip peer');
            return false;
          };
        }
        if (resolveHost) {
          vendored.resolveHost = (host, callback) => {
            resolveHost(host).then((addresses) => callback(null, addresses), (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), []));
          };
        }
        stack = vendoredSip.create(vendored, onRequest);
      });
    },
    stop() {
      stack?.destroy();
      stack = undefined;
      return Promise.resolve();
    },
    send(request, onResponse) {
      if (!stack) throw new Error('the SIP stack is not started');
      stack.send(request, onResponse);
    },
    respond(response) {
      if (!stack) throw new Error('the SIP stack is not started');
      stack.send(response);
    },
    drop(request) {
      stack?.drop(request);
    },
    onRequest(handler) {
      handlers.push(handler);
    },
    uriToString: (uri) => vendoredSip.stringifyUri(uri),
    parseUri: (uri) => vendoredSip.parseUri(uri),
  };
}
