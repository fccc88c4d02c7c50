// Agents' SIP phones: one per agent, deleted with the agent. Of a registration password only its
// digest HA1 reaches this port (../telephony/digest-ha1.ts: the registrar checks digest answers
// with it); the password is not kept, and what the faces read carries `hasPassword` (read-model.ts).
// A phone set to register has a binding while it is registered: the SIP registrar writes it (not
// through this port), the engine reads where to call the phone.

/** Where a phone that registers can be called now, until when (epoch ms). */
export interface PhoneRegistration { contact: string; until: number }

/** A phone as it is kept: one that registers by the HA1 of its password. */
export type KeptAgentPhone =
  | { mode: 'registration'; passwordHa1: string }
  | { mode: 'contact'; contact: string };

/** A phone as read back: one that registers carries its registration, if it has one now. */
export type StoredAgentPhone =
  | { mode: 'registration'; registered: PhoneRegistration | null }
  | { mode: 'contact'; contact: string };

export interface AgentPhoneRepo {
  /** Sets the agent's phone, replacing the one it had (and clearing its registration). The agent exists (the caller locked it). */
  put(operationId: string, agentId: string, phone: KeptAgentPhone, now: number): Promise<void>;
  /** Removes the agent's phone; false when it had none. */
  remove(operationId: string, agentId: string): Promise<boolean>;
  /** The agent's phone, if it has one (never its HA1); a registration only if it has not ended by `now`. */
  get(operationId: string, agentId: string, now: number): Promise<StoredAgentPhone | undefined>;
}
