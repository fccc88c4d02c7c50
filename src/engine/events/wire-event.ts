// The public shape of an event, the same in /v1/events pages, the SSE stream and webhook bodies.
import type { PacerEvent } from '../../../packages/vocabulary/src/event.ts';
import type { StoredEvent } from '../ports/events.ts';

/** The vocabulary's PacerEvent, written from the native API's Event schema: the one shape readers and webhook receivers see. */
export type WireEvent = PacerEvent;

export function wireEvent(e: StoredEvent): WireEvent {
  return {
    seq: e.seq, at: new Date(e.at).toISOString(), type: e.type, agent_id: e.agentId, campaign_id: e.campaignId,
    call_id: e.callId, data: e.data,
  };
}
