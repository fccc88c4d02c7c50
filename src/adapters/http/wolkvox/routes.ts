// The wolkvox face: /api/v2/<file>.php?api=<name>. Routing by (file, api, method), then token,
// parameters, the gate and one use case; every answer is the envelope.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail } from '../../../domain/errors.ts';
import type { Engine } from '../../../engine/api.ts';
import { agentboxApis } from './agentbox.ts';
import { campaignApis, type CampaignApi } from './campaign.ts';
import { customerApis } from './customer.ts';
import { send, success } from './envelope.ts';
import { wolkvoxOpenApi } from './openapi.ts';
import { namedOperation, tokenOf } from './operation.ts';
import { parseParams } from './params.ts';
import { realTimeApis } from './real-time.ts';
import { reportsApis } from './reports.ts';

const anyMethod = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

/** agentbox reads its parameters from the query string: a body is ignored, and a large one refused. */
const agentboxBodyLimit = 64 * 1024;
/** campaign.php add_record takes up to 10,000 records. */
const campaignBodyLimit = 32 * 1024 * 1024;
/** A campaign.php body larger than this is read only once its token is known to be live. */
const unauthenticatedBodyLimit = 1024 * 1024;

function apiName(request: FastifyRequest): string {
  const api = (request.query as Record<string, unknown>).api;
  if (typeof api !== 'string' || api === '') throw fail.apiNotFound();
  return api;
}

export function registerWolkvoxRoutes(app: FastifyInstance, engine: Engine): void {
  // The face's OpenAPI document (not part of wolkvox: outside /api/v2, no token).
  const document = wolkvoxOpenApi();
  app.get('/openapi-wolkvox.json', { schema: { hide: true } }, () => document);

  app.route({
    method: [...anyMethod],
    url: '/api/v2/agentbox.php',
    bodyLimit: agentboxBodyLimit,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const name = apiName(request);
      const def = Object.hasOwn(agentboxApis, name) ? agentboxApis[name] : undefined;
      if (!def) throw fail.apiNotFound();
      const method = def.method ?? 'POST';
      if (request.method !== method) throw fail.methodNotAllowed(name, method);
      const token = tokenOf(request);
      if (!token) throw fail.tokenMissing();
      const operationId = namedOperation(request);
      const params = parseParams(def.params, request.query as Record<string, unknown>);
      const result = await def.run(engine, { kind: 'token', token, operationId }, params);
      return send(reply, success('string', 200, result.msg, result.data));
    },
  });

  app.route({
    method: [...anyMethod],
    url: '/api/v2/campaign.php',
    bodyLimit: campaignBodyLimit,
    // Nobody without a live token makes Pacer read megabytes: a large body waits for the token check.
    preParsing: async (request) => {
      const chunked = request.headers['transfer-encoding'] !== undefined;
      if (!chunked && Number(request.headers['content-length'] ?? 0) <= unauthenticatedBodyLimit) return;
      await engine.authenticate(tokenOf(request));
    },
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const name = apiName(request);
      const def = Object.hasOwn(campaignApis, name) ? campaignApis[name] : undefined;
      if (!def) throw fail.apiNotFound();
      if (request.method !== def.method) throw fail.methodNotAllowed(name, def.method);
      const token = tokenOf(request);
      if (!token) throw fail.tokenMissing();
      const operationId = namedOperation(request);
      const query = parseParams(def.query, request.query as Record<string, unknown>);
      const body = def.body?.(request.body);
      const result = await def.run(engine, { kind: 'token', token, operationId }, query, body);
      const answer = result.as ?? def.success;
      if (result.bare !== undefined) return reply.code(answer.status).type('application/json; charset=utf-8').send(result.bare);
      return send(reply, success(answer.code, answer.status, result.msg, result.data));
    },
  });

  // The read files (GET, no body): the floor now and the reports. Each counts against the daily quota.
  readFile(app, engine, '/api/v2/real_time.php', realTimeApis);
  readFile(app, engine, '/api/v2/reports_manager.php', reportsApis);
  readFile(app, engine, '/api/v2/customer.php', customerApis);
}

function readFile(app: FastifyInstance, engine: Engine, url: string, apis: Record<string, CampaignApi>): void {
  app.route({
    method: [...anyMethod],
    url,
    bodyLimit: agentboxBodyLimit,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const name = apiName(request);
      const def = Object.hasOwn(apis, name) ? apis[name] : undefined;
      if (!def) throw fail.apiNotFound();
      if (request.method !== def.method) throw fail.methodNotAllowed(name, def.method);
      const token = tokenOf(request);
      if (!token) throw fail.tokenMissing();
      const operationId = namedOperation(request);
      const query = parseParams(def.query, request.query as Record<string, unknown>);
      const result = await def.run(engine, { kind: 'token', token, operationId }, query, undefined);
      return send(reply, success(def.success.code, def.success.status, result.msg, result.data));
    },
  });
}
