// DTMF toward a peer as SIP INFO (application/dtmf-relay, the format carriers and most SBCs take).
// Tones inside the RTP stream (RFC 4733) would need a media path through Pacer, which it does not
// have: the phones and the carrier exchange RTP directly.

export const dtmfTones = /^[0-9*#A-D]+$/;

/** The body of one INFO carrying one tone. */
export function dtmfRelayBody(tone: string, durationMs: number): string {
  if (tone.length !== 1 || !dtmfTones.test(tone)) throw new Error(`not a DTMF tone: ${JSON.stringify(tone)}`);
  return `Signal=${tone}\r\nDuration=${Math.round(durationMs)}\r\n`;
}
