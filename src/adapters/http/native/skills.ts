// /v1/skills and /v1/agents/{id}/skills: the operation's skills and who has them. A campaign with
// a skill connects its calls only to agents with that skill.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { fail } from '../../../domain/errors.ts';
import type { Engine } from '../../../engine/engine.ts';
import { contextOf, pageList, runFor, wireAgent } from './context.ts';
import { Agent, AgentId, ErrorBody, Page, PageQuery, Skill, SkillId } from './schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function registerSkillRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/v1/skills', { schema: { tags: ['skills'], summary: 'Skills (campaigns.skill_id picks the agents of a campaign)', querystring: PageQuery, response: { 200: Page(Skill), ...errors } } }, async (request) => {
    return pageList(await engine.deps.reads.skills(contextOf(request, engine).operationId), (s) => String(s.id), (s) => s, request.query);
  });

  app.put('/v1/skills/:id', {
    schema: { tags: ['skills'], summary: 'Create or rename a skill', params: Type.Object({ id: SkillId }), body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }), response: { 200: Skill, ...errors } },
  }, async (request) => {
    await runFor(request, engine, (tx, ctx) => engine.skills.put(tx, ctx, request.params.id, request.body.name));
    return { id: request.params.id, name: request.body.name };
  });

  app.put('/v1/agents/:id/skills', {
    schema: {
      tags: ['skills'], summary: 'Set the agent\'s skills (replaces them; an empty list removes all)', params: Type.Object({ id: AgentId }),
      body: Type.Object({ skills: Type.Array(SkillId, { maxItems: 100 }) }, { additionalProperties: false }), response: { 200: Agent, ...errors },
    },
  }, async (request) => {
    await runFor(request, engine, (tx, ctx) => engine.skills.assign(tx, ctx, request.params.id, request.body.skills));
    const agent = await engine.deps.reads.agent(contextOf(request, engine).operationId, request.params.id);
    if (!agent) throw fail.agentNotFound(request.params.id);
    return wireAgent(agent);
  });
}
