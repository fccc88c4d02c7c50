// Pacer's registrar for agent phones (RFC 3261 §10.3). A phone set to register (`PUT
// /v1/agents/{id}/phone {"password"}`) REGISTERs as `<operationId>-<agentId>`
// (src/domain/registration-user.ts); every REGISTER is challenged (401, digest MD5 qop=auth in the
// operation's realm) and the answer checked with the digest HA1 of the agent's password (all that
// is kept of it, src/engine/telephony/digest-ha1.ts). Then Pacer keeps one binding per agent in the
// database (./registrar-store.ts), so any Pacer process can call the phone.
//
// - Expiry: the Contact's `expires`, else the Expires header, else 3600 s; below 60 s is 423 with
//   Min-Expires (RFC 3261 §10.3 step 7), above 3600 s is cut to 3600. `Expires: 0` on the Contact,
//   or `Contact: *` with `Expires: 0`, unregisters. A REGISTER without Contact asks for the binding.
// - One binding per agent: the first Contact; a new registration replaces the one before.
// - Behind NAT: when the Contact's host, port or transport is not where the REGISTER came from, the
//   binding is the source address (and transport), so Pacer calls the phone where it is reachable
//   (over TCP, the phone's own connection). The 200 echoes the Contact as the phone gave it, with
//   its expires and, when Pacer calls another address, `received` naming it.
// - Refusals: a user that is not `<operationId>-<agentId>`, a wrong answer, an agent whose phone is
//   not set to register (or no such agent): 403, the same for each, so nobody learns which agents
//   exist. Each counts as a failure of the source address; too many and that address gets no answer
//   to any REGISTER for a while (./source-limits.ts).
import type { Clock } from '../../../engine/ports/clock.ts';
import { maxSipUriLength } from '../../../domain/sip-uri.ts';
import { parseRegistrationUser, registrationRealm, registrationUser } from '../../../domain/registration-user.ts';
import { challenge, createNonces, readAuthorization, verifyDigest, type DigestAnswer } from './digest-server.ts';
import { newTag } from './ids.ts';
import { headerText, responseTo, withTag, type NameAddr, type Remote, type SipRequest, type SipUri } from './message.ts';
import type { PhoneBinding, RegistrarStore, RegistrationSource } from './registrar-store.ts';
import { failureLimiter, type FailureLimits } from './source-limits.ts';
import type { SipStack } from './stack.ts';

export interface RegistrarLimits {
  minExpiresS: number;
  maxExpiresS: number;
  defaultExpiresS: number;
  /** How long a nonce may be answered (and used again with a growing count). */
  nonceLifetimeMs: number;
  failures: FailureLimits;
}

export const defaultRegistrarLimits: RegistrarLimits = {
  minExpiresS: 60,
  maxExpiresS: 3600,
  defaultExpiresS: 3600,
  nonceLifetimeMs: 300_000,
  // Five wrong answers within a minute: no answer to that address's REGISTERs for five minutes.
  failures: { maxFailures: 5, windowMs: 60_000, blockMs: 300_000, maxAddresses: 10_000 },
};

export interface RegistrarOptions {
  stack: Pick<SipStack, 'respond' | 'drop' | 'parseUri'>;
  /** The engine's clock: nonces, expiry and the failure limiter run on it. */
  clock: Clock;
  store: RegistrarStore;
  limits?: Partial<RegistrarLimits>;
  /** A phone bound at `address` until `until` (it is a known peer from now on). */
  onBound?(address: string, until: number): void;
}

export interface Registrar {
  /**
   * Answers a REGISTER from `remote` (an address normalised by `sourceAddress`). `known` says
   * whether Pacer knows that address as a peer; `mayAnswerStranger` takes a token of the bounded
   * rate of answers to addresses it does not know.
   */
  register(request: SipRequest, remote: Remote, known: () => Promise<boolean>, mayAnswerStranger: () => boolean): Promise<void>;
}

/** An address as Pacer compares it: IPv4-mapped IPv6 as IPv4, IPv6 in lower case. */
export function sourceAddress(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}

function transportOfRemote(remote: Remote): RegistrationSource['transport'] {
  return remote.protocol.toUpperCase() === 'TCP' ? 'tcp' : 'udp';
}

/**
 * The URI Pacer calls for a phone that registered `given` from `source`: `given` itself when it
 * names the source (host, port and transport), else the source address with the user of `given`.
 */
export function bindingContact(given: string, parsed: SipUri | undefined, source: RegistrationSource): string {
  if (parsed && parsed.schema?.toLowerCase() === 'sip') {
    const port = Number.isFinite(parsed.port) && parsed.port !== undefined ? parsed.port : 5060;
    const transport = (parsed.params.transport ?? 'udp').toLowerCase();
    const host = parsed.host.replace(/^\[|\]$/g, '').toLowerCase();
    if (host === source.address && port === source.port && transport === source.transport) return given;
  }
  const host = source.address.includes(':') ? `[${source.address}]` : source.address;
  const user = parsed?.user ? `${parsed.user}@` : '';
  return `sip:${user}${host}:${source.port}${source.transport === 'tcp' ? ';transport=tcp' : ''}`;
}

/** A whole number of seconds as a header or parameter gives it, or undefined when it is none. */
function seconds(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  return text !== undefined && /^[0-9]{1,10}$/.test(text) ? Number(text) : undefined;
}

const uriText = (uri: string | SipUri): string | undefined => (typeof uri === 'string' ? uri : undefined);

/** The User-Agent header, shortened and without control characters, for operators to read. */
function userAgentOf(request: SipRequest): string | null {
  // eslint-disable-next-line no-control-regex
  const text = headerText(request, 'user-agent')?.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 120);
  return text ? text : null;
}

export function createRegistrar(options: RegistrarOptions): Registrar {
  const limits = { ...defaultRegistrarLimits, ...options.limits };
  const { stack, clock, store } = options;
  const nonces = createNonces(clock, { lifetimeMs: limits.nonceLifetimeMs });
  const failures = failureLimiter(clock, limits.failures);

  return {
    async register(request, remote, known, mayAnswerStranger) {
      const address = sourceAddress(remote.address);
      // A blocked address is not answered (and costs no lookup).
      if (failures.blocked(address)) return stack.drop(request);
      const isKnown = await known();
      const toTag = newTag();
      const reply = (status: number, reason: string, headers: Record<string, unknown> = {}) => {
        if (!isKnown && !mayAnswerStranger()) return stack.drop(request);
        stack.respond(responseTo(request, status, reason, { headers: { to: withTag(request.headers.to, toTag), ...headers } }));
      };
      const refuse = () => {
        failures.failed(address);
        reply(403, 'Forbidden');
      };
      const challengeFor = (realm: string, stale: boolean) =>
        reply(401, 'Unauthorized', { 'www-authenticate': [challenge(realm, nonces.issue(address), stale)] });

      const aor = uriText(request.headers.to.uri);
      const who = parseRegistrationUser(aor === undefined ? undefined : stack.parseUri(aor)?.user);
      if (!who) return refuse();
      const user = registrationUser(who.operationId, who.agentId);
      const realm = registrationRealm(who.operationId);
      const answer: DigestAnswer | undefined = readAuthorization(request.headers.authorization, realm);
      if (!answer) return challengeFor(realm, false);
      // A nonce of before a restart is as good as stale: the phone answers the new one by itself.
      if (nonces.check(answer.nonce, address) !== 'fresh') return challengeFor(realm, true);
      if (answer.username !== user) return refuse();
      const ha1 = await store.passwordHa1(who.operationId, who.agentId);
      if (ha1 === undefined || !verifyDigest(answer, request.method, ha1)) return refuse();
      // A count that does not grow is a replay of a request seen: challenge it afresh.
      if (!nonces.use(answer.nonce, answer.nc ?? '')) return challengeFor(realm, true);

      const now = clock.now();
      const bindings = (current: PhoneBinding | undefined) => (current
        ? { contact: [{ uri: current.given, params: { expires: String(Math.max(0, Math.ceil((current.expiresAt - now) / 1000))) } }] }
        : {});
      const contacts = request.headers.contact;
      const headerExpires = seconds(request.headers.expires);
      if (contacts === undefined || (Array.isArray(contacts) && contacts.length === 0)) {
        return reply(200, 'OK', bindings(await store.binding(who.operationId, who.agentId, now)));
      }
      // The vendored parser reads `Contact: *` as a contact whose URI is `*`.
      if (contacts === '*' || (contacts.length === 1 && contacts[0]?.uri === '*')) {
        if (headerExpires !== 0) return reply(400, 'Bad Request: Contact * needs Expires: 0');
        await store.unregister(who.operationId, who.agentId, now);
        return reply(200, 'OK');
      }
      const first: NameAddr = contacts[0]!;
      const given = uriText(first.uri);
      if (given === undefined || given.length > maxSipUriLength) return reply(400, 'Bad Request: Contact');
      const asked = seconds(first.params.expires) ?? headerExpires ?? limits.defaultExpiresS;
      if (asked === 0) {
        await store.unregister(who.operationId, who.agentId, now, given);
        return reply(200, 'OK', bindings(await store.binding(who.operationId, who.agentId, now)));
      }
      if (asked < limits.minExpiresS) return reply(423, 'Interval Too Brief', { 'min-expires': limits.minExpiresS });
      const expires = Math.min(asked, limits.maxExpiresS);
      const source: RegistrationSource = { transport: transportOfRemote(remote), address, port: remote.port };
      const contact = bindingContact(given, stack.parseUri(given), source);
      const binding: PhoneBinding = {
        operationId: who.operationId, agentId: who.agentId, contact, given, source, expiresAt: now + expires * 1000, userAgent: userAgentOf(request),
      };
      // The phone was changed between the check and now: the password it proved is no longer its.
      if (!(await store.register(binding, ha1, now))) return reply(403, 'Forbidden');
      options.onBound?.(address, binding.expiresAt);
      const params: Record<string, string> = { expires: String(expires) };
      if (contact !== given) params.received = `"${contact}"`;
      reply(200, 'OK', { contact: [{ uri: given, params }] });
    },
  };
}
