// A SipStack with no network, for the dialog layer's unit tests on a virtual clock: it records what
// the user agent sends, lets the test answer each request and inject the peer's requests. Like the
// real stack it writes the top Via (with a branch) of every request but an ACK it is given with
// one, and keeps the response callback of each request so late and repeated responses reach it.
import type { Remote, SipRequest, SipResponse, SipUri } from '../../../src/adapters/telephony/sip/message.ts';
import { responseTo } from '../../../src/adapters/telephony/sip/message.ts';
import type { SipStack } from '../../../src/adapters/telephony/sip/stack.ts';
import { vendoredSip } from '../../../src/adapters/telephony/sip/vendored.ts';

export interface SentRequest {
  request: SipRequest;
  respond(status: number, reason?: string, extras?: { headers?: Record<string, unknown>; content?: string; toTag?: string; local?: boolean }): SipResponse;
}

export interface FakeStack extends SipStack {
  requests: SentRequest[];
  responses: SipResponse[];
  /** Requests Pacer chose not to answer. */
  dropped: SipRequest[];
  /** Requests sent with this method, in order. */
  sent(method: string): SentRequest[];
  /** The peer sends `request` to Pacer (from 127.0.0.1:5080 over UDP unless `from` says). */
  deliver(request: SipRequest, from?: Remote): void;
}

const peer: Remote = { protocol: 'UDP', address: '127.0.0.1', port: 5080 };

export function fakeStack(): FakeStack {
  const handlers: ((request: SipRequest, remote: Remote) => void)[] = [];
  const requests: SentRequest[] = [];
  const responses: SipResponse[] = [];
  const dropped: SipRequest[] = [];
  let branches = 0;
  return {
    address: '127.0.0.10',
    port: 5060,
    transports: ['udp'],
    requests, responses, dropped,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    send(request, onResponse) {
      const via = () => ({ version: '2.0', protocol: 'UDP', host: '127.0.0.10', port: 5060, params: { branch: `z9hG4bKfake${++branches}`, rport: null } });
      if (request.method === 'ACK') {
        if (request.headers.via.length === 0) request.headers.via = [via()];
      } else if (request.method !== 'CANCEL') {
        request.headers.via = [via(), ...request.headers.via];
      }
      requests.push({
        request,
        respond(status, reason = '', extras = {}) {
          const response = responseTo(request, status, reason, { headers: extras.headers ?? {} });
          if (extras.content !== undefined) {
            response.content = extras.content;
            response.headers['content-type'] = 'application/sdp';
          }
          if (extras.local) response.local = true;
          if (extras.toTag !== undefined) response.headers.to = { ...request.headers.to, params: { ...request.headers.to.params, tag: extras.toTag } };
          onResponse?.(response);
          return response;
        },
      });
    },
    respond(response) {
      responses.push(response);
    },
    drop(request) {
      dropped.push(request);
    },
    onRequest(handler) {
      handlers.push(handler);
    },
    uriToString: (uri: string | SipUri) => vendoredSip.stringifyUri(uri),
    parseUri: (uri: string | SipUri) => vendoredSip.parseUri(uri),
    sent(method) {
      return requests.filter((r) => r.request.method === method);
    },
    deliver(request, from = peer) {
      for (const handler of handlers) handler(request, from);
    },
  };
}
