// Calls, locked while a transaction changes them.
import type { Call } from '../../domain/call.ts';

export interface CallRepo {
  insert(call: Call): Promise<void>;
  lock(callId: string): Promise<Call | undefined>;
  save(call: Call): Promise<void>;
  /** The operation's calls not ended (every one a customer leg on its trunk). */
  countLive(operationId: string): Promise<number>;
}
