// SIP traces for the debug log: one message as it went on the wire, with credentials taken out.
// A trace is read by whoever reads the logs; a digest response is replayable for its nonce.

const credentialHeaders = /^(authorization|proxy-authorization)[ \t]*:.*$/gim;

/** The text of a SIP message with the value of every Authorization and Proxy-Authorization removed. */
export function redactCredentials(wire: string): string {
  return wire.replace(credentialHeaders, (_line, name: string) => `${name}: <redacted>`);
}

export function traceLine(direction: 'sent' | 'received', peer: { protocol: string; address: string; port: number }, wire: string): string {
  const arrow = direction === 'sent' ? 'to' : 'from';
  return `SIP ${direction} ${arrow} ${peer.protocol.toLowerCase()}:${peer.address}:${peer.port}\n${redactCredentials(wire)}`;
}
