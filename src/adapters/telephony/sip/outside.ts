// Requests that reach Pacer outside its own dialogs, when it runs its registrar (./start.ts):
//
// - REGISTER goes to the registrar (./registrar.ts), from anywhere: it is how a phone becomes known.
// - From an address Pacer knows (./known-peers.ts: a trunk, a fixed phone contact, a registered
//   phone): OPTIONS is answered 200 (keep-alive pings of carriers and phones); anything else gets
//   the user agent's own answer (INVITE 403: no inbound calls; 481 for a dialog Pacer does not
//   have; 405 for other methods).
// - From anywhere else: 403 and nothing more, and only while the bucket of answers to strangers
//   has tokens (10 a second, bursts of 20 by default): a scanner's flood gets a trickle. A 401
//   challenge to a stranger's REGISTER comes out of the same bucket.
import type { Clock } from '../../../engine/ports/clock.ts';
import { knownPeers, type KnownPeers } from './known-peers.ts';
import { responseTo, tagOf, withTag, type Remote, type SipRequest } from './message.ts';
import type { RegistrarStore } from './registrar-store.ts';
import { createRegistrar, sourceAddress, type RegistrarLimits } from './registrar.ts';
import { tokenBucket } from './source-limits.ts';
import type { SipStack } from './stack.ts';
import { newTag } from './ids.ts';

/** Answers a request outside Pacer's dialogs; `fallback` gives it the user agent's own answer. */
export type OutsideHandler = (request: SipRequest, remote: Remote, fallback: () => void) => void;

export interface OutsideLimits {
  /** Answers to addresses Pacer does not know: per second, and saved up at most. */
  strangerPerSecond: number;
  strangerBurst: number;
  /** How often the known peers are read again from the database (engine clock). */
  peersRefreshMs: number;
}

export const defaultOutsideLimits: OutsideLimits = { strangerPerSecond: 10, strangerBurst: 20, peersRefreshMs: 5000 };

export interface OutsideOptions {
  stack: Pick<SipStack, 'respond' | 'drop' | 'parseUri'>;
  clock: Clock;
  store: RegistrarStore;
  limits?: Partial<OutsideLimits>;
  registrar?: Partial<RegistrarLimits>;
  /** How host names of trunks and contacts are resolved (tests); the system resolver by default. */
  resolve?: (name: string) => Promise<string[]>;
  onError: (error: unknown, context: string) => void;
}

export interface Outside {
  handle: OutsideHandler;
  peers: KnownPeers;
}

const allow = 'ACK, BYE, CANCEL, INFO, INVITE, NOTIFY, OPTIONS, REGISTER, UPDATE';

export function createOutside(options: OutsideOptions): Outside {
  const limits = { ...defaultOutsideLimits, ...options.limits };
  const { stack, clock, store } = options;
  const peers = knownPeers({
    clock, load: (now) => store.knownHosts(now), refreshMs: limits.peersRefreshMs, onError: options.onError,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  const strangers = tokenBucket(clock, limits.strangerPerSecond, limits.strangerBurst);
  const registrar = createRegistrar({
    stack, clock, store, ...(options.registrar ? { limits: options.registrar } : {}),
    onBound: (address, until) => peers.add(address, until),
  });

  const answer = async (request: SipRequest, remote: Remote, fallback: () => void) => {
    const address = sourceAddress(remote.address);
    if (request.method === 'REGISTER') {
      await registrar.register(request, remote, () => peers.has(address), () => strangers.take());
      return;
    }
    if (!(await peers.has(address))) {
      if (strangers.take()) stack.respond(responseTo(request, 403, 'Forbidden'));
      else stack.drop(request);
      return;
    }
    if (request.method === 'OPTIONS' && tagOf(request.headers.to) === undefined) {
      stack.respond(responseTo(request, 200, 'OK', { headers: { to: withTag(request.headers.to, newTag()), allow, accept: 'application/sdp' } }));
      return;
    }
    fallback();
  };

  return {
    peers,
    handle(request, remote, fallback) {
      answer(request, remote, fallback).catch((error: unknown) => {
        options.onError(error, `answering ${request.method} from ${remote.address}`);
        // A stranger hears nothing, even of our failure.
        void peers.has(sourceAddress(remote.address)).then((known) => {
          if (known) stack.respond(responseTo(request, 500, 'Server Internal Error'));
          else stack.drop(request);
        }, () => undefined);
      });
    },
  };
}
