// The state of one confirmed dialog (RFC 3261 §12) and the requests built from it: Call-ID, the
// two tags, the remote target and route set learnt from the 2xx, one CSeq counter for the
// requests Pacer sends in it.
import type { Credentials } from './auth.ts';
import { contactUri, tagOf, type NameAddr, type SipRequest, type SipResponse } from './message.ts';
import type { SdpOrigin } from './sdp.ts';
import type { SipTransport } from './stack.ts';

export interface DialogState {
  callId: string;
  /** Our From (tag included): we placed every dialog Pacer has. */
  local: NameAddr;
  /** The peer's To (tag included). */
  remote: NameAddr;
  remoteTarget: string;
  routeSet: NameAddr[];
  /** The CSeq of the last request Pacer sent in the dialog (ACK and CANCEL reuse theirs). */
  localSeq: number;
  /** The CSeq of the last request the peer sent; null before the first. */
  remoteSeq: number | null;
  transport: SipTransport;
  contact: NameAddr;
  origin: SdpOrigin;
  /** The description Pacer last sent in the dialog and the peer accepted (stamped). */
  localSdp: string | undefined;
  remoteSdp: string | undefined;
  credentials: Credentials | undefined;
}

export function dialogId(callId: string, localTag: string, remoteTag: string): string {
  return `${callId};${localTag};${remoteTag}`;
}

/** The route set of a 2xx to our INVITE: its Record-Route, reversed (RFC 3261 §12.1.2). */
export function routeSetOf(response: SipResponse): NameAddr[] {
  return [...(response.headers['record-route'] ?? [])].reverse();
}

/** The remote target a 2xx names (its Contact), or the one we had when it names none. */
export function remoteTargetOf(response: SipResponse, stringify: (uri: NonNullable<ReturnType<typeof contactUri>>) => string, fallback: string): string {
  const uri = contactUri(response);
  return uri === undefined ? fallback : stringify(uri);
}

export interface RequestParts {
  headers?: Record<string, unknown>;
  content?: string;
  contentType?: string;
}

/** A new request in the dialog with the next CSeq (RFC 3261 §12.2.1.1). */
export function nextRequest(state: DialogState, method: string, parts: RequestParts = {}): SipRequest {
  state.localSeq += 1;
  return inDialogRequest(state, method, state.localSeq, parts);
}

/** A request in the dialog with a given CSeq number (ACK reuses its INVITE's). */
export function inDialogRequest(state: Pick<DialogState, 'callId' | 'local' | 'remote' | 'remoteTarget' | 'routeSet' | 'contact'>, method: string, seq: number, parts: RequestParts = {}): SipRequest {
  const request: SipRequest = {
    method,
    uri: state.remoteTarget,
    headers: {
      via: [],
      to: state.remote,
      from: state.local,
      'call-id': state.callId,
      cseq: { seq, method },
      'max-forwards': 70,
      // The stack rewrites Route (loose and strict routing), so each request gets its own copy.
      route: state.routeSet.map((r) => ({ ...r, params: { ...r.params } })),
      ...(method === 'INVITE' || method === 'UPDATE' ? { contact: [state.contact] } : {}),
      ...parts.headers,
    },
  };
  if (parts.content !== undefined) {
    request.content = parts.content;
    request.headers['content-type'] = parts.contentType ?? 'application/sdp';
  }
  return request;
}

/** Whether `request` belongs to the dialog with these tags: the To tag is ours, the From tag theirs. */
export function requestDialogKey(request: SipRequest): { callId: string; localTag: string | undefined; remoteTag: string | undefined } {
  return { callId: request.headers['call-id'], localTag: tagOf(request.headers.to), remoteTag: tagOf(request.headers.from) };
}
