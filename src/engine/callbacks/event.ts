// The events of a callback's life (scheduled elsewhere; due, reminder, dialled, rescheduled,
// cancelled here): one data shape, so a consumer reads every callback event the same way.
import type { Callback } from '../../domain/callback.ts';
import type { Tx } from '../ports/store.ts';

export function callbackEvent(tx: Tx, cb: Callback, type: string, now: number, data: Record<string, unknown> = {}): Promise<void> {
  return tx.events.append({
    operationId: cb.operationId, at: now, type, agentId: cb.agentId, campaignId: cb.campaignId, data: {
      callback_id: cb.id, phone: cb.phone, customer_id: cb.customerId, due_at: new Date(cb.dueAt).toISOString(),
      type_recall: cb.type, ...data,
    },
  });
}
