// Real telephony as the composition root starts it (PACER_TELEPHONY=sip): the SIP stack on
// PACER_SIP_LISTEN (UDP and TCP), Pacer's user agent on it, the Telephony port on that. With the
// registrar's store, requests outside Pacer's dialogs go to the registrar and the screening of
// strangers (./outside.ts). Stopping hangs up every leg and session first, so no call is left
// billing at the carrier.
import type { Config } from '../../../config.ts';
import { ConfigError } from '../../../config.ts';
import type { Clock } from '../../../engine/ports/clock.ts';
import { sipTelephony, type SipTelephony } from './sip-telephony.ts';
import { createOutside } from './outside.ts';
import type { RegistrarStore } from './registrar-store.ts';
import { createSipStack, type SipLogger } from './stack.ts';
import { createUserAgent } from './user-agent.ts';

export async function startSip(
  config: Pick<Config, 'sipListen' | 'sipPublicAddress'>, clock: Clock, logger: SipLogger & { error(error: unknown, context: string): void },
  registrations?: RegistrarStore,
): Promise<SipTelephony> {
  const { address, port } = config.sipListen;
  const stack = createSipStack({ address, port, ...(config.sipPublicAddress ? { publicAddress: config.sipPublicAddress } : {}), logger });
  try {
    await stack.start();
  } catch (error) {
    throw new ConfigError(`PACER_SIP_LISTEN ${address}:${port}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const onError = (error: unknown, context: string) => logger.error(error, context);
  const outside = registrations && createOutside({ stack, clock, store: registrations, onError });
  const ua = createUserAgent({ stack, clock, onError, ...(outside ? { outside: outside.handle } : {}) });
  const telephony = sipTelephony(ua, (error, context) => logger.error(error, context));
  return {
    ...telephony,
    async stop() {
      await telephony.stop();
      await stack.stop();
    },
  };
}
