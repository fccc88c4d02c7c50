// /v1/webhooks: subscriptions (the secret is shown once, at creation, and not kept for an
// idempotent replay) and their delivery log.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { fail } from '../../../domain/errors.ts';
import type { Engine } from '../../../engine/api.ts';
import type { Webhook } from '../../../engine/api.ts';
import { accessOf, callerOf, pageList } from './context.ts';
import { ErrorBody, NewWebhook, Page, PageQuery, WebhookDelivery, WebhookTypes, Webhook as WebhookSchema } from './schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const Params = Type.Object({ id: Type.String({ maxLength: 20 }) });

const wire = (w: Webhook) => ({ id: w.id, url: w.url, types: w.types, created_at: new Date(w.createdAt).toISOString() });

export function registerWebhookRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/v1/webhooks', {
    config: { secretInAnswer: 'webhook' },
    schema: {
      tags: ['webhooks'], summary: 'Subscribe a URL to events (signed with HMAC-SHA256)',
      body: Type.Object({ url: Type.String({ minLength: 1, maxLength: 2000 }), types: Type.Optional(WebhookTypes) }, { additionalProperties: false }),
      response: { 201: NewWebhook, ...errors },
    },
  }, async (request, reply) => {
    const hook = await engine.webhooks.create(accessOf(request), request.body.url, request.body.types ?? []);
    return reply.code(201).send({ ...wire(hook), secret: hook.secret });
  });

  app.get('/v1/webhooks', { schema: { tags: ['webhooks'], summary: 'List subscriptions', querystring: PageQuery, response: { 200: Page(WebhookSchema), ...errors } } }, async (request) => {
    return pageList(await engine.webhooks.list(callerOf(request)), (h) => h.id, wire, request.query);
  });

  app.delete('/v1/webhooks/:id', { schema: { tags: ['webhooks'], summary: 'Unsubscribe', params: Params, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    await engine.webhooks.remove(accessOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  app.get('/v1/webhooks/:id/deliveries', {
    schema: { tags: ['webhooks'], summary: 'The delivery log, newest first', params: Params, querystring: PageQuery, response: { 200: Page(WebhookDelivery), ...errors } },
  }, async (request) => {
    if (request.query.cursor !== undefined && !/^\d{1,18}$/.test(request.query.cursor)) throw fail.badValue('cursor must be a next_cursor of this list');
    const page = await engine.webhooks.deliveries(callerOf(request), request.params.id, request.query.cursor, request.query.limit ?? 100);
    if (!page) throw fail.webhookNotFound(request.params.id);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      data: page.items.map((d) => ({
        id: d.id, event_seq: d.eventSeq, event_type: d.eventType, status: d.status, attempts: d.attempts,
        next_attempt_at: new Date(d.nextAttemptAt).toISOString(), last_status: d.lastStatus, last_error: d.lastError,
        created_at: new Date(d.createdAt).toISOString(), delivered_at: iso(d.deliveredAt),
      })),
      next_cursor: page.nextCursor,
    };
  });
}
