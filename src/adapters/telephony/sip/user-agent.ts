// Pacer's SIP user agent: places calls (./invite.ts), keeps the dialogs they make and routes the
// peers' requests to them. Nothing that is not inside one of its dialogs gets anywhere: an INVITE
// from outside is refused (no inbound calls: toll fraud is the first thing scanners try), other
// requests get 481 (they name a dialog Pacer does not have) or 405. With `outside` (Pacer's
// registrar and its screening of strangers, ./outside.ts) every request outside a dialog goes
// there first, and these answers are its fallback.
import type { Clock } from '../../../engine/ports/clock.ts';
import type { UaContext } from './context.ts';
import { dialogId, inDialogRequest, requestDialogKey } from './dialog-state.ts';
import type { ByeState } from './journal.ts';
import { transact } from './transact.ts';
import type { Dialog } from './dialog.ts';
import type { OutsideHandler } from './outside.ts';
import { systemFraction } from './ids.ts';
import { placeCall, type InviteOutcome, type InviteRequest } from './invite.ts';
import { responseTo, type SipRequest } from './message.ts';
import type { SipStack } from './stack.ts';
import { defaultDialogTimers, type DialogTimers } from './timers.ts';

export interface UserAgentOptions {
  stack: SipStack;
  /** The dialog layer's timers run on it (ring timeout, session timers, glare, 2xx re-sends). */
  clock: Clock;
  /** The user part of Pacer's Contact and default From. */
  user?: string;
  timers?: Partial<DialogTimers>;
  /** Uniform in [0, 1), for the random waits of glare; the system generator by default. */
  fraction?: () => number;
  onError?(error: unknown, context: string): void;
  /** Answers requests outside Pacer's dialogs (REGISTER, OPTIONS, strangers); ACKs never reach it. */
  outside?: OutsideHandler;
}

export interface UserAgent {
  invite(request: InviteRequest): Promise<InviteOutcome>;
  /** Live dialogs. */
  dialogs(): Dialog[];
  /** BYE on every live dialog (shutting down). */
  hangUpAll(): Promise<void>;
  /**
   * BYE in a dialog another process held (./journal.ts), with a CSeq far above its last; true
   * when the peer answered it (any final response: a 481 says the dialog is gone already).
   */
  byeSaved(state: ByeState): Promise<boolean>;
}

/** How far above a saved dialog's last CSeq its BYE goes: more requests than a dead process can have sent since. */
const savedSeqJump = 100_000;

export function createUserAgent(options: UserAgentOptions): UserAgent {
  const dialogs = new Map<string, Dialog>();
  const onError = (error: unknown, context: string) => options.onError?.(error, context);
  const ctx: UaContext = {
    stack: options.stack,
    clock: options.clock,
    timers: { ...defaultDialogTimers, ...options.timers },
    fraction: options.fraction ?? systemFraction,
    user: options.user ?? 'pacer',
    onError,
  };
  const registry = {
    add: (dialog: Dialog) => { dialogs.set(dialog.id, dialog); },
    remove: (dialog: Dialog) => { dialogs.delete(dialog.id); },
  };

  const outside = (request: SipRequest) => {
    if (request.method === 'ACK') return; // an ACK has no response
    const reply = (status: number, reason: string, headers: Record<string, unknown> = {}) =>
      ctx.stack.respond(responseTo(request, status, reason, { headers }));
    const { localTag } = requestDialogKey(request);
    if (localTag !== undefined || request.method === 'CANCEL' || request.method === 'BYE') {
      reply(481, 'Call/Transaction Does Not Exist');
    } else if (request.method === 'INVITE') {
      reply(403, 'Forbidden');
    } else {
      reply(405, 'Method Not Allowed', { allow: 'ACK, BYE, CANCEL, INFO, INVITE, NOTIFY, OPTIONS, UPDATE' });
    }
  };

  options.stack.onRequest((request, remote) => {
    const { callId, localTag, remoteTag } = requestDialogKey(request);
    const dialog = localTag && remoteTag ? dialogs.get(dialogId(callId, localTag, remoteTag)) : undefined;
    try {
      if (dialog) dialog.receive(request);
      else if (options.outside && request.method !== 'ACK') options.outside(request, remote, () => outside(request));
      else outside(request);
    } catch (error) {
      ctx.onError(error, `answering ${request.method}`);
      if (request.method !== 'ACK') ctx.stack.respond(responseTo(request, 500, 'Server Internal Error'));
    }
  });

  return {
    invite: (request) => placeCall(ctx, request, registry),
    dialogs: () => [...dialogs.values()],
    async hangUpAll() {
      await Promise.all([...dialogs.values()].map((d) => d.bye()));
    },
    async byeSaved(state) {
      const seq = state.localSeq + savedSeqJump;
      const bye = inDialogRequest(state, 'BYE', seq);
      const response = await transact(ctx, bye, { again: () => inDialogRequest(state, 'BYE', seq + 1) });
      return response !== null;
    },
  };
}
