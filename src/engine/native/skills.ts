// Skills of an operation and the agents who have them. A campaign with a skill (campaigns.skill_id)
// connects its calls only to agents with that skill, so a change wakes the dialer.
import { fail } from '../../domain/errors.ts';
import { lockAgent } from '../agentbox/lock-agent.ts';
import type { RequestContext } from '../deps.ts';
import type { Tx } from '../ports/store.ts';
import { checkLimit } from './limits.ts';

export async function putSkill(tx: Tx, ctx: RequestContext, id: number, name: string): Promise<void> {
  // Renaming is always allowed; a new skill counts.
  if ((await tx.operations.existingSkills(ctx.operationId, [id])).length === 0) await checkLimit(tx, ctx, 'skills');
  await tx.operations.putSkill(ctx.operationId, id, name);
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
