// Agents' SIP phones: one per agent, deleted with the agent. The registration password is kept as
// given (the registrar checks digest answers with it) and leaves the engine only through this
// port; what the faces read carries `hasPassword` instead (read-model.ts). A phone set to register
// has a binding while it is registered: the SIP registrar writes it (not through this port), the
// engine reads where to call the phone.
import type { AgentPhone } from '../../domain/agent-phone.ts';

/** Where a phone that registers can be called now, until when (epoch ms). */
export interface PhoneRegistration { contact: string; until: number }

/** A phone as read back: one that registers carries its registration, if it has one now. */
export type StoredAgentPhone =
  | { mode: 'registration'; password: string; registered: PhoneRegistration | null }
  | { mode: 'contact'; contact: string };

export interface AgentPhoneRepo {
  /** Sets the agent's phone, replacing the one it had (and clearing its registration). The agent exists (the caller locked it). */
  put(operationId: string, agentId: string, phone: AgentPhone, now: number): Promise<void>;
  /** Removes the agent's phone; false when it had none. */
  remove(operationId: string, agentId: string): Promise<boolean>;
  /** The agent's phone, with its password, if it has one; a registration only if it has not ended by `now`. */
  get(operationId: string, agentId: string, now: number): Promise<StoredAgentPhone | undefined>;
}
