// Idempotency-Key on the native API's creates (POST): the first answer for a key is stored and
// replayed to retries with the same body; the same key with another body is refused; a retry
// while the first is still running is told to wait.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { fail } from '../../../domain/errors.ts';
import type { Engine } from '../../../engine/api.ts';
import { callerOf, nativeRouteOf } from './context.ts';
import { ErrorBody } from './schemas.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

/** What a replay of a secret-bearing answer gets instead of the secret: its id, and what to do. */
function withoutSecret(key: string, kind: 'token' | 'webhook', payload: string): { statusCode: number; body: string } {
  const id = (JSON.parse(payload) as { id?: unknown }).id;
  const error = fail.idempotentSecretGone(key, kind, String(id));
  return { statusCode: error.status, body: JSON.stringify({ error: { code: error.code, status: error.status, message: error.message } }) };
}

export function registerIdempotency(app: FastifyInstance, engine: Engine): void {
  app.decorateRequest('idempotencyKey', null);

  // Every POST of an operation takes a key, so each may answer its refusals: declared here, where
  // they arise, for the routes registered after this (all of them), in the OpenAPI document too.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!route.url.startsWith('/v1/') || route.config?.admin || !methods.includes('POST')) return;
    const response = route.schema?.response as Record<number, unknown> | undefined;
    if (!response) return;
    response[409] ??= ErrorBody;
    response[422] ??= ErrorBody;
  });

  app.addHook('preHandler', async (request, reply) => {
    // Admin routes have no operation to keep keys under; an operation's create is keyed by its own id.
    if (request.method !== 'POST' || nativeRouteOf(request) !== 'operation') return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    if (typeof header !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(header)) {
      throw fail.badValue('Idempotency-Key must be 1 to 200 visible ASCII characters');
    }
    const hash = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    const claim = await engine.idempotency.claim(callerOf(request), header, hash);
    if (claim.kind === 'replay') {
      return reply.code(claim.statusCode).header('idempotent-replayed', 'true').type('application/json; charset=utf-8').send(claim.response);
    }
    if (claim.kind === 'mismatch') throw fail.idempotencyKeyReused(header);
    if (claim.kind === 'in-progress') throw fail.idempotencyKeyInUse(header);
    request.idempotencyKey = header;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    const caller = request.caller;
    if (!key || !caller) return payload;
    // Server errors are not stored: the client may retry them with the same key.
    if (reply.statusCode >= 500) await engine.idempotency.release(caller, key);
    else {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      // A secret is shown once (tokens are kept only as hashes, a webhook's key only where it
      // signs): an answer that carries one is stored without it.
      const secret = request.routeOptions.config.secretInAnswer;
      const kept = secret && reply.statusCode < 300 ? withoutSecret(key, secret, body) : { statusCode: reply.statusCode, body };
      await engine.idempotency.complete(caller, key, kept.statusCode, kept.body);
    }
    return payload;
  });
}
