// Builds the HTTP app (listening is the caller's business): the wolkvox routes, health, and one
// error mapper that turns every refusal into the envelope and never leaks internals.
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import { PacerError, fail, reasonOfStatus } from '../../domain/errors.ts';
import type { Engine } from '../../engine/api.ts';
import { failure, send, type Family } from './wolkvox/envelope.ts';
import { registerWolkvoxRoutes } from './wolkvox/routes.ts';
import { sendNativeError } from './native/errors.ts';
import { registerNativeApi } from './native/plugin.ts';

export interface ServerOptions {
  logLevel: string;
  /** Seconds a client has to send a whole request; then its connection is closed. */
  requestTimeoutS: number;
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

export async function buildServer(options: ServerOptions, engine: Engine): Promise<FastifyInstance> {
  const app = Fastify({
    // Node checks the request timeouts every `connectionsCheckingInterval` (30 s by default, so a
    // 30 s timeout could hold a connection for a minute): once a second keeps them close to their value.
    http: {
      headersTimeout: Math.min(options.requestTimeoutS * 1000, Math.max(1000, Math.round(options.requestTimeoutS * 1000 / 3))),
      connectionsCheckingInterval: 1000,
    },
    logger: options.logLevel === 'silent' ? false : { level: options.logLevel },
    bodyLimit: defaultBodyLimit,
    // A client that opens a request and then trickles it (or never finishes it) holds a connection
    // and its buffers: the whole request must arrive within the timeout, headers within a third.
    requestTimeout: options.requestTimeoutS * 1000,
    connectionTimeout: idleConnectionMs,
    trustProxy: false,
    // Two log lines per request cost more than the request's own work at thousands per second;
    // unexpected errors are still logged in full by the error handler below.
    logController: new LogController({ disableRequestLogging: true }),
    // A schema that forbids unknown fields refuses them (a misspelt field is a 400, not ignored).
    ajv: { customOptions: { removeAdditional: false } },
  });
  registerBodyParsers(app);

  app.setErrorHandler((error: FastifyError | PacerError, request, reply) => {
    let refusal: PacerError;
    if (error instanceof PacerError) {
      refusal = error;
    } else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      refusal = new PacerError('BAD_VALUE', error.statusCode, error.statusCode === 413 ? 'The request body is too large' : error.message);
    } else {
      request.log.error({ err: error }, 'unexpected error');
      refusal = fail.internal();
    }
    if (refusal.retryAfterS !== undefined) reply.header('retry-after', String(refusal.retryAfterS));
    // The matched route decides the face (the router decodes the path; the raw URL may not show it).
    const path = request.routeOptions.url ?? request.url;
    if (path.startsWith('/v1/')) return sendNativeError(reply, refusal);
    return send(reply, failure(familyOf(path), refusal));
  });

  app.setNotFoundHandler((request, reply) => {
    const notFound = new PacerError('API_NOT_FOUND', 404, `No such endpoint: ${request.method} ${request.url.split('?')[0] ?? ''}`);
    if (request.url.startsWith('/v1/')) return sendNativeError(reply, notFound);
    return send(reply, { code: 404, error: reasonOfStatus[404] ?? 'NOT FOUND', msg: notFound.message });
  });

  app.get('/health', () => ({ status: 'ok' }));
  registerWolkvoxRoutes(app, engine);
  await registerNativeApi(app, engine);
  return app;
}
