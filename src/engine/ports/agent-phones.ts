// Agents' SIP phones: one per agent, deleted with the agent. The registration password is kept as
// given (the registrar checks digest answers with it) and leaves the engine only through this
// port; what the faces read carries `hasPassword` instead (read-model.ts).
import type { AgentPhone } from '../../domain/agent-phone.ts';

export interface AgentPhoneRepo {
  /** Sets the agent's phone, replacing the one it had. The agent exists (the caller locked it). */
  put(operationId: string, agentId: string, phone: AgentPhone, now: number): Promise<void>;
  /** Removes the agent's phone; false when it had none. */
  remove(operationId: string, agentId: string): Promise<boolean>;
  /** The agent's phone, with its password, if it has one. */
  get(operationId: string, agentId: string): Promise<AgentPhone | undefined>;
}
