// The vendored npm `sip` module (./vendor, CommonJS) as TypeScript sees it: only the functions the
// stack wrapper and the digest helper use. Nothing outside this folder's stack.ts and auth.ts
// imports this file.
import { createRequire } from 'node:module';
import type { Remote, SipMessage, SipRequest, SipResponse, SipUri } from './message.ts';

export interface VendoredLogger {
  send?(message: SipMessage, target: { protocol: string; address: string; port: number }): void;
  recv?(message: SipMessage, remote: Remote): void;
  error?(error: unknown): void;
}

export interface VendoredOptions {
  address: string;
  port: number;
  publicAddress?: string;
  udp?: boolean;
  tcp?: boolean;
  recvBufferSize?: number;
  /** Milliseconds an INVITE may stay in proceeding (after a 1xx) before the stack gives up. */
  ringTimeLimit?: number;
  logger?: VendoredLogger;
  onListening?(protocol: string): void;
  onTransportError?(protocol: string, error: Error): void;
  /** How a host name is resolved (patch 11); DNS A and AAAA by default. */
  resolveHost?(host: string, callback: (error: Error | null, addresses: string[]) => void): void;
  /** Whether an address a host name resolved to may be sent to (patch 11). */
  allowAddress?(address: string, host: string): boolean;
}

export interface VendoredStack {
  send(message: SipRequest | SipResponse, callback?: (response: SipResponse) => void): void;
  /** Ends the server transaction of a request that will not be answered (PACER PATCH 11). */
  drop(request: SipRequest): void;
  destroy(): void;
}

export interface VendoredSip {
  create(options: VendoredOptions, onRequest: (request: SipRequest, remote: Remote) => void): VendoredStack;
  stringify(message: SipMessage): string;
  stringifyUri(uri: string | SipUri): string;
  parseUri(uri: string | SipUri): SipUri | undefined;
  generateBranch(): string;
}

/** The digest context the vendored `digest` module keeps between a challenge and the signature. */
export type DigestContext = Record<string, unknown>;

export interface VendoredDigest {
  /** Adds Authorization / Proxy-Authorization to `request` answering the challenge in `challenge`. */
  signRequest(context: DigestContext, request: SipRequest, challenge: SipResponse | undefined, credentials: { user: string; password: string; realm?: string }): DigestContext | null;
}

const require = createRequire(import.meta.url);

export const vendoredSip = require('./vendor/sip.cjs') as VendoredSip;
export const vendoredDigest = require('./vendor/digest.cjs') as VendoredDigest;
