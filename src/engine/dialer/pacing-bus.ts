// Where the pacing strategies of this process hear what happens to their campaigns' calls. The
// call lifecycle tells, the runner listens; each process observes the calls it handles.
import type { PacingEvent } from '../../domain/pacing/strategy.ts';

export interface PacingBus {
  emit(operationId: string, campaignId: string, event: PacingEvent): void;
  listen(listener: (operationId: string, campaignId: string, event: PacingEvent) => void): void;
}

export function createPacingBus(): PacingBus {
  const listeners: ((operationId: string, campaignId: string, event: PacingEvent) => void)[] = [];
  return {
    emit(operationId, campaignId, event) {
      for (const l of listeners) l(operationId, campaignId, event);
    },
    listen(listener) {
      listeners.push(listener);
    },
  };
}
