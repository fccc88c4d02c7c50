// Real telephony as the composition root starts it (PACER_TELEPHONY=sip): the SIP stack on
// PACER_SIP_LISTEN (UDP and TCP), Pacer's user agent on it, the Telephony port on that. The stack
// is bound when this process holds the SIP lead: at once for a lone process (`lead()` right after
// start), when PostgreSQL's lock says so for one of several. With the registrar's store, requests
// outside Pacer's dialogs go to the registrar and the screening of strangers (./outside.ts).
// Stopping hangs up every leg and session first, so no call is left billing at the carrier.
import type { Config } from '../../../config.ts';
import { ConfigError } from '../../../config.ts';
import { classifyAddress } from '../../../domain/network-address.ts';
import type { Clock } from '../../../engine/ports/clock.ts';
import type { DialogJournal } from './journal.ts';
import { sipTelephony, type SipTelephony } from './sip-telephony.ts';
import { createOutside } from './outside.ts';
import type { RegistrarStore } from './registrar-store.ts';
import { createSipStack, type SipLogger } from './stack.ts';
import { createUserAgent } from './user-agent.ts';

/**
 * SO_RCVBUF of the UDP socket (the kernel caps it at net.core.rmem_max). Node's default, about
 * 208 KB, overflowed when the dialer placed a pacing decision's calls at once: `npm run bench:sip`,
 * 500 agents, about 145 attempts/s, dropped 2,220 datagrams in 30 s (each message lost waits for
 * its sender's retransmission, 0.5 s or more); with 4 MiB, none.
 */
const udpReceiveBufferBytes = 4 * 2 ** 20;

export interface Sip {
  telephony: SipTelephony;
  /** Binds the stack and takes over what a dead process held (the engine must hear events by now). */
  lead(): Promise<void>;
  stop(): Promise<void>;
}

export interface SipOptions {
  clock: Clock;
  journal: DialogJournal;
  logger: SipLogger & { error(error: unknown, context: string): void };
  /** Where phones register; without it REGISTER and other requests from outside get 405/403. */
  registrations?: RegistrarStore;
  /** How host names resolve (tests); DNS by default. */
  resolveHost?: (host: string) => Promise<string[]>;
}

export function createSip(config: Pick<Config, 'sipListen' | 'sipPublicAddress' | 'sipAllowPrivate'>, { clock, journal, logger, registrations, resolveHost }: SipOptions): Sip {
  const { address, port } = config.sipListen;
  const stack = createSipStack({
    address, port, logger, recvBufferSize: udpReceiveBufferBytes, ...(config.sipPublicAddress ? { publicAddress: config.sipPublicAddress } : {}),
    // A trunk or phone given by name goes only where the rule for addresses lets it (sip-uri.ts).
    ...(config.sipAllowPrivate ? {} : { allowAddress: (a: string) => classifyAddress(a)?.range === 'public' }),
    ...(resolveHost ? { resolveHost } : {}),
  });
  const onError = (error: unknown, context: string) => logger.error(error, context);
  const outside = registrations && createOutside({ stack, clock, store: registrations, onError });
  const ua = createUserAgent({ stack, clock, onError, ...(outside ? { outside: outside.handle } : {}) });
  const telephony = sipTelephony({ ua, journal, onError });
  return {
    telephony,
    async lead() {
      try {
        await stack.start();
      } catch (error) {
        throw new ConfigError(`PACER_SIP_LISTEN ${address}:${port}: ${error instanceof Error ? error.message : String(error)}`);
      }
      await telephony.takeOver();
    },
    async stop() {
      await telephony.stop();
      await stack.stop();
    },
  };
}
