// The engine: use cases wired to their ports, in one place.
import { createCallLifecycle } from './call-lifecycle.ts';
import type { EngineDeps } from './deps.ts';
import { createGate } from './gate.ts';
import { createEventFeed } from './events/event-feed.ts';
import { createNativeAuth } from './native-auth.ts';
import { createWebhookDispatcher } from './webhooks/dispatcher.ts';
import { changeStatus } from './agentbox/change-status.ts';
import { createDial } from './agentbox/dial.ts';
import { createHold, createMute } from './agentbox/hold.ts';
import { createHang, createHangTypeReady, typeDisposition } from './agentbox/hang.ts';
import { createAuxCall, createTransfer } from './agentbox/transfer.ts';
import { scheduleAgentRecall } from './agentbox/recall.ts';
import { agentDisplay, createDtmf } from './agentbox/small.ts';
import { addRecords } from './campaign/add-records.ts';
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

export function createEngine(deps: EngineDeps) {
  const calls = createCallLifecycle(deps);
  deps.telephony.onEvent((event) => calls.handle(event).catch((e: unknown) => deps.onError(e, `telephony ${event.type}`)));
  return {
    deps,
    gate: createGate(deps),
    nativeAuth: createNativeAuth(deps),
    events: createEventFeed(deps),
    webhooks: createWebhookDispatcher(deps, deps.webhookSender),
    calls,
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
      recall: scheduleAgentRecall,
      dtmf: createDtmf(deps.telephony),
      agentDisplay,
    },
    campaign: {
      create: createCampaign,
      addRecords,
      start: startCampaign,
      stop: stopCampaign,
      speed: setSpeed,
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
