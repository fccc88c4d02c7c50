// Calls, locked while a transaction changes them.
import type { Call } from '../../domain/call.ts';

export interface CallRepo {
  insert(call: Call): Promise<void>;
  lock(callId: string): Promise<Call | undefined>;
  save(call: Call): Promise<void>;
}
