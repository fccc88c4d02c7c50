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
  /**
   * The ready agent that has waited longest, locked; agents locked by others are skipped. With
   * `campaignId`, only an agent the campaign's calls may go to: one with its skill, if it has one.
   */
  lockLongestReady(operationId: string, campaignId?: string | null): Promise<Agent | undefined>;
  /** Replaces the agent's skills. */
  setSkills(operationId: string, agentId: string, skillIds: readonly number[]): Promise<void>;
  /** Gives the agent the skill with `expertise` (1–10), or changes its expertise in it. */
  addSkill(operationId: string, agentId: string, skillId: number, expertise: number): Promise<void>;
  /** Takes the skill from the agent; false when it did not have it. */
  removeSkill(operationId: string, agentId: string, skillId: number): Promise<boolean>;
  /** Sets the wolkvox profile fields given: agent_dni, agent_sso. */
  setProfile(operationId: string, agentId: string, profile: { dni?: string; sso?: string }): Promise<void>;
  /** The next free extension: one above the highest numeric id, 1001 in an operation with none. */
  nextId(operationId: string): Promise<string>;
}
