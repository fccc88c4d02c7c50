// Calls, locked while a transaction changes them.
import type { Call } from '../../domain/call.ts';

export interface CallRepo {
  insert(call: Call): Promise<void>;
  lock(callId: string): Promise<Call | undefined>;
  save(call: Call): Promise<void>;
  /**
   * The trunk channels the operation's live calls hold: one per call not ended, two for a blind
   * transfer to an outside number (the customer's leg stays up, bridged to a second leg out).
   */
  trunkChannels(operationId: string): Promise<number>;
}
