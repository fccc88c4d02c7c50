// The telephony port: what the engine asks of a carrier and what it hears back. Small on purpose,
// so that the simulated carrier and a SIP third-party call controller can both implement it.
import type { CallResult } from '../../domain/call-state.ts';

export interface OriginateRequest {
  callId: string;
  /** The number to call (customer phone or an agent extension). */
  to: string;
  /** The agent whose phone is bridged to the call once it answers; none for predictive calls. */
  agentId?: string;
  ringTimeoutS: number;
}

export type TelephonyEvent =
  | { type: 'ringing'; callId: string }
  | { type: 'answered'; callId: string; by: 'human' | 'machine' }
  /** The call is over: the customer hung up, the carrier refused it, or it never answered. */
  | { type: 'ended'; callId: string; result: CallResult; by: 'customer' | 'network' | 'pacer' };

export interface Telephony {
  originate(request: OriginateRequest): void;
  /** Bridges a live call to an agent's phone (predictive connect). */
  bridge(callId: string, agentId: string): void;
  setHold(callId: string, on: boolean): void;
  setMute(callId: string, on: boolean): void;
  sendDtmf(callId: string, tones: string): void;
  /** Ends Pacer's part of the call; `result` is what the engine records for it. */
  hangup(callId: string): void;
  /**
   * Blind transfer: the agent leg is released and the customer's leg continues as `newCallId`,
   * bridged to agent `agentId` when `to` is an agent's extension, else dialled out to `to` (its
   * progress is reported as events of `newCallId`).
   */
  transfer(callId: string, newCallId: string, to: string, agentId?: string): void;
  /** Listeners may return a promise; virtual clocks wait for it. */
  onEvent(listener: (event: TelephonyEvent) => unknown): void;
}
