// One confirmed dialog Pacer placed, and what happens in it until it ends: re-INVITEs with a new
// offer (hold, unhold, bridging; glare retried after the RFC's random wait), session-timer
// refreshes and their watch, DTMF by INFO, BYE both ways. Requests the peer sends in the dialog
// are answered by ./dialog-uas.ts through `receive`.
import { ourContact, type UaContext } from './context.ts';
import { answerPeer, type PeerSide } from './dialog-uas.ts';
import { inDialogRequest, nextRequest, remoteTargetOf, type DialogState, type RequestParts } from './dialog-state.ts';
import { dtmfRelayBody } from './dtmf.ts';
import { glareDelayMs } from './glare.ts';
import { sdpOf, type SipRequest, type SipResponse } from './message.ts';
import { keepMediaLines, restamp } from './sdp.ts';
import { expireAfterMs, refreshAfterMs, timerFromResponse, type SessionTimer } from './session-timer.ts';
import type { ByeState } from './journal.ts';
import { transact } from './transact.ts';
import type { TimerHandle } from '../../../engine/ports/clock.ts';

/** Why a dialog ended. */
export type DialogEnd =
  | 'local-bye'        // Pacer hung up
  | 'remote-bye'       // the peer hung up
  | 'session-expired'  // the peer's session refresh did not come (RFC 4028)
  | 'no-ack'           // our 2xx to the peer's re-INVITE was never ACKed
  | 'peer-gone';       // a request in the dialog got 408/481 or no answer at all

export type OfferResult =
  | { ok: true; sdp: string | undefined }
  /** The peer refused the offer (the session stays as it was) or is gone (`ended`). */
  | { ok: false; status: number | null; ended: boolean };

export interface Dialog {
  readonly id: string;
  readonly callId: string;
  /** The description Pacer last sent and the peer accepted, as it went on the wire. */
  readonly localSdp: string | undefined;
  readonly remoteSdp: string | undefined;
  readonly ended: DialogEnd | null;
  readonly sessionTimer: SessionTimer | null;
  /**
   * Offers `sdp` in a re-INVITE (stamped with the dialog's o= line, m-lines kept); resolves with
   * the answer. Offers are sent one at a time, in the order asked.
   */
  offer(sdp: string): Promise<OfferResult>;
  /** Each tone as one INFO (application/dtmf-relay), one after the other. */
  sendDtmf(tones: string, durationMs?: number): Promise<void>;
  bye(): Promise<void>;
  /** What a BYE needs, to be written down (./journal.ts). */
  byeState(): ByeState;
  onEnd(listener: (reason: DialogEnd) => void): void;
  /** A new description from the peer (its re-INVITE or UPDATE offer, or the answer in an ACK). */
  onRemoteSdp(listener: (sdp: string) => void): void;
  /** A request the peer sent in this dialog (routed here by the user agent). */
  receive(request: SipRequest): void;
}

export interface DialogHooks {
  /** The dialog ended: the user agent forgets it. */
  onTerminated(dialog: Dialog): void;
}

export function createDialog(ctx: UaContext, id: string, state: DialogState, hooks: DialogHooks, sessionTimer: SessionTimer | null): Dialog {
  const endListeners: ((reason: DialogEnd) => void)[] = [];
  const sdpListeners: ((sdp: string) => void)[] = [];
  const acks = new Map<number, SipRequest>();
  let ended: DialogEnd | null = null;
  let timer: SessionTimer | null = null;
  let timerHandle: TimerHandle | null = null;
  let offers: Promise<unknown> = Promise.resolve();
  /** Our re-INVITE is out: a peer's re-INVITE now is glare (491). */
  let offering = false;
  let byeSent: Promise<void> | null = null;
  /** Our re-INVITE's transaction while it is out (a BYE waits for it). */
  let reinviting: Promise<void> | null = null;

  const clearSessionTimer = () => {
    if (timerHandle) ctx.clock.clearTimer(timerHandle);
    timerHandle = null;
  };

  /** (Re)arms the session timer from now (after a 2xx or a refresh from the peer). */
  const armSessionTimer = (next: SessionTimer | null) => {
    clearSessionTimer();
    timer = next;
    if (!timer || ended) return;
    // Timer callbacks start the work and return: a virtual clock awaits what they return, and a
    // refresh waits on the peer.
    if (timer.weRefresh) {
      timerHandle = ctx.clock.setTimer(refreshAfterMs(timer), () => {
        refresh().catch((error: unknown) => ctx.onError(error, 'session refresh'));
      });
    } else {
      timerHandle = ctx.clock.setTimer(expireAfterMs(timer), () => { void end('session-expired', true); });
    }
  };

  const end = (reason: DialogEnd, sendBye: boolean): Promise<void> => {
    if (ended) return byeSent ?? Promise.resolve();
    ended = reason;
    clearSessionTimer();
    peer.close();
    if (sendBye) {
      // A re-INVITE of ours still out is seen through first (answered and ACKed, or given up on
      // after the no-response wait): a BYE crossing it confuses strict peers, and its 2xx would
      // then need an ACK in a dialog already gone.
      const sendIt = () => transact(ctx, nextRequest(state, 'BYE'), { credentials: state.credentials, again: () => nextRequest(state, 'BYE') }).then(() => undefined);
      byeSent = reinviting ? reinviting.then(sendIt) : sendIt();
    }
    for (const listener of endListeners) listener(reason);
    hooks.onTerminated(dialog);
    return byeSent ?? Promise.resolve();
  };

  /** Sends (or sends again, for a retransmitted 2xx) the ACK of our INVITE with CSeq `seq`. */
  const ack = (seq: number, response: SipResponse) => {
    let request = acks.get(seq);
    if (!request) {
      state.remoteTarget = remoteTargetOf(response, (u) => ctx.stack.uriToString(u), state.remoteTarget);
      request = inDialogRequest(state, 'ACK', seq);
      acks.set(seq, request);
      // Only the newest INVITEs can still see their 2xx retransmitted.
      for (const old of acks.keys()) if (old < seq - 4) acks.delete(old);
    }
    ctx.stack.send(request);
  };

  const sessionHeaders = (): Record<string, string> => {
    const headers: Record<string, string> = { supported: 'timer' };
    if (timer) headers['session-expires'] = `${timer.intervalS};refresher=${timer.weRefresh ? 'uac' : 'uas'}`;
    return headers;
  };

  /** One re-INVITE carrying `stamped`, glare retried; the final response or null (no answer). */
  const reinvite = async (stamped: string): Promise<SipResponse | null> => {
    for (let attempt = 0; ; attempt++) {
      const build = () => nextRequest(state, 'INVITE', { content: stamped, headers: sessionHeaders() } satisfies RequestParts);
      offering = true;
      const sent = transact(ctx, build(), {
        credentials: state.credentials,
        again: build,
        onResponse: (r, request) => {
          if (r.status >= 200 && r.status < 300) ack(request.headers.cseq.seq, r);
        },
      });
      reinviting = sent.then(() => undefined);
      const response = await sent.finally(() => { offering = false; reinviting = null; });
      if (response?.status !== 491 || attempt >= ctx.timers.glareRetries || ended) return response;
      await new Promise<void>((resolve) => ctx.clock.setTimer(glareDelayMs(true, ctx.fraction()), () => resolve()));
      if (ended) return response;
    }
  };

  const sendOffer = async (sdp: string): Promise<OfferResult> => {
    if (ended) return { ok: false, status: null, ended: true };
    await peer.idle();
    if (ended) return { ok: false, status: null, ended: true };
    const stamped = restamp(state.origin, keepMediaLines(state.localSdp, sdp));
    state.origin = stamped.origin;
    const response = await reinvite(stamped.sdp);
    if (ended) return { ok: false, status: response?.status ?? null, ended: true };
    if (!response || response.status === 408 || response.status === 481) {
      // RFC 3261 §12.2.1.2: the dialog is gone; say so to the peer if it is still there.
      void end('peer-gone', true);
      return { ok: false, status: response?.status ?? null, ended: true };
    }
    if (response.status >= 300) return { ok: false, status: response.status, ended: false };
    state.localSdp = stamped.sdp;
    const answer = sdpOf(response);
    if (answer !== undefined) state.remoteSdp = answer;
    armSessionTimer(timerFromResponse(response, true));
    return { ok: true, sdp: answer };
  };

  /** A session refresh: the same description again (same o= version), timers re-armed by its 2xx. */
  const refresh = async () => {
    if (ended || state.localSdp === undefined) return;
    const result = await dialog.offer(state.localSdp);
    // A refused refresh (e.g. 488) leaves the session as it was: try again at the next half.
    if (!result.ok && !result.ended) armSessionTimer(timer);
  };

  const peer: PeerSide = answerPeer(ctx, state, {
    ended: () => ended !== null,
    offering: () => offering,
    sessionTimer: () => timer,
    armSessionTimer,
    remoteSdp(sdp) {
      state.remoteSdp = sdp;
      for (const listener of sdpListeners) listener(sdp);
    },
    end: (reason, sendBye) => void end(reason, sendBye),
  });

  const dialog: Dialog = {
    id,
    callId: state.callId,
    get localSdp() { return state.localSdp; },
    get remoteSdp() { return state.remoteSdp; },
    get ended() { return ended; },
    get sessionTimer() { return timer; },
    offer(sdp) {
      const result = offers.then(() => sendOffer(sdp));
      offers = result.catch(() => undefined);
      return result;
    },
    async sendDtmf(tones, durationMs = 160) {
      for (const tone of tones) {
        if (ended) return;
        const content = dtmfRelayBody(tone, durationMs);
        const build = () => nextRequest(state, 'INFO', { content, contentType: 'application/dtmf-relay' });
        const response = await transact(ctx, build(), { credentials: state.credentials, again: build });
        if (!response || response.status === 408 || response.status === 481) {
          void end('peer-gone', true);
          return;
        }
      }
    },
    bye: () => end('local-bye', true),
    byeState: () => structuredClone({
      callId: state.callId, local: state.local, remote: state.remote, remoteTarget: state.remoteTarget,
      routeSet: state.routeSet, localSeq: state.localSeq, transport: state.transport, contact: state.contact,
    }),
    onEnd(listener) { endListeners.push(listener); },
    onRemoteSdp(listener) { sdpListeners.push(listener); },
    receive(request) {
      if (request.method === 'BYE' && !ended) {
        ctx.stack.respond(peer.ok(request));
        void end('remote-bye', false);
        return;
      }
      peer.receive(request);
    },
  };

  state.contact = ourContact(ctx, state.transport);
  armSessionTimer(sessionTimer);
  return dialog;
}
