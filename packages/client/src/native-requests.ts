// Requests the client types more tightly than the server's schemas can say: a callback is either an
// agent's own or a campaign record's recall (the schema takes both fields as optional and the
// route refuses the wrong mix), and a record row holds scalars (the schema takes any JSON value).
// test/client-types.test.ts checks that the server's schemas accept all of them.
import type { AgentStatus, RecallType } from '@pacer/vocabulary';

/** An agent's own callback (`agent_id`), or a recall of a campaign record (`campaign_id` and `customer_id`). */
export type NewCallbackRequest =
  | { agent_id: string; phone: string; due_at: string; type?: RecallType }
  | { campaign_id: string; customer_id: string; phone: string; due_at: string; type?: 'auto' };

/** The body's `status` of POST /v1/agents/:id/status. */
export type StatusRequest = AgentStatus;

/** A row to load: customer_id, tel1…tel10, customer_name, opt1…, recall_date (YYYYmmddHHiiss). */
export type RecordRow = Record<string, string | number | null>;

/** An agent's SIP phone: it registers to Pacer as the agent id with this password, or it sits at a fixed SIP contact. */
export type AgentPhoneRequest = { password: string } | { contact: string };
