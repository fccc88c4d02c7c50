// One outgoing call attempt: the INVITE, its provisional responses, the ring timeout (CANCEL once
// a provisional came), one digest challenge, a bounded wait for a peer that never answers at all,
// and the final response mapped to a result. A 2xx makes a dialog (ACKed by us, and ACKed again
// for every retransmission); a 2xx that comes after Pacer gave up (it crossed the CANCEL, or a
// silent peer woke up) is ACKed and hung up at once.
import { answerChallenge, isChallenge, type Credentials } from './auth.ts';
import { ourContact, transportOf, type UaContext } from './context.ts';
import { dialogId, inDialogRequest, remoteTargetOf, routeSetOf, type DialogState } from './dialog-state.ts';
import { createDialog, type Dialog } from './dialog.ts';
import { newCallId, newSessionId, newTag } from './ids.ts';
import { sdpOf, tagOf, withTag, type NameAddr, type SipRequest, type SipResponse } from './message.ts';
import { resultOfFailure, type FailedResult } from './outcome.ts';
import { newOrigin, restamp } from './sdp.ts';
import { timerFromResponse } from './session-timer.ts';
import type { TimerHandle } from '../../../engine/ports/clock.ts';

export interface InviteRequest {
  /** The Request-URI: an IP literal, `;transport=tcp` for TCP. */
  target: string;
  /** The To URI, when it is not the target. */
  to?: string;
  /** The user part and display name of From (caller id); Pacer's own by default. */
  from?: { user: string; display?: string };
  /** The offer; none for a delayed offer (the 2xx then carries the peer's offer). */
  sdp?: string;
  /** With no `sdp`: the answer to the peer's offer, sent in the ACK. */
  answer?: (offer: string) => string;
  ringTimeoutMs: number;
  credentials?: Credentials;
  /** Extra headers (lower-case names). */
  headers?: Record<string, string>;
  /** Pacer gives up on the call (hung up before the answer): CANCEL once a provisional came. */
  signal?: AbortSignal;
  /** 180, 183 (with its early-media SDP, if any), … */
  onProgress?(progress: { status: number; reason: string; sdp?: string }): void;
}

export type InviteOutcome =
  | { result: 'answer'; status: number; dialog: Dialog; sdp: string | undefined }
  | { result: FailedResult; status: number | null; reason: string };

export interface DialogRegistry {
  add(dialog: Dialog): void;
  remove(dialog: Dialog): void;
}

export function placeCall(ctx: UaContext, request: InviteRequest, registry: DialogRegistry): Promise<InviteOutcome> {
  const callId = newCallId(ctx.stack.address);
  const transport = transportOf(ctx, request.target);
  const contact = ourContact(ctx, transport);
  const host = ctx.stack.address.includes(':') ? `[${ctx.stack.address}]` : ctx.stack.address;
  const from: NameAddr = { uri: `sip:${request.from?.user ?? ctx.user}@${host}`, params: { tag: newTag() } };
  if (request.from?.display) from.name = `"${request.from.display.replace(/["\\]/g, '\\$&')}"`; // a quoted-string
  const to: NameAddr = { uri: request.to ?? request.target, params: {} };
  let origin = newOrigin('pacer', newSessionId(), ctx.stack.address);
  const offer = request.sdp === undefined ? undefined : restamp(origin, request.sdp);
  if (offer) origin = offer.origin;

  let seq = 0;
  const build = (): SipRequest => {
    seq += 1;
    const headers: Record<string, unknown> = {
      via: [], from, to, 'call-id': callId, cseq: { seq, method: 'INVITE' }, 'max-forwards': 70,
      contact: [contact], supported: 'timer', allow: 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, NOTIFY, UPDATE',
      ...(ctx.timers.sessionExpiresS > 0 ? { 'session-expires': String(ctx.timers.sessionExpiresS) } : {}),
      ...request.headers,
    };
    const invite = { method: 'INVITE', uri: request.target, headers } as SipRequest;
    if (offer) {
      invite.content = offer.sdp;
      invite.headers['content-type'] = 'application/sdp';
    }
    return invite;
  };

  return new Promise((resolve) => {
    let settled = false;
    let provisional = false;
    let cancelWanted = false;
    let cancelSent = false;
    let challenged = false;
    let current = build();
    let dialog: Dialog | null = null;
    let ack: SipRequest | null = null;
    const timers = new Set<TimerHandle>();
    const later = (ms: number, fn: () => void) => {
      const handle = ctx.clock.setTimer(ms, () => { timers.delete(handle); fn(); });
      timers.add(handle);
      return handle;
    };

    const settle = (outcome: InviteOutcome) => {
      if (settled) return;
      settled = true;
      for (const t of timers) ctx.clock.clearTimer(t);
      timers.clear();
      resolve(outcome);
    };

    const sendCancel = () => {
      if (cancelSent) return;
      cancelSent = true;
      const top = current.headers.via[0];
      const cancel: SipRequest = {
        method: 'CANCEL',
        uri: current.uri,
        headers: {
          // The INVITE's own top Via, branch included (RFC 3261 §9.1); the stack wrote it on send.
          via: top ? [{ ...top, params: { ...top.params } }] : [],
          to: current.headers.to, from: current.headers.from, 'call-id': callId,
          cseq: { seq: current.headers.cseq.seq, method: 'CANCEL' }, 'max-forwards': 70,
        },
      };
      ctx.stack.send(cancel, () => undefined);
      later(ctx.timers.cancelWaitMs, () => settle({ result: 'no-answer', status: null, reason: 'cancelled after the ring timeout; no final response came' }));
    };

    /** The dialog a 2xx makes, ACKed; or, when Pacer gave up already, ACKed and hung up. */
    const onSuccess = (response: SipResponse, sent: SipRequest) => {
      const remoteTag = tagOf(response.headers.to);
      if (dialog && ack && remoteTag === tagOf(ack.headers.to)) {
        ctx.stack.send(ack); // a retransmitted 2xx: the same ACK again
        return;
      }
      const peerOffer = offer ? undefined : sdpOf(response);
      const state: DialogState = {
        callId, local: from, remote: withTag(response.headers.to, remoteTag ?? ''),
        remoteTarget: remoteTargetOf(response, (u) => ctx.stack.uriToString(u), request.target),
        routeSet: routeSetOf(response), localSeq: sent.headers.cseq.seq, remoteSeq: null, transport, contact,
        origin, localSdp: offer?.sdp, remoteSdp: sdpOf(response), credentials: request.credentials,
      };
      let answerSdp: string | undefined;
      if (peerOffer !== undefined && request.answer) {
        const stamped = restamp(state.origin, request.answer(peerOffer));
        state.origin = stamped.origin;
        state.localSdp = stamped.sdp;
        answerSdp = stamped.sdp;
      }
      const thisAck = inDialogRequest(state, 'ACK', sent.headers.cseq.seq, answerSdp === undefined ? {} : { content: answerSdp });
      ctx.stack.send(thisAck);
      const made = createDialog(ctx, dialogId(callId, tagOf(from) ?? '', remoteTag ?? ''), state, { onTerminated: (d) => registry.remove(d) }, timerFromResponse(response, true));
      registry.add(made);
      if (dialog || settled || cancelSent) {
        // A second fork's 2xx, or an answer after Pacer gave up: ACKed above, now ended.
        void made.bye();
        settle({ result: 'no-answer', status: response.status, reason: 'answered after the ring timeout; hung up at once' });
        return;
      }
      dialog = made;
      ack = thisAck;
      settle({ result: 'answer', status: response.status, dialog: made, sdp: sdpOf(response) });
    };

    const send = (invite: SipRequest) => {
      let heard = false;
      const silence = later(ctx.timers.noResponseMs, () => {
        if (heard) return;
        cancelWanted = true; // a provisional that still comes gets a CANCEL, a 2xx a BYE
        settle({ result: 'failed', status: null, reason: `no response in ${ctx.timers.noResponseMs} ms` });
      });
      ctx.stack.send(invite, (response) => {
        if (response.local) {
          // The stack could not deliver the INVITE (connection refused) or gave up on it (Timer B):
          // a dead peer, whatever status the stack gave it.
          if (invite === current) settle({ result: 'failed', status: null, reason: localReason(response.status) });
          return;
        }
        heard = true;
        ctx.clock.clearTimer(silence);
        timers.delete(silence);
        if (response.status < 200) {
          if (invite !== current) return;
          provisional = true;
          if (response.status > 100) {
            const sdp = sdpOf(response);
            request.onProgress?.({ status: response.status, reason: response.reason, ...(sdp === undefined ? {} : { sdp }) });
          }
          if (cancelWanted) sendCancel();
          return;
        }
        if (response.status < 300) {
          onSuccess(response, invite);
          return;
        }
        if (invite !== current || settled) return;
        if (isChallenge(response) && request.credentials && !challenged && !cancelSent) {
          challenged = true;
          provisional = false;
          const signed = build();
          try {
            answerChallenge(signed, response, request.credentials);
          } catch (error) {
            ctx.onError(error, 'answering an INVITE challenge');
            settle({ result: 'failed', status: response.status, reason: response.reason });
            return;
          }
          current = signed;
          send(signed);
          return;
        }
        settle({ result: resultOfFailure(response.status), status: response.status, reason: response.reason });
      });
    };

    later(request.ringTimeoutMs, () => {
      cancelWanted = true;
      if (provisional) sendCancel();
      // Else: no provisional yet, so no CANCEL (RFC 3261 §9.1); the first one that comes gets
      // it, and the no-response wait gives up on a peer that sends none.
    });
    // Given up by Pacer: settled at once; the CANCEL goes now or with the first provisional, and
    // a 2xx that still comes is ACKed and hung up (onSuccess: settled).
    const giveUp = () => {
      if (settled) return; // answered or failed already: a hang-up is a BYE, not a CANCEL
      cancelWanted = true;
      if (provisional) sendCancel();
      settle({ result: 'no-answer', status: null, reason: 'cancelled by Pacer' });
    };
    if (request.signal?.aborted) {
      giveUp();
      return;
    }
    request.signal?.addEventListener('abort', giveUp, { once: true });
    send(current);
  });
}

function localReason(status: number): string {
  if (status === 408) return 'no response (transaction timeout)';
  if (status === 503) return 'the peer cannot be reached (transport error)';
  if (status === 404) return 'its name resolves to no address Pacer may send to';
  return `the stack could not send the request (${status})`;
}
