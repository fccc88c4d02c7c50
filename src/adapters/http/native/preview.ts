// /v1/agents/{id}/preview: preview dialling (src/engine/agentbox/preview.ts). The agent is shown
// the next record of its preview campaigns, held for it, and dials or skips it. Taking a record
// changes state (the hold), so it is a POST; asking again answers the same record and renews it.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { fail } from '../../../domain/errors.ts';
import type { Engine, PreviewOffer } from '../../../engine/api.ts';
import { accessOf, callerOf, wireAgent, wireRecord } from './context.ts';
import { Agent, AgentId, ErrorBody, Preview, PreviewRecordBody } from './schemas.ts';

const Params = Type.Object({ id: AgentId });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['agents'];

function wirePreview(p: PreviewOffer): Static<typeof Preview> {
  return {
    campaigns: p.campaigns,
    next: p.next && { campaign_id: p.next.campaignId, record: wireRecord(p.next.record), phone: p.next.phone, held_until: new Date(p.next.heldUntil).toISOString() },
  };
}

export function registerPreviewRoutes(root: FastifyInstance, engine: Engine): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { agentbox } = engine;

  app.post('/v1/agents/:id/preview', {
    schema: {
      tags, params: Params, response: { 200: Preview, ...errors },
      summary: 'The record the agent previews: the one held for it, or (when it is ready) the next of its started preview campaigns, held for it',
    },
  }, async (request) => wirePreview(await agentbox.preview(accessOf(request), request.params.id)));

  app.post('/v1/agents/:id/preview/dial', {
    schema: {
      tags, params: Params, body: PreviewRecordBody, response: { 200: Type.Object({ agent: Agent, conn_id: Type.String() }), ...errors },
      summary: 'Dial the previewed record: an attempt of the record, connected to the agent when answered',
    },
  }, async (request) => {
    const { campaign_id: campaignId, customer_id: customerId } = request.body;
    const r = await agentbox.previewDial(accessOf(request), request.params.id, { campaignId, customerId });
    const agent = await engine.agents.get(callerOf(request), request.params.id);
    if (!agent) throw fail.agentNotFound(request.params.id);
    return { agent: wireAgent(agent), conn_id: r.connId };
  });

  app.post('/v1/agents/:id/preview/skip', {
    schema: {
      tags, params: Params, body: PreviewRecordBody, response: { 200: Preview, ...errors },
      summary: 'Skip the previewed record (set aside for an hour, then offered again) and answer the next one',
    },
  }, async (request) => {
    const { campaign_id: campaignId, customer_id: customerId } = request.body;
    return wirePreview(await agentbox.previewSkip(accessOf(request), request.params.id, { campaignId, customerId }));
  });
}
