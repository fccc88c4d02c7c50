// Where the pacing strategies hear what happens to their campaigns' calls. The call lifecycle tells
// the bus inside the transaction that made the change: the listeners of this process hear it once
// the transaction commits, and the other processes sharing the database hear it through the store
// (a NOTIFY sent at commit), so the process that paces the campaign learns every outcome whichever
// process handled the call. `deliver` is how messages from the other processes come in. An outcome
// of a campaign this process surely paces does not leave it: NOTIFY serializes the commits of every
// transaction that sends one (PostgreSQL's queue lock, held through the WAL flush), and a process
// alone on its database would otherwise pay that on every call's ring, answer and end.
import type { PacingEvent } from '../../domain/pacing/strategy.ts';
import type { Tx } from '../ports/store.ts';

export type PacingListener = (operationId: string, campaignId: string, callId: string, event: PacingEvent) => void;

export interface PacingBus {
  emit(tx: Tx, operationId: string, campaignId: string, callId: string, event: PacingEvent): Promise<void>;
  /** An outcome another process emitted. */
  deliver: PacingListener;
  listen(listener: PacingListener): void;
  /** How the bus knows which campaigns this process surely paces now (their outcomes stay here). */
  pacedHere(test: (operationId: string, campaignId: string) => boolean): void;
}

export function createPacingBus(): PacingBus {
  const listeners: PacingListener[] = [];
  let here: (operationId: string, campaignId: string) => boolean = () => false;
  const deliver: PacingListener = (operationId, campaignId, callId, event) => {
    for (const l of listeners) l(operationId, campaignId, callId, event);
  };
  return {
    async emit(tx, operationId, campaignId, callId, event) {
      tx.afterCommit(() => deliver(operationId, campaignId, callId, event));
      if (!here(operationId, campaignId)) await tx.pacing.publish({ kind: 'outcome', operationId, campaignId, callId, event });
    },
    deliver,
    listen(listener) {
      listeners.push(listener);
    },
    pacedHere(test) {
      here = test;
    },
  };
}
