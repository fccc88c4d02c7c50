// SDP as a third-party call controller handles it (RFC 3264, RFC 3725): Pacer forwards one peer's
// session description to another, so in each dialog it presents the SDP as its own. Pure functions
// over sdp-transform; no I/O. Parsing and the pure rewrites remember their last results
// (./remembered.ts): the same few descriptions go through them again and again.
import { parse, write, type MediaDescription, type SessionDescription } from 'sdp-transform';
import { remembered } from './remembered.ts';

/** A description parsed once, to be read only (a function that changes it parses its own copy). */
const read: (sdp: string) => Readonly<SessionDescription> = remembered((sdp: string) => Object.freeze(parse(sdp)));

export const mediaDirections = ['sendrecv', 'sendonly', 'recvonly', 'inactive'] as const;
export type MediaDirection = (typeof mediaDirections)[number];

/**
 * The o= line Pacer uses in one dialog: the same username and session id for the dialog's life,
 * the version raised by one each time the description changes (RFC 3264 §8), so a peer never
 * sees the origin change when the party behind Pacer is swapped.
 */
export interface SdpOrigin {
  username: string;
  sessionId: string;
  version: number;
  /** The address of the o= line (Pacer's own). */
  address: string;
  /** The last description stamped in this dialog, o= line left out; null before the first. */
  last: string | null;
}

export function newOrigin(username: string, sessionId: string, address: string): SdpOrigin {
  return { username, sessionId, version: 1, address, last: null };
}

/** The o= line of a description as stamped below, before it is stamped. */
const unstamped = { username: '-', sessionId: 0, sessionVersion: 0, netType: 'IN', ipVer: 4, address: '0.0.0.0' };
const unstampedLine = 'o=- 0 0 IN IP4 0.0.0.0\r\n';

/** The description as sdp-transform writes it, with an o= line that says nothing: what "changed" compares. */
const withoutOrigin = remembered((sdp: string) => write({ ...parse(sdp), origin: unstamped }));

/**
 * Writes `sdp` with the dialog's o= line. The version rises by one when the description differs
 * from the last one stamped in the dialog and stays when it is the same (a session refresh).
 */
export function restamp(origin: SdpOrigin, sdp: string): { sdp: string; origin: SdpOrigin } {
  const body = withoutOrigin(sdp);
  const version = origin.last === null || origin.last === body ? origin.version : origin.version + 1;
  const ipVer = origin.address.includes(':') ? 6 : 4;
  // sdp-transform's own o= format ('%s %s %d %s IP%d %s'), in place of the empty one.
  const line = `o=${origin.username} ${origin.sessionId} ${version} IN IP${ipVer} ${origin.address}\r\n`;
  return { sdp: body.replace(unstampedLine, () => line), origin: { ...origin, version, last: body } };
}

/** The description with every active media line set to `direction` (a session-level one removed). */
export const setDirection: (sdp: string, direction: MediaDirection) => string = remembered((sdp: string, direction: MediaDirection) => {
  const session = parse(sdp);
  delete session.direction;
  for (const media of session.media) {
    if (media.port !== 0) media.direction = direction;
  }
  return write(session);
});

/** The discard port (RFC 863): where a black hole's m-lines point, so that nothing listens there. */
export const DISCARD_PORT = 9;

/**
 * `sdp` as a black hole (RFC 3264 §8.4, RFC 3725 §5): the same media lines and formats, inactive,
 * at the connection address 0.0.0.0 (:: for IPv6), which tells the peer to send neither RTP nor
 * RTCP, with each active line on the discard port and no rtcp or ICE candidate attributes. Pacer
 * offers it where no party is to be heard: a parked agent phone, a customer no agent has yet. A
 * phone is never offered its own address (it would send to itself until it read the direction).
 */
export const blackHole: (sdp: string) => string = remembered((sdp: string) => {
  const session = parse(setDirection(sdp, 'inactive'));
  const nowhere = (ipVer: number) => ({ version: ipVer, ip: ipVer === 6 ? '::' : '0.0.0.0' });
  const ipVer = session.connection?.version ?? session.media.find((m) => m.connection)?.connection?.version ?? 4;
  session.connection = nowhere(ipVer);
  for (const media of session.media) {
    if (media.port === 0) continue;
    media.port = DISCARD_PORT;
    if (media.connection) media.connection = nowhere(media.connection.version);
    delete media.rtcp;
    delete media.candidates;
  }
  return write(session);
});

/** The direction of the first active media line (sendrecv when none is written, RFC 3264 §5.1). */
export function directionOf(sdp: string): MediaDirection {
  const session = read(sdp);
  const media = session.media.find((m) => m.port !== 0);
  return media?.direction ?? session.direction ?? 'sendrecv';
}

/**
 * An offer in an existing session keeps every m-line the session had (RFC 3264 §8.1): when `next`
 * has fewer than `previous`, the missing ones are added back disabled (port 0), in order.
 */
export function keepMediaLines(previous: string | undefined, next: string): string {
  if (previous === undefined) return next;
  const before = read(previous).media;
  if (read(next).media.length >= before.length) return next;
  const session = parse(next);
  for (const dropped of before.slice(session.media.length)) {
    session.media.push(disabled(dropped));
  }
  return write(session);
}

function disabled(media: MediaDescription): MediaDescription {
  return { type: media.type, port: 0, protocol: media.protocol, payloads: media.payloads, rtp: media.rtp, fmtp: [] };
}

export interface MediaEndpoint { type: string; address: string; port: number }

/** Where each m-line wants its media sent: the connection address (media or session level) and port. */
export function mediaEndpoints(sdp: string): MediaEndpoint[] {
  const session = read(sdp);
  return session.media.map((m) => ({ type: m.type, address: m.connection?.ip ?? session.connection?.ip ?? '', port: m.port }));
}

/** Whether two descriptions name the same media endpoints and formats (what a re-offer must carry). */
export function sameMedia(a: string, b: string): boolean {
  const shape = (sdp: string) => read(sdp).media.map((m) => `${m.type} ${m.connection?.ip ?? ''} ${m.port} ${m.protocol} ${m.payloads ?? ''}`);
  const sa = read(a);
  const sb = read(b);
  return sa.connection?.ip === sb.connection?.ip && shape(a).join('|') === shape(b).join('|');
}

/** The m-line count of a description. */
export function mediaCount(sdp: string): number {
  return read(sdp).media.length;
}

/**
 * Our description shaped as an answer to `offer` (RFC 3264 §6): exactly the offer's m-line count
 * (missing lines added disabled from the offer, extra ones dropped), and each direction the one
 * both sides allow (a peer offering sendonly is answered recvonly).
 */
export function answerTo(offer: string, ours: string): string {
  const offered = read(offer);
  const session = parse(ours);
  const media = offered.media.map((line, i) => {
    const own = session.media[i];
    if (!own || line.port === 0 || own.type !== line.type) return disabled(line);
    const direction = answerDirection(line.direction ?? offered.direction ?? 'sendrecv', own.direction ?? session.direction ?? 'sendrecv');
    return { ...own, direction };
  });
  delete session.direction;
  session.media = media;
  return write(session);
}

/** The direction of an answer: we send only where the offerer receives, and the other way round. */
export function answerDirection(offered: MediaDirection, ours: MediaDirection): MediaDirection {
  const peerReceives = offered === 'sendrecv' || offered === 'recvonly';
  const peerSends = offered === 'sendrecv' || offered === 'sendonly';
  const weSend = peerReceives && (ours === 'sendrecv' || ours === 'sendonly');
  const weReceive = peerSends && (ours === 'sendrecv' || ours === 'recvonly');
  if (weSend && weReceive) return 'sendrecv';
  if (weSend) return 'sendonly';
  if (weReceive) return 'recvonly';
  return 'inactive';
}
