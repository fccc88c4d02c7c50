// Digest authentication toward a carrier (RFC 3261 §22, RFC 2617): a 401 or 407 is answered once
// with the trunk's credentials, computed by the vendored `digest` module. A second challenge to
// the same request means the credentials are wrong, and the attempt fails.
import type { SipRequest, SipResponse } from './message.ts';
import { vendoredDigest, type DigestContext } from './vendored.ts';

export interface Credentials {
  user: string;
  password: string;
}

export function isChallenge(response: SipResponse): boolean {
  return response.status === 401 || response.status === 407;
}

/**
 * Adds the Authorization (401) or Proxy-Authorization (407) that answers `challenge` to
 * `request`, which must already carry its new CSeq. Throws when the challenge is not digest.
 */
export function answerChallenge(request: SipRequest, challenge: SipResponse, credentials: Credentials): void {
  const header = challenge.status === 407 ? 'proxy-authenticate' : 'www-authenticate';
  const offered = challenge.headers[header];
  if (!Array.isArray(offered) || offered.length === 0) throw new Error(`a ${challenge.status} without ${header}`);
  const context: DigestContext = {};
  vendoredDigest.signRequest(context, request, challenge, { user: credentials.user, password: credentials.password });
}
