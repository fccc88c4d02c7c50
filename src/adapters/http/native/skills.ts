// /v1/skills and /v1/agents/{id}/skills: the operation's skills and who has them. A campaign with
// a skill connects its calls only to agents with that skill.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { fail } from '../../../domain/errors.ts';
import type { Engine } from '../../../engine/api.ts';
import { accessOf, callerOf, pageList, wireAgent } from './context.ts';
import { Agent, AgentId, ErrorBody, Page, PageQuery, Skill, SkillBody, SkillId } from './schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function registerSkillRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/v1/skills', { schema: { tags: ['skills'], summary: 'Skills (campaigns.skill_id picks the agents of a campaign)', querystring: PageQuery, response: { 200: Page(Skill), ...errors } } }, async (request) => {
    return pageList(await engine.skills.list(callerOf(request)), (s) => String(s.id), (s) => s, request.query);
  });

  app.put('/v1/skills/:id', {
    schema: { tags: ['skills'], summary: 'Create or rename a skill (and describe it)', params: Type.Object({ id: SkillId }), body: SkillBody, response: { 200: Skill, ...errors } },
  }, async (request) => {
    await engine.skills.put(accessOf(request), request.params.id, request.body.name, request.body.description);
    const saved = (await engine.skills.list(callerOf(request))).find((s) => s.id === request.params.id);
    return { id: request.params.id, name: request.body.name, description: saved?.description ?? request.body.description ?? '' };
  });

  app.put('/v1/agents/:id/skills', {
    schema: {
      tags: ['skills'], summary: 'Set the agent\'s skills (replaces them; an empty list removes all)', params: Type.Object({ id: AgentId }),
      body: Type.Object({ skills: Type.Array(SkillId, { maxItems: 100 }) }, { additionalProperties: false }), response: { 200: Agent, ...errors },
    },
  }, async (request) => {
    await engine.agents.setSkills(accessOf(request), request.params.id, request.body.skills);
    const agent = await engine.agents.get(callerOf(request), request.params.id);
    if (!agent) throw fail.agentNotFound(request.params.id);
    return wireAgent(agent);
  });
}
