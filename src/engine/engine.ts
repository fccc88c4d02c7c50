// The engine: use cases wired to their ports, in one place.
import { createCallLifecycle } from './call-lifecycle.ts';
import type { EngineDeps } from './deps.ts';
import { createGate } from './gate.ts';
import { changeStatus } from './agentbox/change-status.ts';
import { createDial } from './agentbox/dial.ts';
import { createHold, createMute } from './agentbox/hold.ts';
import { createHang, createHangTypeReady, typeDisposition } from './agentbox/hang.ts';
import { createAuxCall, createTransfer } from './agentbox/transfer.ts';
import { scheduleAgentRecall } from './agentbox/recall.ts';
import { agentDisplay, createDtmf } from './agentbox/small.ts';
import { createCallbackScheduler } from './callbacks/scheduler.ts';
import { createPacingBus } from './dialer/pacing-bus.ts';
import { createDialerRunner, type DialerOptions } from './dialer/runner.ts';
import { createRecovery } from './recovery.ts';

export function createEngine(deps: EngineDeps, dialerOptions: DialerOptions = {}) {
  const pacing = createPacingBus();
  const calls = createCallLifecycle(deps, pacing);
  deps.telephony.onEvent((event) => calls.handle(event).catch((e: unknown) => deps.onError(e, `telephony ${event.type}`)));
  const callbacks = createCallbackScheduler(deps, calls);
  // Waiting agent callbacks are offered before the dialer paces, so a freed agent gets its callback first.
  const dialer = createDialerRunner(deps, calls, pacing, { beforeTick: () => callbacks.dispatchWaiting(), ...dialerOptions });
  const recovery = createRecovery(deps, calls);
  return {
    deps,
    gate: createGate(deps),
    calls,
    callbacks,
    dialer,
    recovery,
    /** Background work: recovery first (so the dialer never counts a dead process's calls), then timers. */
    async start() {
      await recovery.start();
      callbacks.start();
      dialer.start();
    },
    async stop() {
      await dialer.stop();
      await callbacks.stop();
      await recovery.stop();
    },
    agentbox: {
      changeStatus,
      dial: createDial(calls),
      hold: createHold(deps.telephony),
      mute: createMute(deps.telephony),
      hang: createHang(calls, deps.telephony),
      type: typeDisposition,
      hangTypeReady: createHangTypeReady(calls, deps.telephony),
      transfer: createTransfer(deps, calls),
      auxCall: createAuxCall(calls),
      recall: async (...args: Parameters<typeof scheduleAgentRecall>) => {
        const scheduled = await scheduleAgentRecall(...args);
        args[0].afterCommit(() => callbacks.poke());
        return scheduled;
      },
      dtmf: createDtmf(deps.telephony),
      agentDisplay,
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
