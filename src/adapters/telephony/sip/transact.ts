// One request Pacer sends and waits on, the way the dialog layer wants it: a final response, one
// digest challenge answered with a fresh CSeq, and a bounded wait when nothing at all comes back
// (the stack alone would wait 32 s). Every response, late ones included, also reaches `onResponse`
// (an INVITE's 2xx must be ACKed however late it comes).
import { answerChallenge, isChallenge, type Credentials } from './auth.ts';
import type { UaContext } from './context.ts';
import type { SipRequest, SipResponse } from './message.ts';

export interface TransactOptions {
  credentials?: Credentials | undefined;
  /** Builds the same request again with a new CSeq, for the answer to a challenge. */
  again(): SipRequest;
  /** Hears every response of every attempt, before the final one settles the promise. */
  onResponse?(response: SipResponse, request: SipRequest): void;
}

/**
 * Sends `request`; resolves with its final response (after one challenge answered) or with null
 * when no response at all came within the no-response wait, or the stack could not deliver it.
 */
export function transact(ctx: UaContext, request: SipRequest, options: TransactOptions): Promise<SipResponse | null> {
  return new Promise((resolve) => {
    let challenged = false;
    let settled = false;
    const attempt = (current: SipRequest) => {
      let heard = false;
      const silence = ctx.clock.setTimer(ctx.timers.noResponseMs, () => {
        if (heard || settled) return;
        settled = true;
        resolve(null);
      });
      ctx.stack.send(current, (response) => {
        heard = true;
        ctx.clock.clearTimer(silence);
        if (response.local) {
          // Our own stack's timeout or transport error: nobody answered.
          if (!settled) {
            settled = true;
            resolve(null);
          }
          return;
        }
        options.onResponse?.(response, current);
        if (settled || response.status < 200) return;
        if (isChallenge(response) && options.credentials && !challenged) {
          challenged = true;
          const signed = options.again();
          try {
            answerChallenge(signed, response, options.credentials);
          } catch (error) {
            ctx.onError(error, `answering a ${response.status} challenge`);
            settled = true;
            resolve(response);
            return;
          }
          attempt(signed);
          return;
        }
        settled = true;
        resolve(response);
      });
    };
    attempt(request);
  });
}
