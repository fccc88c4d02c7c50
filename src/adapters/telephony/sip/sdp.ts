// SDP as a third-party call controller handles it (RFC 3264, RFC 3725): Pacer forwards one peer's
// session description to another, so in each dialog it presents the SDP as its own. Pure functions
// over sdp-transform; no I/O.
import { parse, write, type MediaDescription, type SessionDescription } from 'sdp-transform';

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

/** The description without its o= line: what "changed" compares. */
function withoutOrigin(session: SessionDescription): string {
  return write({ ...session, origin: { username: '-', sessionId: 0, sessionVersion: 0, netType: 'IN', ipVer: 4, address: '0.0.0.0' } });
}

/**
 * Writes `sdp` with the dialog's o= line. The version rises by one when the description differs
 * from the last one stamped in the dialog and stays when it is the same (a session refresh).
 */
export function restamp(origin: SdpOrigin, sdp: string): { sdp: string; origin: SdpOrigin } {
  const session = parse(sdp);
  const body = withoutOrigin(session);
  const version = origin.last === null || origin.last === body ? origin.version : origin.version + 1;
  const ipVer = origin.address.includes(':') ? 6 : 4;
  session.origin = { username: origin.username, sessionId: origin.sessionId, sessionVersion: version, netType: 'IN', ipVer, address: origin.address };
  return { sdp: write(session), origin: { ...origin, version, last: body } };
}

/** The description with every active media line set to `direction` (a session-level one removed). */
export function setDirection(sdp: string, direction: MediaDirection): string {
  const session = parse(sdp);
  delete session.direction;
  for (const media of session.media) {
    if (media.port !== 0) media.direction = direction;
  }
  return write(session);
}

/** The discard port (RFC 863): where a black hole's m-lines point, so that nothing listens there. */
export const DISCARD_PORT = 9;

/**
 * `sdp` as a black hole (RFC 3264 §8.4, RFC 3725 §5): the same media lines and formats, inactive,
 * at the connection address 0.0.0.0 (:: for IPv6), which tells the peer to send neither RTP nor
 * RTCP, with each active line on the discard port and no rtcp or ICE candidate attributes. Pacer
 * offers it where no party is to be heard: a parked agent phone, a customer no agent has yet. A
 * phone is never offered its own address (it would send to itself until it read the direction).
 */
export function blackHole(sdp: string): string {
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
}

/** The direction of the first active media line (sendrecv when none is written, RFC 3264 §5.1). */
export function directionOf(sdp: string): MediaDirection {
  const session = parse(sdp);
  const media = session.media.find((m) => m.port !== 0);
  return media?.direction ?? session.direction ?? 'sendrecv';
}

/**
 * An offer in an existing session keeps every m-line the session had (RFC 3264 §8.1): when `next`
 * has fewer than `previous`, the missing ones are added back disabled (port 0), in order.
 */
export function keepMediaLines(previous: string | undefined, next: string): string {
  if (previous === undefined) return next;
  const before = parse(previous).media;
  const session = parse(next);
  if (session.media.length >= before.length) return next;
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
  const session = parse(sdp);
  return session.media.map((m) => ({ type: m.type, address: m.connection?.ip ?? session.connection?.ip ?? '', port: m.port }));
}

/** Whether two descriptions name the same media endpoints and formats (what a re-offer must carry). */
export function sameMedia(a: string, b: string): boolean {
  const shape = (sdp: string) => parse(sdp).media.map((m) => `${m.type} ${m.connection?.ip ?? ''} ${m.port} ${m.protocol} ${m.payloads ?? ''}`);
  const sa = parse(a);
  const sb = parse(b);
  return sa.connection?.ip === sb.connection?.ip && shape(a).join('|') === shape(b).join('|');
}

/** The m-line count of a description. */
export function mediaCount(sdp: string): number {
  return parse(sdp).media.length;
}

/**
 * Our description shaped as an answer to `offer` (RFC 3264 §6): exactly the offer's m-line count
 * (missing lines added disabled from the offer, extra ones dropped), and each direction the one
 * both sides allow (a peer offering sendonly is answered recvonly).
 */
export function answerTo(offer: string, ours: string): string {
  const offered = parse(offer);
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
