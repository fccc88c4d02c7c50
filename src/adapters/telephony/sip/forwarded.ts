// Telephony when several Pacer processes share one database: the process that holds the SIP lead
// (../../store/sip-lead.ts) holds every dialog and acts on every call; any other process sends it
// its commands (LISTEN/NOTIFY) instead of acting itself. So `hold` or `hang` reaching any process
// acts on the call, and events come from the leader's dialogs to the leader's engine.
import type { AgentSessionRequest, CustomerRoute, OriginateRequest, Telephony } from '../../../engine/ports/telephony.ts';

export type TelephonyCommand =
  | { op: 'originate'; request: OriginateRequest }
  | { op: 'bridge'; callId: string; agentId: string }
  | { op: 'hold' | 'mute'; callId: string; on: boolean }
  | { op: 'dtmf'; callId: string; tones: string }
  | { op: 'hangup'; callId: string }
  | { op: 'transfer'; callId: string; newCallId: string; to: string; agentId?: string; route?: CustomerRoute }
  | { op: 'open'; request: AgentSessionRequest }
  | { op: 'close'; operationId: string; agentId: string };

export interface Lead {
  readonly leading: boolean;
  send(payload: string): Promise<void>;
}

/** Applies a command to the leader's own telephony. */
export function runCommand(local: Telephony, c: TelephonyCommand): void {
  switch (c.op) {
    case 'originate': return local.originate(c.request);
    case 'bridge': return local.bridge(c.callId, c.agentId);
    case 'hold': return local.setHold(c.callId, c.on);
    case 'mute': return local.setMute(c.callId, c.on);
    case 'dtmf': return local.sendDtmf(c.callId, c.tones);
    case 'hangup': return local.hangup(c.callId);
    case 'transfer': return local.transfer(c.callId, c.newCallId, c.to, c.agentId, c.route);
    case 'open': return local.openAgentSession(c.request);
    case 'close': return local.closeAgentSession(c.operationId, c.agentId);
  }
}

export function forwardedTelephony(local: Telephony, lead: Lead, onError: (error: unknown, context: string) => void): Telephony & { receive(payload: string): void } {
  const act = (c: TelephonyCommand) => {
    if (lead.leading) {
      runCommand(local, c);
      return;
    }
    lead.send(JSON.stringify(c)).catch((e: unknown) => onError(e, `sending ${c.op} to the SIP leader`));
  };
  return {
    mode: 'sip',
    onEvent: (listener) => local.onEvent(listener),
    originate: (request) => act({ op: 'originate', request }),
    bridge: (callId, agentId) => act({ op: 'bridge', callId, agentId }),
    setHold: (callId, on) => act({ op: 'hold', callId, on }),
    setMute: (callId, on) => act({ op: 'mute', callId, on }),
    sendDtmf: (callId, tones) => act({ op: 'dtmf', callId, tones }),
    hangup: (callId) => act({ op: 'hangup', callId }),
    transfer: (callId, newCallId, to, agentId, route) => act({
      op: 'transfer', callId, newCallId, to, ...(agentId === undefined ? {} : { agentId }), ...(route === undefined ? {} : { route }),
    }),
    openAgentSession: (request) => act({ op: 'open', request }),
    closeAgentSession: (operationId, agentId) => act({ op: 'close', operationId, agentId }),
    receive(payload) {
      try {
        runCommand(local, JSON.parse(payload) as TelephonyCommand);
      } catch (error) {
        onError(error, 'a telephony command from another process');
      }
    },
  };
}
