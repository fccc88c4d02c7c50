// Skills of an operation and the agents who have them. A campaign with a skill (campaigns.skill_id)
// connects its calls only to agents with that skill, so a change wakes the dialer.
import { fail } from '../../domain/errors.ts';
import { lockAgent } from '../agentbox/lock-agent.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { checkLimit } from './limits.ts';

/** Creates or renames the skill; `description`, when given, replaces its description. */
export async function putSkill(tx: Tx, ctx: RequestContext, id: number, name: string, description?: string): Promise<void> {
  // Renaming is always allowed; a new skill counts.
  if ((await tx.operations.existingSkills(ctx.operationId, [id])).length === 0) await checkLimit(tx, ctx, 'skills');
  await tx.operations.putSkill(ctx.operationId, id, name, description);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'config.skill', data: { id, name } });
}

/** Replaces the agent's skills with `skillIds`; every one must be a skill of the operation. */
export async function setAgentSkills(tx: Tx, ctx: RequestContext, agentId: string, skillIds: readonly number[]): Promise<void> {
  const unique = [...new Set(skillIds)].sort((a, b) => a - b);
  const agent = await lockAgent(tx, ctx, agentId);
  const known = new Set(await tx.operations.existingSkills(ctx.operationId, unique));
  const missing = unique.find((id) => !known.has(id));
  if (missing !== undefined) throw fail.skillNotFound(missing);
  await tx.agents.setSkills(ctx.operationId, agent.id, unique);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'agent.skills', agentId: agent.id, data: { skills: unique } });
}

/** A new skill with the next free id (wolkvox assigns skill ids). */
export async function createSkill(tx: Tx, ctx: RequestContext, name: string, description: string): Promise<{ skillId: number }> {
  if (!(await tx.operations.lock(ctx.operationId))) throw fail.operationNotFound(ctx.operationId);
  await checkLimit(tx, ctx, 'skills');
  const skillId = await tx.operations.nextSkillId(ctx.operationId);
  await tx.operations.putSkill(ctx.operationId, skillId, name, description);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'config.skill', data: { id: skillId, name } });
  return { skillId };
}

/** Changes an existing skill's name or description (each optional). */
export async function editSkill(tx: Tx, ctx: RequestContext, skillId: number, change: { name?: string; description?: string }): Promise<void> {
  const [found] = await tx.directory.skills(ctx.operationId, skillId);
  if (!found) throw fail.skillNotFound(skillId);
  const name = change.name ?? found.name;
  await tx.operations.putSkill(ctx.operationId, skillId, name, change.description);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'config.skill', data: { id: skillId, name } });
}

/** Gives the agent the skill with an expertise (1–10), or changes its expertise. */
export async function addAgentSkill(tx: Tx, ctx: RequestContext, agentId: string, skillId: number, expertise: number): Promise<void> {
  const agent = await lockAgent(tx, ctx, agentId);
  if ((await tx.operations.existingSkills(ctx.operationId, [skillId])).length === 0) throw fail.skillNotFound(skillId);
  await tx.agents.addSkill(ctx.operationId, agent.id, skillId, expertise);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'agent.skill_added', agentId: agent.id, data: { skill: skillId, expertise } });
}

/** Takes the skill from the agent; 404 when the agent does not have it. */
export async function removeAgentSkill(tx: Tx, ctx: RequestContext, agentId: string, skillId: number): Promise<void> {
  const agent = await lockAgent(tx, ctx, agentId);
  if ((await tx.operations.existingSkills(ctx.operationId, [skillId])).length === 0) throw fail.skillNotFound(skillId);
  if (!(await tx.agents.removeSkill(ctx.operationId, agent.id, skillId))) throw fail.agentSkillNotFound(agent.id, skillId);
  await tx.events.append({ operationId: ctx.operationId, at: ctx.now, type: 'agent.skill_removed', agentId: agent.id, data: { skill: skillId } });
}
