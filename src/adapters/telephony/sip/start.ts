// Real telephony as the composition root starts it (PACER_TELEPHONY=sip): the SIP stack on
// PACER_SIP_LISTEN (UDP and TCP), Pacer's user agent on it, the Telephony port on that. The stack
// is bound when this process holds the SIP lead: at once for a lone process (`lead()` right after
// start), when PostgreSQL's lock says so for one of several. Stopping hangs up every leg and
// session first, so no call is left billing at the carrier.
import type { Config } from '../../../config.ts';
import { ConfigError } from '../../../config.ts';
import type { Clock } from '../../../engine/ports/clock.ts';
import type { DialogJournal } from './journal.ts';
import { sipTelephony, type SipTelephony } from './sip-telephony.ts';
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

export function createSip(config: Pick<Config, 'sipListen' | 'sipPublicAddress'>, clock: Clock, journal: DialogJournal, logger: SipLogger & { error(error: unknown, context: string): void }): Sip {
  const { address, port } = config.sipListen;
  const stack = createSipStack({ address, port, recvBufferSize: udpReceiveBufferBytes, ...(config.sipPublicAddress ? { publicAddress: config.sipPublicAddress } : {}), logger });
  const ua = createUserAgent({ stack, clock, onError: (error, context) => logger.error(error, context) });
  const telephony = sipTelephony({ ua, journal, onError: (error, context) => logger.error(error, context) });
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
