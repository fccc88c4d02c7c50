// The telephony port: what the engine asks of a carrier and what it hears back. Small on purpose,
// so that the simulated carrier and the SIP third-party call controller both implement it. The
// engine resolves what a real carrier needs (the operation's trunk, an agent's phone) from its
// store and hands it over with the request: the adapters keep no tenant data of their own.
import type { CallResult } from '../../domain/call-state.ts';

/** How a customer leg reaches the carrier: the operation's trunk, the number rewritten for it. */
export interface CustomerRoute {
  trunkId: string;
  /** The INVITE's Request-URI: the number (after strip and prefix) at the trunk. */
  requestUri: string;
  /** Seconds the leg may ring before Pacer cancels it (the trunk's). */
  ringTimeoutS: number;
  /** The caller id customers see (From); none: Pacer's own user part. */
  callerId: string | null;
  /** Digest credentials for the carrier's 401/407; none when the trunk has none. */
  credentials: { username: string; password: string } | null;
}

export interface OriginateRequest {
  callId: string;
  operationId: string;
  /** The number to call (customer phone or an agent extension). */
  to: string;
  /** The agent whose phone is bridged to the call once it answers; none for predictive calls. */
  agentId?: string;
  ringTimeoutS: number;
  /** Where the leg goes on a real carrier; the simulated carrier has none. */
  route?: CustomerRoute;
}

/** An agent's standing session: Pacer calls the agent's phone once and keeps the call up. */
export interface AgentSessionRequest {
  operationId: string;
  agentId: string;
  /** The phone's SIP URI: its fixed contact, or where it last registered. */
  contact: string;
  ringTimeoutS: number;
}

export type TelephonyEvent =
  | { type: 'ringing'; callId: string }
  | { type: 'answered'; callId: string; by: 'human' | 'machine' }
  /** The call is over: the customer hung up, the carrier refused it, or it never answered. */
  | { type: 'ended'; callId: string; result: CallResult; by: 'customer' | 'network' | 'pacer' | 'agent' }
  /** An agent's standing session ended or could not open (the phone hung up, never answered…). */
  | { type: 'agent-session-ended'; operationId: string; agentId: string; reason: string }
  /** An agent's session was lost through no fault of its phone (Pacer restarted): open it again. */
  | { type: 'agent-session-dropped'; operationId: string; agentId: string };

export interface Telephony {
  /**
   * `sim`: the simulated carrier (no trunks, no phones). `sip`: real calls; customer legs need the
   * operation's trunk (`OriginateRequest.route`) and a logged-in agent needs a standing session.
   */
  readonly mode: 'sim' | 'sip';
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
   * bridged to agent `agentId` when `to` is an agent's extension, else dialled out through `route`
   * (its progress is reported as events of `newCallId`).
   */
  transfer(callId: string, newCallId: string, to: string, agentId?: string, route?: CustomerRoute): void;
  /** Opens the agent's standing session, if it has none; a phone that does not answer is an `agent-session-ended`. */
  openAgentSession(request: AgentSessionRequest): void;
  /** Ends the agent's standing session, if it has one (the agent logged out). */
  closeAgentSession(operationId: string, agentId: string): void;
  /** Listeners may return a promise; virtual clocks wait for it. */
  onEvent(listener: (event: TelephonyEvent) => unknown): void;
}
