// An agent's SIP phone: either it registers to Pacer as the agent id with digest authentication
// (`registration`, with the password it proves), or it sits at a fixed address Pacer calls
// (`contact`, a SIP URI read by the same rules as a trunk's, user part allowed, and the same rule
// of which addresses a tenant may point Pacer at). Pure.
import { agentPhoneModes, type AgentPhoneMode } from '../../packages/vocabulary/src/agent.ts';
import { formatSipUri, hasControlCharacter, readSipPeer } from './sip-uri.ts';

/** Shared with the client: the vocabulary is defined once, in packages/vocabulary. */
export { agentPhoneModes, type AgentPhoneMode };

export type AgentPhone =
  | { mode: 'registration'; password: string }
  | { mode: 'contact'; contact: string };

/** The request: exactly one of the two. */
export interface AgentPhoneRequest { password?: unknown; contact?: unknown }

export const agentPasswordLength = { min: 8, max: 128 } as const;

export type AgentPhoneRead = { ok: true; phone: AgentPhone } | { ok: false; message: string };

/** The phone `request` sets, or the refusal naming the field; `allowPrivate` is PACER_SIP_ALLOW_PRIVATE. */
export function readAgentPhone(request: AgentPhoneRequest, allowPrivate: boolean): AgentPhoneRead {
  const { password, contact } = request;
  if (password !== undefined && contact !== undefined) {
    return { ok: false, message: 'password and contact exclude each other: give password (the phone registers as the agent) or contact (a phone at a fixed address)' };
  }
  if (password !== undefined) {
    const { min, max } = agentPasswordLength;
    // Not echoed, whatever is wrong with it.
    if (typeof password !== 'string' || password.length < min || password.length > max || hasControlCharacter(password)) {
      return { ok: false, message: `password must be ${min} to ${max} characters, without control characters` };
    }
    return { ok: true, phone: { mode: 'registration', password } };
  }
  if (contact !== undefined) {
    if (typeof contact !== 'string') return { ok: false, message: 'contact must be a SIP URI' };
    const read = readSipPeer(contact, 'contact', { userAllowed: true, allowPrivate });
    return read.ok ? { ok: true, phone: { mode: 'contact', contact: formatSipUri(read.uri) } } : read;
  }
  return { ok: false, message: 'password or contact is required: password (the phone registers as the agent) or contact (a phone at a fixed address, e.g. sip:1001@pbx.example:5060)' };
}
