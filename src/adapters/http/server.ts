// Builds the HTTP app (listening is the caller's business): the input guard, the wolkvox routes,
// the native API, health, the web console's files, and one error mapper that answers every refusal, the framework's own
// included, in the shape of its face and never leaks internals.
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { PacerError, fail } from '../../domain/errors.ts';
import type { Engine } from '../../engine/api.ts';
import { sharedCompilers } from './compilers.ts';
import { registerConsole } from './console.ts';
import { registerInputGuard } from './input-guard.ts';
import { failure, send, type Family } from './wolkvox/envelope.ts';
import { registerWolkvoxRoutes } from './wolkvox/routes.ts';
import { sendNativeError } from './native/errors.ts';
import { registerNativeApi } from './native/plugin.ts';

export interface ServerOptions {
  logLevel: string;
  /** Seconds a client has to send a whole request; then its connection is closed. */
  requestTimeoutS: number;
  /** Where log lines go (one JSON object a line); default standard output. */
  logStream?: { write(line: string): void };
  /** The web console's built files (packages/console/dist), served at / and under /console/. */
  consoleDir?: string;
  /** Proxies whose X-Forwarded-For gives request.ip (the audit log's and the allow-list's address); empty: none. */
  trustProxy: string[];
}

/**
 * Largest request body of a route that sets none, bytes. The record loads (campaign.php and
 * /v1/campaigns/{id}/records) take up to 10,000 records and set their own.
 */
export const defaultBodyLimit = 1024 * 1024;
/** A connection with nothing sent either way for this long is closed (event streams write every 15 s). */
const idleConnectionMs = 120_000;

function familyOf(url: string): Family | undefined {
  if (url.startsWith('/api/v2/agentbox.php')) return 'agentbox';
  if (url.startsWith('/api/v2/')) return 'campaign';
  return undefined;
}

/** Bodies: JSON when it parses, the raw text otherwise (agentbox ignores bodies; campaign checks). */
function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json/, { parseAs: 'string' }, (_request, body, done) => {
    const textBody = typeof body === 'string' ? body : body.toString('utf8');
    if (textBody.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(textBody));
    } catch {
      done(fail.badValue('The request body is not valid JSON'), undefined);
    }
  });
}

/** A refusal from the framework itself (routing, body reading, schema validation) in the catalogue's terms. */
function frameworkRefusal(error: FastifyError): PacerError {
  if (error.statusCode === 413) return fail.payloadTooLarge('The request body is too large');
  switch (error.code) {
    // The router cannot decode the path (a percent-escape that is not UTF-8) or a parameter is too long.
    case 'FST_ERR_BAD_URL': return fail.badValue('The path is not a valid URL: a percent-escape in it is not UTF-8');
    case 'FST_ERR_MAX_PARAM_LENGTH': return fail.badValue(`A path parameter is longer than ${maxParamLength} characters`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return fail.badValue('headers.content-type is not a media type (type/subtype)');
    default: return fail.badValue(error.message);
  }
}

/**
 * The message of a schema refusal, as Fastify writes it (`body/max_calls must be <= 10000`), but
 * naming the field an unknown one is (`body must NOT have additional properties: transport`).
 */
function schemaRefusalMessage(errors: { instancePath?: string; message?: string; keyword?: string; params?: Record<string, unknown> }[], dataVar: string): Error {
  return new Error(errors.map((e) => {
    const extra = e.keyword === 'additionalProperties' && typeof e.params?.additionalProperty === 'string' ? `: ${e.params.additionalProperty.slice(0, 64)}` : '';
    return `${dataVar}${e.instancePath ?? ''} ${e.message ?? 'is not valid'}${extra}`;
  }).join(', '));
}

/** Longest path parameter the router takes (ids are at most 64 characters). */
const maxParamLength = 100;

/**
 * The one error mapper: every refusal, whoever raises it, answered in the shape of the face the
 * path belongs to. `path` is the matched route where there is one (the router decodes the path;
 * the raw URL may not show it), else the raw URL.
 */
function answerError(error: FastifyError | PacerError, path: string, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let refusal: PacerError;
  if (error instanceof PacerError) {
    refusal = error;
  } else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    refusal = frameworkRefusal(error);
  } else {
    request.log.error({ err: error }, 'unexpected error');
    refusal = fail.internal();
  }
  if (refusal.retryAfterS !== undefined) reply.header('retry-after', String(refusal.retryAfterS));
  if (path.startsWith('/v1/')) return sendNativeError(reply, refusal);
  return send(reply, failure(familyOf(path), refusal));
}

export async function buildServer(options: ServerOptions, engine: Engine): Promise<FastifyInstance> {
  const app = Fastify({
    // Node checks the request timeouts every `connectionsCheckingInterval` (30 s by default, so a
    // 30 s timeout could hold a connection for a minute): once a second keeps them close to their value.
    http: {
      headersTimeout: Math.min(options.requestTimeoutS * 1000, Math.max(1000, Math.round(options.requestTimeoutS * 1000 / 3))),
      connectionsCheckingInterval: 1000,
    },
    logger: options.logLevel === 'silent' ? false : { level: options.logLevel, ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: defaultBodyLimit,
    // A client that opens a request and then trickles it (or never finishes it) holds a connection
    // and its buffers: the whole request must arrive within the timeout, headers within a third.
    requestTimeout: options.requestTimeoutS * 1000,
    connectionTimeout: idleConnectionMs,
    // Never every sender of X-Forwarded-For: a client could name any address and pass the allow-list.
    trustProxy: options.trustProxy.length === 0 ? false : options.trustProxy,
    routerOptions: { maxParamLength },
    // Two log lines per request cost more than the request's own work at thousands per second;
    // unexpected errors are still logged in full by the error handler below.
    logController: new LogController({ disableRequestLogging: true }),
    // A schema that forbids unknown fields refuses them (a misspelt field is a 400, not ignored).
    ajv: { customOptions: { removeAdditional: false } },
    schemaController: sharedCompilers,
    schemaErrorFormatter: schemaRefusalMessage,
    // Refusals of the router, before any route is matched: the raw URL decides the face.
    frameworkErrors: (error, request, reply) => {
      answerError(error, request.url, request, reply);
    },
  });
  registerBodyParsers(app);
  registerInputGuard(app);

  app.setErrorHandler((error: FastifyError | PacerError, request, reply) => answerError(error, request.routeOptions.url ?? request.url, request, reply));

  app.setNotFoundHandler((request, reply) => {
    const notFound = new PacerError('API_NOT_FOUND', 404, `No such endpoint: ${request.method} ${request.url.split('?')[0] ?? ''}`);
    if (request.url.startsWith('/v1/')) return sendNativeError(reply, notFound);
    // The envelope of the file's family: agentbox.php answers its code as a string here too.
    return send(reply, failure(familyOf(request.url), notFound));
  });

  app.get('/health', () => ({ status: 'ok' }));
  if (options.consoleDir !== undefined) registerConsole(app, options.consoleDir);
  registerWolkvoxRoutes(app, engine);
  await registerNativeApi(app, engine);
  return app;
}
