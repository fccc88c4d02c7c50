// What the registrar needs kept, so that every Pacer process on the database can call a phone that
// registered to any of them: the digest HA1 of the agent's registration password, its one binding,
// and the addresses Pacer knows. Defined here, by the registrar that uses it; the store adapter
// implements it (src/adapters/store/registrations.ts) and the composition root hands it over.

export type SipTransportName = 'udp' | 'tcp';

/** Where a REGISTER came from: the address Pacer calls back when the Contact is not reachable. */
export interface RegistrationSource {
  transport: SipTransportName;
  address: string;
  port: number;
}

export interface PhoneBinding {
  operationId: string;
  agentId: string;
  /** The URI Pacer calls (the Contact, or the source address behind NAT). */
  contact: string;
  /** The Contact as the phone gave it (its own view of the binding: the 200 echoes it). */
  given: string;
  source: RegistrationSource;
  /** Epoch milliseconds (the engine's clock) when the binding ends unless refreshed. */
  expiresAt: number;
  /** The phone's User-Agent header, shortened; null when it sent none. */
  userAgent: string | null;
}

export interface RegistrarStore {
  /**
   * The digest HA1 of the agent's phone password (src/engine/telephony/digest-ha1.ts) when the phone
   * is set to register; undefined for any other agent. The password itself is not kept.
   */
  passwordHa1(operationId: string, agentId: string): Promise<string | undefined>;
  /**
   * Binds the phone, replacing its binding. False, and nothing bound, when the agent's phone is no
   * longer set to register with the password of `passwordHa1` (changed since it was checked).
   */
  register(binding: PhoneBinding, passwordHa1: string, now: number): Promise<boolean>;
  /** Removes the agent's binding (only when it is `given`, if given); the binding removed, if any. */
  unregister(operationId: string, agentId: string, now: number, given?: string): Promise<PhoneBinding | undefined>;
  /** The agent's binding now, if it has one that has not expired. */
  binding(operationId: string, agentId: string, now: number): Promise<PhoneBinding | undefined>;
  /**
   * The hosts Pacer knows as peers: its trunks' and fixed phone contacts' hosts (addresses or names,
   * IPv6 without brackets) and the source addresses of registrations that have not expired.
   */
  knownHosts(now: number): Promise<string[]>;
}
