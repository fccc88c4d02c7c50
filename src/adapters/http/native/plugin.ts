// The native API: /v1 routes with schemas, bearer authentication, the OpenAPI 3.1 document at
// /openapi.json (generated from the route schemas) and an interactive reference at /docs.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Caller, Engine } from '../../../engine/api.ts';
import { registerAgentRoutes } from './agents.ts';
import { registerPreviewRoutes } from './preview.ts';
import { registerCallbackRoutes } from './callbacks.ts';
import { registerCallRoutes } from './calls.ts';
import { registerCampaignRoutes } from './campaigns.ts';
import { registerReportRoutes } from './reports.ts';
import { registerConfigurationRoutes } from './configuration.ts';
import { nativeRouteOf } from './context.ts';
import { operationIds } from './operation-ids.ts';
import { bearerToken } from './errors.ts';
import { registerOperationRoutes } from './operations.ts';
import { registerEventRoutes } from './events.ts';
import { registerIdempotency } from './idempotency.ts';
import { ErrorBody } from './schemas.ts';
import { registerSkillRoutes } from './skills.ts';
import { registerTokenRoutes } from './tokens.ts';
import { registerWebhookRoutes } from './webhooks.ts';
import { registerTrunkRoutes } from './trunks.ts';
import { registerAgentPhoneRoutes } from './agent-phones.ts';
import { registerUserRoutes, sessionCookieOf } from './users.ts';
import { registerAuditRoutes } from './audit.ts';

/** The methods whose body Fastify reads (and measures against the body limit). */
const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function registerNativeApi(app: FastifyInstance, engine: Engine): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pacer native API', version: '1', license: { name: 'MIT', identifier: 'MIT' },
        description: 'Resource-oriented JSON API of Pacer. The wolkvox-compatible face lives at /api/v2/*.php, described at /openapi-wolkvox.json.',
      },
      servers: [{ url: '/', description: 'This Pacer' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a token of the operation' }, admin: { type: 'http', scheme: 'bearer', description: 'PACER_ADMIN_TOKEN (the /v1/operations admin API)' } } },
      security: [{ bearer: [] }],
    },
    hideUntagged: true,
    // Shared schemas keep their names (Agent, Call, Error…): the models code generators write.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  // The reference at /docs shows both faces: a menu picks the native or the wolkvox-compatible one.
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { urls: [{ url: '/openapi.json', name: 'Pacer native API' }, { url: '/openapi-wolkvox.json', name: 'wolkvox-compatible API' }] },
    transformSpecification: (doc) => withErrorModel(doc as OpenApiDocument),
  });
  app.addSchema(ErrorBody);
  app.get('/openapi.json', { schema: { hide: true } }, () => withErrorModel(app.swagger() as OpenApiDocument));

  // Every route that reads a body may find it over the server's limit: declared where the limit
  // applies, for every route registered below, so the OpenAPI document says it too. And each
  // route's stable operationId (operation-ids.ts).
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const response = route.schema?.response as Record<number, unknown> | undefined;
    if (route.url.startsWith('/v1/') && response && methods.some((m) => bodyMethods.has(m))) response[413] ??= ErrorBody;
    const operationId = methods.length === 1 ? operationIds[`${methods[0] ?? ''} ${route.url}`] : undefined;
    if (route.schema && operationId !== undefined) route.schema.operationId ??= operationId;
  });

  app.decorateRequest('caller', null);
  app.decorateRequest('admin', null);
  app.addHook('onRequest', async (request) => {
    const route = nativeRouteOf(request);
    if (route === 'admin') request.admin = engine.admin.authenticate(bearerToken(request.headers.authorization));
    else if (route === 'operation') request.caller = await callerOfRequest(request, engine);
  });

  registerIdempotency(app, engine);
  registerTokenRoutes(app, engine);
  registerAgentRoutes(app, engine);
  registerPreviewRoutes(app, engine);
  registerCallRoutes(app, engine);
  registerCallbackRoutes(app, engine);
  registerEventRoutes(app, engine);
  registerWebhookRoutes(app, engine);
  registerConfigurationRoutes(app, engine);
  registerCampaignRoutes(app, engine);
  registerReportRoutes(app, engine);
  registerOperationRoutes(app, engine);
  registerSkillRoutes(app, engine);
  registerTrunkRoutes(app, engine);
  registerAgentPhoneRoutes(app, engine);
  registerUserRoutes(app, engine);
  registerAuditRoutes(app, engine);
}

/**
 * A bearer token when the request has one; else the console's session cookie, whose changes must
 * carry the session's CSRF token (X-CSRF-Token); else the refusal of a missing token.
 */
async function callerOfRequest(request: FastifyRequest, engine: Engine): Promise<Caller> {
  const authorization = request.headers.authorization;
  const session = authorization === undefined ? sessionCookieOf(request) : undefined;
  if (session === undefined) return engine.authenticate(bearerToken(authorization), request.ip);
  const csrf = request.headers['x-csrf-token'];
  return engine.sessions.authenticate(session, typeof csrf === 'string' ? csrf : undefined, !['GET', 'HEAD', 'OPTIONS'].includes(request.method), request.ip);
}

type OpenApiDocument = { paths?: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>; components?: { schemas?: Record<string, unknown> } };

/**
 * The document with every error answer naming the one Error schema: the swagger plugin writes a
 * copy of it into each answer, so code generators would make one error model per route.
 */
function withErrorModel(doc: OpenApiDocument): OpenApiDocument {
  const error = doc.components?.schemas?.Error;
  if (error === undefined) return doc;
  const text = JSON.stringify(error);
  const copy = structuredClone(doc);
  for (const item of Object.values(copy.paths ?? {})) {
    for (const op of Object.values(item)) {
      for (const answer of Object.values(op.responses ?? {})) {
        const json = answer.content?.['application/json'];
        if (json && JSON.stringify(json.schema) === text) json.schema = { $ref: '#/components/schemas/Error' };
      }
    }
  }
  return copy;
}
