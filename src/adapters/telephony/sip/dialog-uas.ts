// The peer's requests inside one of Pacer's dialogs, answered: a re-INVITE or UPDATE (a session
// refresh, or a new offer) gets 200 with Pacer's current description (the same o= version when
// nothing changed), or 491 when Pacer's own re-INVITE is out (glare); our 2xx to a re-INVITE is
// re-sent until its ACK comes; OPTIONS, INFO and NOTIFY get 200; BYE is the dialog's business.
import type { TimerHandle } from '../../../engine/ports/clock.ts';
import type { UaContext } from './context.ts';
import type { DialogState } from './dialog-state.ts';
import type { DialogEnd } from './dialog.ts';
import { optionTags, responseTo, sdpOf, type SipRequest, type SipResponse } from './message.ts';
import { answerTo, restamp } from './sdp.ts';
import { readSessionExpires, type SessionTimer } from './session-timer.ts';

export interface PeerHooks {
  ended(): boolean;
  /** Pacer's own re-INVITE is waiting for its answer. */
  offering(): boolean;
  sessionTimer(): SessionTimer | null;
  armSessionTimer(timer: SessionTimer | null): void;
  remoteSdp(sdp: string): void;
  end(reason: DialogEnd, sendBye: boolean): void;
}

export interface PeerSide {
  receive(request: SipRequest): void;
  ok(request: SipRequest, headers?: Record<string, unknown>, content?: string): SipResponse;
  /** Resolves when no re-INVITE of the peer is waiting for its ACK (RFC 3261 §14.1: one at a time). */
  idle(): Promise<void>;
  /** Stops re-sending a 2xx (the dialog ended). */
  close(): void;
}

const allowed = 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, NOTIFY, UPDATE';

interface Unacked {
  seq: number;
  response: SipResponse;
  resend: TimerHandle | null;
  giveUp: TimerHandle;
  done: () => void;
  acked: Promise<void>;
}

export function answerPeer(ctx: UaContext, state: DialogState, hooks: PeerHooks): PeerSide {
  let unacked: Unacked | null = null;

  const respond = (request: SipRequest, status: number, reason: string, headers: Record<string, unknown> = {}, content?: string) => {
    const extras = content === undefined ? { headers } : { headers: { ...headers, 'content-type': 'application/sdp' }, content };
    ctx.stack.respond(responseTo(request, status, reason, extras));
  };
  const ok = (request: SipRequest, headers: Record<string, unknown> = {}, content?: string) =>
    responseTo(request, 200, 'OK', content === undefined ? { headers } : { headers: { ...headers, 'content-type': 'application/sdp' }, content });

  const stopResending = () => {
    if (!unacked) return;
    if (unacked.resend) ctx.clock.clearTimer(unacked.resend);
    ctx.clock.clearTimer(unacked.giveUp);
    unacked.done();
    unacked = null;
  };

  /** Re-sends our 2xx at T1, 2·T1, … at most T2 apart (UDP), until the ACK or the give-up time. */
  const resendUntilAck = (seq: number, response: SipResponse) => {
    let done = () => undefined as void;
    const acked = new Promise<void>((resolve) => { done = resolve; });
    const entry: Unacked = {
      seq, response, resend: null, done, acked,
      giveUp: ctx.clock.setTimer(ctx.timers.ackWaitMs, () => {
        stopResending();
        hooks.end('no-ack', true);
      }),
    };
    const schedule = (interval: number) => {
      entry.resend = ctx.clock.setTimer(interval, () => {
        if (unacked !== entry) return;
        ctx.stack.respond(response);
        schedule(Math.min(interval * 2, ctx.timers.t2Ms));
      });
    };
    if (state.transport === 'udp') schedule(ctx.timers.t1Ms);
    unacked = entry;
  };

  /** Session-Expires for our 2xx to a refresh, and the timer it sets (RFC 4028 §9). */
  const sessionTerms = (request: SipRequest): Record<string, string> => {
    const asked = readSessionExpires(request);
    if (!asked) {
      // A refresh without Session-Expires still shows the peer is there.
      hooks.armSessionTimer(hooks.sessionTimer());
      return {};
    }
    const peerSupports = optionTags(request, 'supported').includes('timer');
    const refresher = asked.refresher ?? (peerSupports ? 'uac' : 'uas');
    hooks.armSessionTimer({ intervalS: asked.intervalS, weRefresh: refresher === 'uas' });
    const headers: Record<string, string> = { 'session-expires': `${asked.intervalS};refresher=${refresher}` };
    if (refresher === 'uac') headers.require = 'timer';
    return headers;
  };

  /** Our answer to the peer's offer (or our offer, when it sent none): the current description. */
  const ourDescription = (offer: string | undefined): string | undefined => {
    if (state.localSdp === undefined) return undefined;
    if (offer === undefined) return state.localSdp;
    const stamped = restamp(state.origin, answerTo(offer, state.localSdp));
    state.origin = stamped.origin;
    state.localSdp = stamped.sdp;
    return stamped.sdp;
  };

  const onOffer = (request: SipRequest, needsAck: boolean) => {
    if (hooks.offering()) {
      respond(request, 491, 'Request Pending');
      return;
    }
    if (needsAck && unacked) {
      respond(request, 500, 'Server Internal Error', { 'retry-after': String(Math.floor(ctx.fraction() * 10)) });
      return;
    }
    const offer = sdpOf(request);
    const body = ourDescription(offer);
    if (body === undefined && (needsAck || offer !== undefined)) {
      respond(request, 488, 'Not Acceptable Here');
      return;
    }
    if (offer !== undefined) hooks.remoteSdp(offer);
    const headers: Record<string, unknown> = { contact: [state.contact], supported: 'timer', ...sessionTerms(request) };
    const response = ok(request, headers, offer !== undefined || needsAck ? body : undefined);
    ctx.stack.respond(response);
    if (needsAck) resendUntilAck(request.headers.cseq.seq, response);
  };

  return {
    ok,
    idle: () => unacked?.acked ?? Promise.resolve(),
    close: stopResending,
    receive(request) {
      if (request.method === 'ACK') {
        if (unacked?.seq === request.headers.cseq.seq) {
          stopResending();
          const answer = sdpOf(request);
          if (answer !== undefined) hooks.remoteSdp(answer);
        }
        return;
      }
      if (hooks.ended()) {
        respond(request, 481, 'Call/Transaction Does Not Exist');
        return;
      }
      if (request.method === 'CANCEL') {
        // Our answer to the re-INVITE it cancels has gone already: it stands (RFC 3261 §9.2).
        respond(request, 200, 'OK');
        return;
      }
      const seq = request.headers.cseq.seq;
      if (state.remoteSeq !== null && seq <= state.remoteSeq) {
        respond(request, 500, 'Server Internal Error');
        return;
      }
      state.remoteSeq = seq;
      switch (request.method) {
        case 'INVITE': onOffer(request, true); return;
        case 'UPDATE': onOffer(request, false); return;
        case 'OPTIONS': respond(request, 200, 'OK', { allow: allowed, accept: 'application/sdp' }); return;
        case 'INFO':
        case 'NOTIFY': respond(request, 200, 'OK'); return;
        default: respond(request, 405, 'Method Not Allowed', { allow: allowed });
      }
    },
  };
}
