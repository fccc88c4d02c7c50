// Agents, locked while a transaction changes them.
import type { Agent } from '../../domain/agent.ts';
import type { Callback } from '../../domain/callback.ts';
import type { EventInput } from './events.ts';

export interface AgentRepo {
  /** Loads an agent and locks it until the transaction ends. */
  lock(operationId: string, agentId: string): Promise<Agent | undefined>;
  /** Saves the agent and, when given, appends `event` with it. */
  save(agent: Agent, event?: EventInput): Promise<void>;
  /** Inserts the agent; false when one with its id exists. */
  create(agent: Agent): Promise<boolean>;
  /** Deletes the agent (its skills with it) and cancels its open callbacks; returns them as they were. */
  remove(operationId: string, agentId: string): Promise<Callback[]>;
  /** The ready agent that has waited longest, locked; agents locked by others are skipped. */
  lockLongestReady(operationId: string, among?: readonly string[]): Promise<Agent | undefined>;
  /** Replaces the agent's skills. */
  setSkills(operationId: string, agentId: string, skillIds: readonly number[]): Promise<void>;
}
