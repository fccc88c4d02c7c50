// A call (conn_id) and the rules that move it between states.
import { callTarget, type CallEvent, type CallOrigin, type CallResult, type CallState } from './call-state.ts';
import { fail } from './errors.ts';

export interface Call {
  id: string;
  operationId: string;
  agentId: string | null;
  campaignId: string | null;
  customerId: string | null;
  customerName: string | null;
  phone: string;
  origin: CallOrigin;
  state: CallState;
  held: boolean;
  muted: boolean;
  result: CallResult | null;
  parentCallId: string | null;
  placedAt: number;
  answeredAt: number | null;
  connectedAt: number | null;
  endedAt: number | null;
  codAct: string | null;
  codAct2: string | null;
  comments: string | null;
  disposedAt: number | null;
}

export function callTransition(call: Call, event: CallEvent, now: number): Call {
  const to = callTarget(call.state, event);
  if (!to) throw fail.agentState(`Call ${call.id} is ${call.state} and cannot ${event}`);
  const next: Call = { ...call, state: to };
  if (event === 'answer') next.answeredAt = now;
  if (event === 'connect') {
    next.connectedAt = now;
    next.answeredAt ??= now;
  }
  if (event === 'hold' || event === 'unhold') next.held = event === 'hold';
  if (event === 'end') {
    next.endedAt = now;
    next.held = false;
  }
  return next;
}

export function newCall(fields: Pick<Call, 'id' | 'operationId' | 'phone' | 'origin' | 'placedAt'> & Partial<Call>): Call {
  return {
    agentId: null, campaignId: null, customerId: null, customerName: null, state: 'dialing', held: false,
    muted: false, result: null, parentCallId: null, answeredAt: null, connectedAt: null, endedAt: null,
    codAct: null, codAct2: null, comments: null, disposedAt: null, ...fields,
  };
}
