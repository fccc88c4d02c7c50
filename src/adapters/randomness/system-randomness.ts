// The Randomness port on the operating system's cryptographic generator.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Randomness } from '../../engine/ports/randomness.ts';

export function systemRandomness(): Randomness {
  return {
    callId: () => randomUUID().replaceAll('-', ''),
    tokenValue: () => randomBytes(24).toString('base64url'),
    webhookSecret: () => randomBytes(32).toString('base64url'),
    sessionSecret: () => randomBytes(32).toString('base64url'),
    salt: () => randomBytes(16),
  };
}
