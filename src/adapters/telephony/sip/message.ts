// SIP messages as the stack parses and writes them (the shape of the vendored parser), typed, with
// the few pure helpers every layer above needs: tags, header values, responses.

export type Params = Record<string, string | null | undefined>;

export interface SipUri {
  schema?: string;
  user?: string;
  password?: string;
  host: string;
  /** NaN or undefined when the URI names no port. */
  port?: number;
  params: Params;
  headers?: Record<string, string>;
}

/** A name-addr or addr-spec header value: To, From, Contact, Route, Record-Route. */
export interface NameAddr {
  name?: string;
  /** A string in To/From/Contact; the parser gives Route and Record-Route as parsed URIs. */
  uri: string | SipUri;
  params: Params;
}

export interface Via {
  version?: string;
  protocol?: string;
  host?: string;
  port?: number;
  params: Params;
}

export interface CSeq { seq: number; method: string }

export interface SipHeaders {
  via: Via[];
  to: NameAddr;
  from: NameAddr;
  'call-id': string;
  cseq: CSeq;
  contact?: NameAddr[] | '*';
  route?: NameAddr[];
  'record-route'?: NameAddr[];
  'max-forwards'?: number;
  'content-type'?: string;
  [name: string]: unknown;
}

export interface SipRequest {
  method: string;
  uri: string | SipUri;
  version?: string;
  headers: SipHeaders;
  content?: string;
}

export interface SipResponse {
  status: number;
  reason: string;
  version?: string;
  headers: SipHeaders;
  content?: string;
  /** Made by our own stack (a timeout, a transport error), not sent by the peer. */
  local?: boolean;
}

export type SipMessage = SipRequest | SipResponse;

/** Where a message came from: the transport and the peer's address. */
export interface Remote { protocol: string; address: string; port: number }

export function tagOf(value: NameAddr | undefined): string | undefined {
  const tag = value?.params.tag;
  return typeof tag === 'string' && tag !== '' ? tag : undefined;
}

/** A header the parser keeps as text (several occurrences are joined with ','). */
export function headerText(message: SipMessage, name: string): string | undefined {
  const value = message.headers[name.toLowerCase()];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** The option tags of Supported/Require (also in compact form `k`). */
export function optionTags(message: SipMessage, name: 'supported' | 'require'): string[] {
  return (headerText(message, name) ?? '').split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
}

export function hasBody(message: SipMessage): boolean {
  return typeof message.content === 'string' && message.content.trim() !== '';
}

/** The SDP of a message, when it carries one. */
export function sdpOf(message: SipMessage): string | undefined {
  const type = (message.headers['content-type'] ?? '').toLowerCase();
  return hasBody(message) && type.startsWith('application/sdp') ? message.content : undefined;
}

/** The first Contact URI of a message. */
export function contactUri(message: SipMessage): string | SipUri | undefined {
  const contact = message.headers.contact;
  return Array.isArray(contact) ? contact[0]?.uri : undefined;
}

export interface ResponseExtras {
  headers?: Record<string, unknown>;
  content?: string;
}

/** A response to `request` (RFC 3261 §8.2.6): Via, From, To, Call-ID and CSeq copied. */
export function responseTo(request: SipRequest, status: number, reason: string, extras: ResponseExtras = {}): SipResponse {
  const headers: SipHeaders = {
    via: request.headers.via,
    to: request.headers.to,
    from: request.headers.from,
    'call-id': request.headers['call-id'],
    cseq: request.headers.cseq,
  };
  Object.assign(headers, extras.headers);
  const response: SipResponse = { status, reason, headers };
  if (extras.content !== undefined) response.content = extras.content;
  return response;
}

/** The same To with a tag added (the UAS side of a dialog). */
export function withTag(value: NameAddr, tag: string): NameAddr {
  return { ...value, params: { ...value.params, tag } };
}
