// The wolkvox face: /api/v2/<file>.php?api=<name>. Every file of files.ts is registered the same
// way: routing by (file, api, method), then token, parameters, body, one use case; every answer is
// the envelope.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail } from '../../../domain/errors.ts';
import type { Engine } from '../../../engine/api.ts';
import { send, success } from './envelope.ts';
import type { WolkvoxFile } from './file-api.ts';
import { wolkvoxFiles } from './files.ts';
import { wolkvoxOpenApi } from './openapi.ts';
import { namedOperation, tokenOf } from './operation.ts';
import { parseParams } from './params.ts';

const anyMethod = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

/** A body larger than this is read only once its token is known to be live. */
const unauthenticatedBodyLimit = 1024 * 1024;

function apiName(request: FastifyRequest): string {
  const api = (request.query as Record<string, unknown>).api;
  if (typeof api !== 'string' || api === '') throw fail.apiNotFound();
  return api;
}

function registerFile(app: FastifyInstance, engine: Engine, file: WolkvoxFile): void {
  app.route({
    method: [...anyMethod],
    url: `/api/v2/${file.name}.php`,
    bodyLimit: file.bodyLimit,
    // Nobody without a live token makes Pacer read megabytes: a large body waits for the token check.
    ...(file.bodyLimit > unauthenticatedBodyLimit ? {
      preParsing: async (request: FastifyRequest) => {
        const chunked = request.headers['transfer-encoding'] !== undefined;
        if (!chunked && Number(request.headers['content-length'] ?? 0) <= unauthenticatedBodyLimit) return;
        await engine.authenticate(tokenOf(request), request.ip);
      },
    } : {}),
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const name = apiName(request);
      const def = Object.hasOwn(file.apis, name) ? file.apis[name] : undefined;
      if (!def) throw fail.apiNotFound();
      if (request.method !== def.method) throw fail.methodNotAllowed(name, def.method);
      const token = tokenOf(request);
      if (!token) throw fail.tokenMissing();
      const operationId = namedOperation(request);
      const query = parseParams(def.query, request.query as Record<string, unknown>);
      const body = def.body?.(request.body);
      const result = await def.run(engine, { kind: 'token', token, operationId, address: request.ip }, query, body);
      const answer = result.as ?? def.success;
      if (result.bare !== undefined) return reply.code(answer.status).type('application/json; charset=utf-8').send(result.bare);
      return send(reply, success(answer.code, answer.status, result.msg, result.data));
    },
  });
}

export function registerWolkvoxRoutes(app: FastifyInstance, engine: Engine): void {
  // The face's OpenAPI document (not part of wolkvox: outside /api/v2, no token).
  const document = wolkvoxOpenApi();
  app.get('/openapi-wolkvox.json', { schema: { hide: true } }, () => document);
  for (const file of wolkvoxFiles) registerFile(app, engine, file);
}
