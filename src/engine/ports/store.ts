// The store port: durable state, reached inside transactions, one repository per aggregate (each
// in its own file beside this one). The adapters (src/adapters/store) implement them all on one
// PostgreSQL schema.
import type { AgentPhoneRepo } from './agent-phones.ts';
import type { AllowListRepo } from './allow-list.ts';
import type { AuditRepo } from './audit.ts';
import type { DirectoryRepo } from './directory.ts';
import type { AgentRepo } from './agents.ts';
import type { CallbackRepo } from './callbacks.ts';
import type { CallRepo } from './calls.ts';
import type { CampaignStatsRepo } from './campaign-stats.ts';
import type { CampaignRepo } from './campaigns.ts';
import type { DialingRepo } from './dialing.ts';
import type { DncRepo } from './dnc.ts';
import type { EventRepo } from './events.ts';
import type { OperationRepo } from './operations.ts';
import type { PacingRepo } from './pacing.ts';
import type { RecordRepo } from './records.ts';
import type { ReportRepo } from './reports.ts';
import type { RecoveryRepo } from './recovery.ts';
import type { TokenRepo } from './tokens.ts';
import type { TrunkRepo } from './trunks.ts';
import type { SessionRepo, UserRepo } from './users.ts';
import type { WebhookRepo } from './webhooks.ts';

export interface Tx {
  tokens: TokenRepo;
  operations: OperationRepo;
  agents: AgentRepo;
  calls: CallRepo;
  events: EventRepo;
  callbacks: CallbackRepo;
  dialing: DialingRepo;
  recovery: RecoveryRepo;
  webhooks: WebhookRepo;
  dnc: DncRepo;
  campaigns: CampaignRepo;
  /** A campaign's live figures, counted from its calls, its agents' events and its records. */
  campaignStats: CampaignStatsRepo;
  records: RecordRepo;
  /** What the reports read: the history over a range (ports/reports.ts). */
  reports: ReportRepo;
  trunks: TrunkRepo;
  agentPhones: AgentPhoneRepo;
  users: UserRepo;
  sessions: SessionRepo;
  /** Pacing leases, the history a strategy is rebuilt from, and messages to the campaign's pacing process. */
  pacing: PacingRepo;
  /** What information.php lists. */
  directory: DirectoryRepo;
  audit: AuditRepo;
  allowList: AllowListRepo;
  /** Runs `effect` once the transaction has committed (never if it rolls back). */
  afterCommit(effect: () => void): void;
}

/**
 * What a request's transaction works on, when the engine knows it before it starts: after claiming
 * a token slot, the work locks `agentId` of the token's operation (and, with `call`, that agent's
 * current or last call) and may read the auxiliary state `auxStateId`. The store may make those
 * reads early; the work still asks for every row it uses.
 */
export interface RequestScope {
  agentId: string;
  call?: boolean;
  auxStateId?: number;
}

export interface Store {
  /**
   * Runs `work` in a transaction and commits it. A transaction the database chose to abort to break
   * a deadlock (two transactions each waiting for a lock the other holds, e.g. a request locking an
   * agent and then its call while a telephony event locks the call and then its agent) is run again
   * from the start, a few times at most: `work` must not act outside the transaction except through
   * `afterCommit`.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>, scope?: RequestScope): Promise<T>;
  /**
   * A transaction on the answer path (a customer just answered and hears silence until an agent is
   * connected, with a 2 s deadline): it has connections of its own where the store has several, so
   * it is never queued behind pacing decisions and the bookkeeping of other calls.
   */
  urgentTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
