// /v1/agents: list, get, and the agent actions — the same use cases as agentbox.php.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { fail } from '../../../domain/errors.ts';
import type { RequestContext } from '../../../engine/deps.ts';
import type { Engine } from '../../../engine/engine.ts';
import { putAgent, removeAgent } from '../../../engine/native/agents.ts';
import type { Tx } from '../../../engine/ports/store.ts';
import { contextOf, instantOf, runFor, wireAgent } from './context.ts';
import {
  Agent, AgentId, CallRef, DialBody, DispositionBody, DisplayBody, DtmfBody, ErrorBody, Page, PageQuery, RecallBody, StatusBody, TransferBody,
} from './schemas.ts';

const Params = Type.Object({ id: AgentId });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Done = Type.Object({ agent: Agent });
const DoneWithCall = Type.Object({ agent: Agent, conn_id: Type.String() });

export function registerAgentRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { agentbox } = engine;
  const inTx = <T>(request: FastifyRequest, work: (tx: Tx, ctx: RequestContext) => Promise<T>) => runFor(request, engine, work);
  const agentAfter = async (operationId: string, id: string) => {
    const agent = await engine.deps.reads.agent(operationId, id);
    if (!agent) throw fail.agentNotFound(id);
    return wireAgent(agent);
  };

  app.get('/v1/agents', {
    schema: { tags: ['agents'], summary: 'List agents', querystring: Type.Object({ ...PageQuery.properties, state: Type.Optional(Agent.properties.state) }), response: { 200: Page(Agent), ...errors } },
  }, async (request) => {
    const ctx = contextOf(request, engine);
    const page = await engine.deps.reads.agents({ operationId: ctx.operationId, state: request.query.state, cursor: request.query.cursor, limit: request.query.limit ?? 100 });
    return { data: page.items.map(wireAgent), next_cursor: page.nextCursor };
  });

  app.get('/v1/agents/:id', { schema: { tags: ['agents'], summary: 'Get an agent', params: Params, response: { 200: Agent, ...errors } } }, async (request) => {
    return agentAfter(contextOf(request, engine).operationId, request.params.id);
  });

  app.put('/v1/agents/:id', {
    schema: {
      tags: ['agents'], summary: 'Create an agent (logged out) with this extension, or rename it',
      params: Params, body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 200: Agent, 201: Agent, ...errors },
    },
  }, async (request, reply) => {
    const created = await inTx(request, (tx, ctx) => putAgent(tx, ctx, request.params.id, request.body.name));
    return reply.code(created ? 201 : 200).send(await agentAfter(contextOf(request, engine).operationId, request.params.id));
  });
  app.delete('/v1/agents/:id', {
    schema: { tags: ['agents'], summary: 'Delete a logged-out agent; its open callbacks are cancelled, its calls stay in the history', params: Params, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await inTx(request, (tx, ctx) => removeAgent(tx, ctx, request.params.id));
    return reply.code(204).send(null);
  });

  const action = { tags: ['agents'], params: Params };
  app.post('/v1/agents/:id/status', { schema: { ...action, summary: 'Change state: ready, logout or an auxiliary state (deferred while on a call)', body: StatusBody, response: { 200: Type.Object({ ...Done.properties, deferred: Type.Boolean() }), ...errors } } }, async (request) => {
    const { status } = request.body;
    const r = await inTx(request, (tx, ctx) => agentbox.changeStatus(tx, ctx, request.params.id, typeof status === 'number' ? { state: 'aux', auxId: status } : { state: status }));
    return { agent: await agentAfter(contextOf(request, engine).operationId, request.params.id), deferred: r.deferred };
  });
  app.post('/v1/agents/:id/dial', { schema: { ...action, summary: 'Place a call for the agent', body: DialBody, response: { 200: DoneWithCall, ...errors } } }, async (request) => {
    const r = await inTx(request, (tx, ctx) => agentbox.dial(tx, ctx, { agentId: request.params.id, phone: request.body.phone, customerId: request.body.customer_id, customerName: request.body.customer_name }));
    return { agent: await agentAfter(contextOf(request, engine).operationId, request.params.id), conn_id: r.connId };
  });
  app.post('/v1/agents/:id/hold', { schema: { ...action, summary: 'Toggle hold on the agent\'s call', response: { 200: Done, ...errors } } }, async (request) => {
    await inTx(request, (tx, ctx) => agentbox.hold(tx, ctx, request.params.id));
    return { agent: await agentAfter(contextOf(request, engine).operationId, request.params.id) };
  });
  app.post('/v1/agents/:id/mute', { schema: { ...action, summary: 'Toggle the agent\'s microphone', response: { 200: Done, ...errors } } }, async (request) => {
    await inTx(request, (tx, ctx) => agentbox.mute(tx, ctx, request.params.id));
    return { agent: await agentAfter(contextOf(request, engine).operationId, request.params.id) };
  });
  app.post('/v1/agents/:id/hang', { schema: { ...action, summary: 'End the agent\'s call', response: { 200: DoneWithCall, ...errors } } }, async (request) => {
    const r = await inTx(request, (tx, ctx) => agentbox.hang(tx, ctx, request.params.id));
    return { agent: await agentAfter(contextOf(request, engine).operationId, request.params.id), conn_id: r.connId };
  });
  app.post('/v1/agents/:id/disposition', { schema: { ...action, summary: 'Disposition of the current or last call', body: DispositionBody, response: { 200: DoneWithCall, ...errors } } }, async (request) => {
    const b = request.body;
    const r = await inTx(request, (tx, ctx) => agentbox.type(tx, ctx, request.params.id, { codAct: b.cod_act, codAct2: b.cod_act_2, comments: b.comments }));
    return { agent: await agentAfter(contextOf(request, engine).operationId, request.params.id), conn_id: r.connId };
  });
  app.post('/v1/agents/:id/transfer', { schema: { ...action, summary: 'Blind transfer to a number or another agent', body: TransferBody, response: { 200: DoneWithCall, ...errors } } }, async (request) => {
    const r = await inTx(request, (tx, ctx) => agentbox.transfer(tx, ctx, request.params.id, request.body.to));
    return { agent: await agentAfter(contextOf(request, engine).operationId, request.params.id), conn_id: r.connId };
  });
  app.post('/v1/agents/:id/dtmf', { schema: { ...action, summary: 'Send DTMF tones on the call', body: DtmfBody, response: { 200: CallRef, ...errors } } }, async (request) => {
    const r = await inTx(request, (tx, ctx) => agentbox.dtmf(tx, ctx, request.params.id, request.body.tones));
    return { conn_id: r.connId };
  });
  app.post('/v1/agents/:id/display', { schema: { ...action, summary: 'Show or hide a console button', body: DisplayBody, response: { 200: Done, ...errors } } }, async (request) => {
    await inTx(request, (tx, ctx) => agentbox.agentDisplay(tx, ctx, request.params.id, request.body.button, request.body.show));
    return { agent: await agentAfter(contextOf(request, engine).operationId, request.params.id) };
  });
  app.post('/v1/agents/:id/recall', { schema: { ...action, summary: 'Schedule a callback owned by the agent', body: RecallBody, response: { 201: Type.Object({ callback_id: Type.String() }), ...errors } } }, async (request, reply) => {
    const at = instantOf(request.body.at, 'at');
    const r = await inTx(request, (tx, ctx) => agentbox.recall(tx, ctx, { agentId: request.params.id, phone: request.body.phone, dueAt: at, type: request.body.type }));
    return reply.code(201).send({ callback_id: r.callbackId });
  });
}

