// /v1/audit-log and /v1/allowed-addresses: who changed the operation's configuration, from where,
// and which addresses its tokens may be used from (admin only, as information.php?api=audit_log,
// configuration.php?api=add_ip and their kin on the wolkvox face).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AllowedAddress as AllowedAddressView, Engine } from '../../../engine/api.ts';
import { accessOf, optionalInstant } from './context.ts';
import { AllowedAddress, AuditEntry, AuditQuery, ErrorBody, NewAllowedAddressBody } from './schemas.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const wireAddress = (a: AllowedAddressView) => ({
  address: a.address, description: a.description, permanent: a.expiresAt === null,
  created_at: new Date(a.createdAt).toISOString(), expires_at: iso(a.expiresAt), last_used_at: iso(a.lastUsedAt),
});

export function registerAuditRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/v1/audit-log', {
    schema: {
      tags: ['audit'], summary: 'Administrative changes between two times (at most 31 days), newest first: who, from where, what',
      querystring: AuditQuery, response: { 200: Type.Object({ data: Type.Array(AuditEntry) }), ...errors },
    },
  }, async (request) => {
    const from = optionalInstant(request.query.from, 'from');
    const to = optionalInstant(request.query.to, 'to');
    const { items } = await engine.information.auditLog(accessOf(request), from, to, { from: 'from', to: 'to' });
    return { data: items.map((e) => ({ at: new Date(e.at).toISOString(), who: e.who, address: e.address, via: e.via, action: e.action, target: e.target })) };
  });

  app.get('/v1/allowed-addresses', {
    schema: { tags: ['audit'], summary: 'The addresses the operation\'s tokens may be used from (none: any address)', response: { 200: Type.Object({ data: Type.Array(AllowedAddress) }), ...errors } },
  }, async (request) => ({ data: (await engine.allowList.list(accessOf(request))).items.map(wireAddress) }));

  app.post('/v1/allowed-addresses', {
    schema: {
      tags: ['audit'], summary: 'Allow an address: once there is one, the operation\'s tokens are refused from any other (on both faces)',
      body: NewAllowedAddressBody, response: { 201: AllowedAddress, ...errors, 409: ErrorBody },
    },
  }, async (request, reply) => {
    const added = await engine.allowList.add(accessOf(request), { address: request.body.address, permanent: request.body.permanent ?? false, description: request.body.description ?? '' });
    return reply.code(201).send(wireAddress(added));
  });

  app.delete('/v1/allowed-addresses/:address', {
    schema: { tags: ['audit'], summary: 'Remove an allowed address', params: Type.Object({ address: Type.String({ maxLength: 64 }) }), response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await engine.allowList.remove(accessOf(request), request.params.address);
    return reply.code(204).send(null);
  });
}
