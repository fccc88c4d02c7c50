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
  /** Largest request body, bytes (add_record takes up to 10,000 records). */
  bodyLimit?: number;
}

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
    logger: options.logLevel === 'silent' ? false : { level: options.logLevel },
    bodyLimit: options.bodyLimit ?? 32 * 1024 * 1024,
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
