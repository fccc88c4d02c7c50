// The store port: durable state, reached inside transactions. Each repository is a small
// interface; the PostgreSQL adapter (src/adapters/store) implements all of them with one schema.
import type { Agent } from '../../domain/agent.ts';
import type { Call } from '../../domain/call.ts';
import type { Callback } from '../../domain/callback.ts';

export interface Operation {
  id: string;
  name: string;
  timeZone: string;
  licenses: number;
  acwS: number;
}

export interface TokenGrant {
  tokenId: string;
  operationId: string;
  timeZone: string;
  dailyLimit: number;
}

export type TokenClaim = { kind: 'granted'; grant: TokenGrant } | { kind: 'busy' } | { kind: 'invalid' };

export interface TokenRepo {
  /**
   * Authenticates a token by the hash of its value and takes one of its `limit` request slots for
   * the rest of the transaction (released at commit or rollback, even if the process dies).
   */
  claim(hash: string, limit: number, quotaPerLicense: number): Promise<TokenClaim>;
  /** Counts one use on `day`; false when the daily limit is already reached. */
  countUse(tokenId: string, day: string, dailyLimit: number): Promise<boolean>;
  create(operationId: string, hash: string, description: string, now: number): Promise<string>;
}

export interface OperationRepo {
  get(id: string): Promise<Operation | undefined>;
  count(): Promise<number>;
  create(op: Operation, now: number): Promise<void>;
  auxStateName(operationId: string, auxId: number): Promise<string | undefined>;
  putAuxState(operationId: string, auxId: number, name: string): Promise<void>;
  activityCodeExists(operationId: string, group: 1 | 2, code: string): Promise<boolean>;
  putActivityCode(operationId: string, group: 1 | 2, code: string, name: string): Promise<void>;
}

export interface AgentRepo {
  /** Loads an agent and locks it until the transaction ends. */
  lock(operationId: string, agentId: string): Promise<Agent | undefined>;
  /** Saves the agent and, when given, appends `event` in the same statement (one round trip). */
  save(agent: Agent, event?: EventInput): Promise<void>;
  create(agent: Agent): Promise<void>;
  /** The ready agent that has waited longest, locked; agents locked by others are skipped. */
  lockLongestReady(operationId: string, among?: readonly string[]): Promise<Agent | undefined>;
}

export interface CallRepo {
  insert(call: Call): Promise<void>;
  lock(callId: string): Promise<Call | undefined>;
  save(call: Call): Promise<void>;
}

export interface EventInput {
  operationId: string;
  at: number;
  type: string;
  agentId?: string | null;
  campaignId?: string | null;
  callId?: string | null;
  data?: Record<string, unknown>;
}

export interface EventRepo {
  append(event: EventInput): Promise<void>;
}

export interface CallbackRepo {
  insert(callback: Omit<Callback, 'id'>): Promise<string>;
}

export interface Tx {
  tokens: TokenRepo;
  operations: OperationRepo;
  agents: AgentRepo;
  calls: CallRepo;
  events: EventRepo;
  callbacks: CallbackRepo;
  /** Runs `effect` once the transaction has committed (never if it rolls back). */
  afterCommit(effect: () => void): void;
}

export interface Store {
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
