// /v1/agents/{id}/phone: the agent's SIP phone. A password is taken and never answered (has_password);
// a phone that registers shows where it is registered and until when (registration).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { AgentPhoneView, Engine } from '../../../engine/api.ts';
import { accessOf, callerOf } from './context.ts';
import { AgentId, AgentPhone, AgentPhoneBody, ErrorBody } from './schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Params = Type.Object({ id: AgentId });

const wire = (p: AgentPhoneView): Static<typeof AgentPhone> => ({
  agent_id: p.agentId, mode: p.mode, contact: p.contact, has_password: p.hasPassword,
  registration: p.registration && {
    contact: p.registration.contact, source: p.registration.source, user_agent: p.registration.userAgent,
    registered_at: new Date(p.registration.registeredAt).toISOString(), expires_at: new Date(p.registration.expiresAt).toISOString(),
  },
  updated_at: new Date(p.updatedAt).toISOString(),
});

export function registerAgentPhoneRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['agents'];

  app.put('/v1/agents/:id/phone', {
    schema: {
      tags, summary: 'Set the agent\'s SIP phone: {"password"} (it registers as <operation>-<agent>, e.g. 0001-1001) or {"contact"} (a phone at a fixed address)',
      params: Params, body: AgentPhoneBody, response: { 200: AgentPhone, ...errors },
    },
  }, async (request) => wire(await engine.agents.setPhone(accessOf(request), request.params.id, request.body)));

  app.get('/v1/agents/:id/phone', {
    schema: { tags, summary: 'The agent\'s SIP phone, and whether a phone that registers is registered now (404 AGENT_PHONE_NOT_FOUND when it has none)', params: Params, response: { 200: AgentPhone, ...errors } },
  }, async (request) => wire(await engine.agents.phone(callerOf(request), request.params.id)));

  app.delete('/v1/agents/:id/phone', {
    schema: { tags, summary: 'Remove the agent\'s SIP phone', params: Params, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await engine.agents.removePhone(accessOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
