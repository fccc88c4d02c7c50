// The operation's event log: appended with the change it tells of, numbered once committed, read
// after a cursor.

export interface EventInput {
  operationId: string;
  at: number;
  type: string;
  agentId?: string | null;
  campaignId?: string | null;
  callId?: string | null;
  data?: Record<string, unknown>;
}

export interface StoredEvent {
  /** Gapless and increasing within the operation; the SSE id and the cursor of the event log. */
  seq: number;
  operationId: string;
  at: number;
  type: string;
  agentId: string | null;
  campaignId: string | null;
  callId: string | null;
  data: Record<string, unknown>;
}

export interface EventQuery {
  operationId: string;
  afterSeq: number;
  limit: number;
  agentId?: string;
  campaignId?: string;
  /** Exact types (`call.ended`) or prefixes ending in a dot (`call.`). */
  types?: string[];
}

/** What one sequencer pass did. */
export interface SequencePass {
  numbered: number;
  /** Committed events were left for another pass (a pass takes at most a few thousand). */
  more: boolean;
}

export interface EventRepo {
  append(event: EventInput): Promise<void>;
  /**
   * Numbers the committed events that have no number yet, after every number given before, one
   * pass of at most a few thousand (whole transactions); says how many, and whether committed
   * events remain unnumbered (`more`: another pass numbers them). Readers call it before they
   * read, so a late commit is never skipped.
   */
  sequence(): Promise<SequencePass>;
  list(query: EventQuery): Promise<StoredEvent[]>;
  /** The highest seq the operation's log has given (0 when none): a reader that starts after it sees what comes next. */
  latestSeq(operationId: string): Promise<number>;
}

/**
 * Whose events a commit appended: operation → the agents of those events (null: an event of no
 * agent). Streams are woken only for what may concern them (event-hub.ts); unknown means anything.
 */
export type CommittedEvents = ReadonlyMap<string, ReadonlySet<string | null>>;
