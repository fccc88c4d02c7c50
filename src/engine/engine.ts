// The engine: use cases wired to their ports, in one place.
import { createCallLifecycle } from './call-lifecycle.ts';
import type { EngineDeps } from './deps.ts';
import { createGate } from './gate.ts';
import { createEventFeed } from './events/event-feed.ts';
import { createAdminAuth, createNativeAuth } from './native-auth.ts';
import { createWebhookDispatcher } from './webhooks/dispatcher.ts';
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
import { addRecords } from './campaign/add-records.ts';
import { changeCampaign } from './campaign/change.ts';
import { clearCampaign } from './campaign/clear.ts';
import { codifyRecord } from './campaign/codify.ts';
import { createCampaign } from './campaign/create.ts';
import { deleteCampaign } from './campaign/delete.ts';
import { campaignDetail } from './campaign/detail.ts';
import { findRecords } from './campaign/find-record.ts';
import { recallRecord } from './campaign/recall.ts';
import { removeRecord } from './campaign/remove-record.ts';
import { startCampaign, stopCampaign } from './campaign/run-state.ts';
import { setSpeed } from './campaign/speed.ts';
import { createCallbackCommands } from './native/callbacks.ts';
import { putSkill, setAgentSkills } from './native/skills.ts';

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
    nativeAuth: createNativeAuth(deps),
    adminAuth: createAdminAuth(deps),
    events: createEventFeed(deps),
    webhooks: createWebhookDispatcher(deps, deps.webhookSender),
    calls,
    callbacks,
    dialer,
    recovery,
    /** The native API's callback resource; a change wakes the scheduler, or the dialer for a campaign recall. */
    callbackCommands: createCallbackCommands((cb) => (cb.agentId === null ? dialer.wake() : callbacks.poke())),
    skills: {
      put: putSkill,
      /** An agent that gains or loses a skill may now take another campaign's calls: pace again. */
      assign: async (...args: Parameters<typeof setAgentSkills>) => {
        await setAgentSkills(...args);
        args[0].afterCommit(() => dialer.nudge());
      },
    },
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
    campaign: {
      create: createCampaign,
      addRecords,
      start: async (...args: Parameters<typeof startCampaign>) => {
        await startCampaign(...args);
        // The dialer idles at a slower beat with nothing started: pace this campaign now.
        args[0].afterCommit(() => dialer.wake());
      },
      stop: stopCampaign,
      speed: setSpeed,
      change: async (...args: Parameters<typeof changeCampaign>) => {
        if (await changeCampaign(...args)) args[0].afterCommit(() => dialer.wake());
      },
      recall: recallRecord,
      codify: codifyRecord,
      removeRecord,
      clear: clearCampaign,
      findRecords,
      detail: campaignDetail,
      delete: deleteCampaign,
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
