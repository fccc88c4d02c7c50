// Sends webhook deliveries over node:http(s) to addresses it has checked itself. The sender
// resolves the name, refuses the target if any address it resolves to is not public (unless
// private targets are allowed), and connects to those very addresses: the socket's lookup is
// answered from the checked list, so no second lookup can be rebound to 127.0.0.1 between check
// and connect (DNS rebinding). TLS still names and verifies the URL's host (SNI, Host header).
// No redirect is followed (a 3xx is an answer like any other non-2xx), the whole attempt is
// bounded in time, and every failure is reported as a result rather than thrown.
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { resolvedProblem, webhookUrlProblem } from '../../domain/webhook-target.ts';
import type { SendResult, WebhookSender } from '../../engine/ports/webhooks.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to. Injected by tests, which map names of their own. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: ResolveHost = async (hostname) =>
  (await dnsLookup(hostname, { all: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export interface HttpSenderOptions {
  /** PACER_WEBHOOK_ALLOW_PRIVATE: non-public addresses may be sent to. */
  allowPrivate: boolean;
  resolve?: ResolveHost;
}

/** A socket lookup that answers only from `addresses`, the ones checked for `hostname`. */
function pinnedLookup(hostname: string, addresses: ResolvedAddress[]): LookupFunction {
  return (name, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const usable = addresses.filter((a) => !family || a.family === family);
    const first = usable[0];
    if (name !== hostname || !first) {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' }), '', 4);
    } else if (options.all) {
      callback(null, usable);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

/** Settles with `promise`, or rejects when `signal` aborts first. */
function until<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** POSTs `body` to `target` on `host`, looked up by `lookup`; answers the status, reads no body. */
function post(target: URL, host: string, lookup: LookupFunction, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request({
      host, port: target.port || undefined, path: `${target.pathname}${target.search}`,
      method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      // A fresh connection each time: a pooled one could outlive the check of its address.
      agent: false, lookup, signal,
    }, (res) => {
      resolve(res.statusCode ?? 0);
      res.destroy();
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function httpSender(options: HttpSenderOptions): WebhookSender {
  const resolve = options.resolve ?? systemResolver;
  const refused = (problem: string): SendResult => ({ status: null, error: `refused, not sent: ${problem}` });
  return {
    async post(url, body, headers, timeoutMs) {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        // Subscriptions made before a rule existed, or under another setting, meet it here.
        const problem = webhookUrlProblem(url, options.allowPrivate);
        if (problem) return refused(problem);
        const target = new URL(url);
        // An IPv6 literal's brackets belong to the URL, not to the address.
        const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
        const literal = isIP(host);
        const addresses = literal ? [{ address: host, family: literal as 4 | 6 }] : await until(resolve(host), signal);
        const rebound = options.allowPrivate ? undefined : resolvedProblem(host, addresses.map((a) => a.address));
        if (rebound) return refused(rebound);
        return { status: await post(target, host, pinnedLookup(host, addresses), body, headers, signal), error: null };
      } catch (error) {
        if (signal.aborted) return { status: null, error: `no answer within ${timeoutMs} ms` };
        return { status: null, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
