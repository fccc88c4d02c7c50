// The public shape of an event, the same in /v1/events pages, the SSE stream and webhook bodies.
import type { StoredEvent } from '../ports/store.ts';

export interface WireEvent {
  seq: number;
  at: string;
  type: string;
  agent_id: string | null;
  campaign_id: string | null;
  call_id: string | null;
  data: Record<string, unknown>;
}

export function wireEvent(e: StoredEvent): WireEvent {
  return {
    seq: e.seq, at: new Date(e.at).toISOString(), type: e.type, agent_id: e.agentId, campaign_id: e.campaignId,
    call_id: e.callId, data: e.data,
  };
}
