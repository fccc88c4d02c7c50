// Read-side queries of the native API: lists with filters and cursors. Kept apart from the
// write repositories, which lock and save aggregates.
import type { Principal } from '../../domain/permission.ts';
import type { Agent } from '../../domain/agent.ts';
import type { Call } from '../../domain/call.ts';
import type { Operation } from './operations.ts';
import type { Campaign, CampaignRecord } from '../../domain/campaign.ts';
import type { Callback, CallbackStatus } from '../../domain/callback.ts';
import type { Delivery, Webhook } from './webhooks.ts';
import type { AgentPhoneMode } from '../../domain/agent-phone.ts';
import type { Trunk } from './trunks.ts';

export interface Page<T> {
  items: T[];
  /** Opaque position after the last item, or null at the end. */
  nextCursor: string | null;
}

export interface TokenInfo {
  id: string;
  description: string;
  principal: Principal;
  createdAt: number;
  revokedAt: number | null;
}

/** An agent as the native API shows it: with the ids of its skills. */
/** An agent with its skills and its wolkvox profile (agent_dni, agent_sso). */
export type AgentView = Agent & { skills: number[]; dni: string; sso: string };

/** A trunk as the faces read it: never its password, only whether it has one. */
export type TrunkView = Omit<Trunk, 'password'> & {
  hasPassword: boolean;
  /** The operation's first trunk (lowest id, not deleted): the one its customer legs take. */
  isDefault: boolean;
};

/** An agent's phone as the faces read it: never its password, only whether it has one. */
export interface AgentPhoneView {
  agentId: string;
  mode: AgentPhoneMode;
  /** The fixed contact (mode `contact`); null for a phone that registers. */
  contact: string | null;
  hasPassword: boolean;
  updatedAt: number;
  /** Where a phone that registers is registered now; null when it is not (or it has a fixed contact). */
  registration: AgentRegistrationView | null;
}

export interface AgentRegistrationView {
  /** The URI Pacer calls. */
  contact: string;
  /** Where the REGISTER came from: `udp:203.0.113.7:5060`. */
  source: string;
  userAgent: string | null;
  registeredAt: number;
  expiresAt: number;
}

export interface AgentFilter { operationId: string; state?: string; cursor?: string; limit: number }
export interface CallFilter {
  operationId: string; agentId?: string; campaignId?: string; state?: string; from?: number; to?: number;
  /** Only calls not ended. */
  live?: boolean;
  cursor?: string; limit: number;
}
/** Callbacks by due time; `from`/`to` bound the due time ([from, to)). */
export interface CallbackFilter {
  operationId: string; agentId?: string; campaignId?: string; status?: CallbackStatus; from?: number; to?: number;
  cursor?: string; limit: number;
}

export interface CampaignFilter { operationId: string; status?: string; type?: string; cursor?: string; limit: number }
export interface RecordFilter {
  operationId: string; campaignId?: string; customerId?: string; phone?: string;
  /** customer_name or customer_last_name contains it, in any case. */
  name?: string;
  status?: string; cursor?: string; limit: number;
}

export interface ReadModel {
  /** Every operation, by id (the admin API). */
  operations(cursor: string | undefined, limit: number): Promise<Page<Operation>>;
  agents(filter: AgentFilter): Promise<Page<AgentView>>;
  agent(operationId: string, agentId: string): Promise<AgentView | undefined>;
  calls(filter: CallFilter): Promise<Page<Call>>;
  call(operationId: string, callId: string): Promise<Call | undefined>;
  campaigns(filter: CampaignFilter): Promise<Page<Campaign>>;
  campaign(operationId: string, campaignId: string): Promise<Campaign | undefined>;
  /** Records in (campaign, customer_id) order; a phone matches any of tel1…tel10, a name is searched in customer_name and customer_last_name. */
  records(filter: RecordFilter): Promise<Page<CampaignRecord>>;
  callbacks(filter: CallbackFilter): Promise<Page<Callback>>;
  callback(operationId: string, callbackId: string): Promise<Callback | undefined>;
  tokens(operationId: string, cursor: string | undefined, limit: number): Promise<Page<TokenInfo>>;
  webhooks(operationId: string): Promise<Webhook[]>;
  deliveries(operationId: string, webhookId: string, cursor: string | undefined, limit: number): Promise<Page<Delivery> | undefined>;
  auxStates(operationId: string): Promise<{ id: number; name: string }[]>;
  activityCodes(operationId: string): Promise<{ group: 1 | 2; code: string; name: string; flags: string[] }[]>;
  skills(operationId: string): Promise<{ id: number; name: string; description: string }[]>;
  /** The operation's trunks not deleted, by id. */
  trunks(operationId: string): Promise<TrunkView[]>;
  trunk(operationId: string, trunkId: string): Promise<TrunkView | undefined>;
  /** The agent's phone; its registration only if it has not ended by `now`. */
  agentPhone(operationId: string, agentId: string, now: number): Promise<AgentPhoneView | undefined>;
}
