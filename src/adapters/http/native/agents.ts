// /v1/agents: list, get, and the agent actions — the same use cases as agentbox.php.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { fail } from '../../../domain/errors.ts';
import type { Engine } from '../../../engine/api.ts';
import { accessOf, callerOf, instantOf, wireAgent } from './context.ts';
import {
  Agent, AgentId, AgentProfileBody, CallRef, DialBody, DispositionBody, DisplayBody, DtmfBody, ErrorBody, Page, PageQuery, RecallBody, StatusBody, TransferBody,
} from './schemas.ts';

const Params = Type.Object({ id: AgentId });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Done = Type.Object({ agent: Agent });
const DoneWithCall = Type.Object({ agent: Agent, conn_id: Type.String() });

export function registerAgentRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { agentbox } = engine;
  /** The agent as it is after the action (the answer of every action). */
  const agentAfter = async (request: FastifyRequest, id: string) => {
    const agent = await engine.agents.get(callerOf(request), id);
    if (!agent) throw fail.agentNotFound(id);
    return wireAgent(agent);
  };

  app.get('/v1/agents', {
    schema: { tags: ['agents'], summary: 'List agents', querystring: Type.Object({ ...PageQuery.properties, state: Type.Optional(Agent.properties.state) }), response: { 200: Page(Agent), ...errors } },
  }, async (request) => {
    const page = await engine.agents.list(callerOf(request), { state: request.query.state, cursor: request.query.cursor, limit: request.query.limit ?? 100 });
    return { data: page.items.map(wireAgent), next_cursor: page.nextCursor };
  });

  app.get('/v1/agents/:id', { schema: { tags: ['agents'], summary: 'Get an agent', params: Params, response: { 200: Agent, ...errors } } }, async (request) => {
    return agentAfter(request, request.params.id);
  });

  app.put('/v1/agents/:id', {
    schema: {
      tags: ['agents'], summary: 'Create an agent (logged out) with this extension, or rename it',
      params: Params, body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: Agent, 201: Agent, ...errors },
    },
  }, async (request, reply) => {
    const created = await engine.agents.put(accessOf(request), request.params.id, request.body.name);
    return reply.code(created ? 201 : 200).send(await agentAfter(request, request.params.id));
  });
  app.patch('/v1/agents/:id', {
    schema: {
      tags: ['agents'], summary: 'Change an agent\'s name or profile (dni, sso): the fields given (configuration.php edit_agent)',
      params: Params, body: AgentProfileBody, response: { 200: Agent, ...errors },
    },
  }, async (request) => {
    await engine.agents.edit(accessOf(request), request.params.id, request.body);
    return agentAfter(request, request.params.id);
  });
  for (const [path, enabled] of [['enable', true], ['disable', false]] as const) {
    app.post(`/v1/agents/:id/${path}`, {
      schema: {
        tags: ['agents'], params: Params, response: { 200: Agent, ...errors },
        summary: enabled ? 'Enable an agent (configuration.php enable_agent)'
          : 'Disable a logged-out agent: it cannot go ready, take an auxiliary state or sign in until enabled (configuration.php disable_agent; 409 when not logged out)',
      },
    }, async (request) => {
      await engine.agents.setEnabled(accessOf(request), request.params.id, enabled);
      return agentAfter(request, request.params.id);
    });
  }
  app.delete('/v1/agents/:id', {
    schema: { tags: ['agents'], summary: 'Delete a logged-out agent; its open callbacks are cancelled, its calls stay in the history', params: Params, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await engine.agents.remove(accessOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  const action = { tags: ['agents'], params: Params };
  app.post('/v1/agents/:id/status', { schema: { ...action, summary: 'Change state: ready, logout or an auxiliary state (deferred while on a call)', body: StatusBody, response: { 200: Type.Object({ ...Done.properties, deferred: Type.Boolean() }), ...errors } } }, async (request) => {
    const { status } = request.body;
    const r = await agentbox.changeStatus(accessOf(request), request.params.id, typeof status === 'number' ? { state: 'aux', auxId: status } : { state: status });
    return { agent: await agentAfter(request, request.params.id), deferred: r.deferred };
  });
  app.post('/v1/agents/:id/dial', { schema: { ...action, summary: 'Place a call for the agent', body: DialBody, response: { 200: DoneWithCall, ...errors } } }, async (request) => {
    const r = await agentbox.dial(accessOf(request), { agentId: request.params.id, phone: request.body.phone, customerId: request.body.customer_id, customerName: request.body.customer_name });
    return { agent: await agentAfter(request, request.params.id), conn_id: r.connId };
  });
  app.post('/v1/agents/:id/hold', { schema: { ...action, summary: 'Toggle hold on the agent\'s call', response: { 200: Done, ...errors } } }, async (request) => {
    await agentbox.hold(accessOf(request), request.params.id);
    return { agent: await agentAfter(request, request.params.id) };
  });
  app.post('/v1/agents/:id/mute', { schema: { ...action, summary: 'Toggle the agent\'s microphone', response: { 200: Done, ...errors } } }, async (request) => {
    await agentbox.mute(accessOf(request), request.params.id);
    return { agent: await agentAfter(request, request.params.id) };
  });
  app.post('/v1/agents/:id/hang', { schema: { ...action, summary: 'End the agent\'s call', response: { 200: DoneWithCall, ...errors } } }, async (request) => {
    const r = await agentbox.hang(accessOf(request), request.params.id);
    return { agent: await agentAfter(request, request.params.id), conn_id: r.connId };
  });
  app.post('/v1/agents/:id/disposition', { schema: { ...action, summary: 'Disposition of the current or last call', body: DispositionBody, response: { 200: DoneWithCall, ...errors } } }, async (request) => {
    const b = request.body;
    const r = await agentbox.type(accessOf(request), request.params.id, { codAct: b.cod_act, codAct2: b.cod_act_2, comments: b.comments });
    return { agent: await agentAfter(request, request.params.id), conn_id: r.connId };
  });
  app.post('/v1/agents/:id/transfer', { schema: { ...action, summary: 'Blind transfer to a number or another agent', body: TransferBody, response: { 200: DoneWithCall, ...errors } } }, async (request) => {
    const r = await agentbox.transfer(accessOf(request), request.params.id, request.body.to);
    return { agent: await agentAfter(request, request.params.id), conn_id: r.connId };
  });
  app.post('/v1/agents/:id/dtmf', { schema: { ...action, summary: 'Send DTMF tones on the call', body: DtmfBody, response: { 200: CallRef, ...errors } } }, async (request) => {
    const r = await agentbox.dtmf(accessOf(request), request.params.id, request.body.tones);
    return { conn_id: r.connId };
  });
  app.post('/v1/agents/:id/display', { schema: { ...action, summary: 'Show or hide a console button', body: DisplayBody, response: { 200: Done, ...errors } } }, async (request) => {
    await agentbox.display(accessOf(request), request.params.id, request.body.button, request.body.show);
    return { agent: await agentAfter(request, request.params.id) };
  });
  app.post('/v1/agents/:id/recall', { schema: { ...action, summary: 'Schedule a callback owned by the agent', body: RecallBody, response: { 201: Type.Object({ callback_id: Type.String() }), ...errors } } }, async (request, reply) => {
    const at = instantOf(request.body.at, 'at');
    const r = await agentbox.recall(accessOf(request), { agentId: request.params.id, phone: request.body.phone, dueAt: at, type: request.body.type });
    return reply.code(201).send({ callback_id: r.callbackId });
  });
}

