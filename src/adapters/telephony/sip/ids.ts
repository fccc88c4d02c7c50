// Identifiers a user agent makes up: Call-IDs and tags (RFC 3261 §8.1.1.4, §19.3). Random enough
// that nobody can guess a dialog's identity and inject a BYE into it.
import { randomBytes } from 'node:crypto';

export function newTag(): string {
  return randomBytes(8).toString('hex');
}

export function newCallId(host: string): string {
  return `${randomBytes(12).toString('hex')}@${host}`;
}

/** An SDP session id (o= line) for a new dialog: decimal, below 2^53 so parsers keep it exact. */
export function newSessionId(): string {
  return String(randomBytes(6).readUIntBE(0, 6));
}

/** A fraction in [0, 1) for the RFC's random waits (glare), from the system generator. */
export function systemFraction(): number {
  return randomBytes(4).readUInt32BE(0) / 0x1_0000_0000;
}
