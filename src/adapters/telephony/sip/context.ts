// What every part of the dialog layer shares: the stack, the clock, the waits, Pacer's own
// Contact, where errors go.
import type { Clock } from '../../../engine/ports/clock.ts';
import type { NameAddr } from './message.ts';
import type { SipStack, SipTransport } from './stack.ts';
import type { DialogTimers } from './timers.ts';

export interface UaContext {
  stack: SipStack;
  clock: Clock;
  timers: DialogTimers;
  /** Uniform in [0, 1): the random waits of glare. */
  fraction: () => number;
  /** The user part of Pacer's Contact and default From. */
  user: string;
  onError(error: unknown, context: string): void;
}

/** Pacer's Contact for a dialog on `transport` (RFC 3261 §8.1.1.8: an IP literal, no lookups). */
export function ourContact(ctx: UaContext, transport: SipTransport): NameAddr {
  const host = ctx.stack.address.includes(':') ? `[${ctx.stack.address}]` : ctx.stack.address;
  const params = transport === 'tcp' ? ';transport=tcp' : '';
  return { uri: `sip:${ctx.user}@${host}:${ctx.stack.port}${params}`, params: {} };
}

/** The transport a request to `uri` goes over (its `transport` parameter; UDP by default). */
export function transportOf(ctx: UaContext, uri: string): SipTransport {
  return ctx.stack.parseUri(uri)?.params.transport?.toLowerCase() === 'tcp' ? 'tcp' : 'udp';
}
