// The audit log: administrative changes of an operation, who made them, from where, through which
// face. Appended by the engine in the change's own transaction; read newest first.
/** Who makes a request, from where and through which face: what the audit log records. */
export interface Actor {
  /** A token's id, `user:<id>` for a console session, `admin` for the admin API. */
  id: string;
  /** The request's address (Fastify's request.ip: the proxy's unless PACER_TRUST_PROXY); null when none. */
  address: string | null;
  via: 'wolkvox' | 'native' | 'console' | 'admin';
}

export interface AuditInput {
  operationId: string;
  at: number;
  actor: Actor;
  /** What was done: `agent.create`, `dnc.add`, `allow_list.add`… */
  action: string;
  /** What it was done to: `agent 1001`, `3 numbers`… */
  target: string;
}

export interface AuditEntry {
  at: number;
  /** Who: `token 3 (Demo token)`, `user admin`, `admin API`. */
  who: string;
  address: string | null;
  via: Actor['via'];
  action: string;
  target: string;
}

export interface AuditRepo {
  append(entry: AuditInput): Promise<void>;
  /** Entries of [from, to], newest first, at most `limit`. */
  list(operationId: string, from: number, to: number, limit: number): Promise<AuditEntry[]>;
}
