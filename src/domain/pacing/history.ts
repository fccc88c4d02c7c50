// What a campaign's strategy would have heard, rebuilt from the calls it placed: a process that
// takes over pacing a campaign teaches its new strategy the campaign's history instead of starting
// cold. The events are those production emits as calls move (src/engine/call-lifecycle.ts,
// src/engine/dialer/connect.ts), each keyed by its call and type, so an event heard both from the
// history and live is learnt once.
import type { CallResult } from '../call-state.ts';
import type { PacingEvent } from './strategy.ts';

/** A call the dialer placed for the campaign, as its row keeps it (instants in ms). */
export interface PastCall {
  id: string;
  /** An attempt of a record (isRecordAttempt): a recall of a record no longer loaded is not one. */
  recordAttempt: boolean;
  agentId: string | null;
  placedAt: number;
  answeredAt: number | null;
  connectedAt: number | null;
  endedAt: number | null;
  result: CallResult | null;
}

/** An agent leaving after-call work. */
export interface PastAcwEnd {
  agentId: string;
  at: number;
}

export interface KeyedPacingEvent {
  /** `callId/type`: one of each per call. */
  key: string;
  event: PacingEvent;
}

export const pacingEventKey = (callId: string, type: PacingEvent['type']) => `${callId}/${type}`;

/**
 * The events of these calls in time order. An after-call work is the one its agent left first
 * after the call ended (the agent went into it when the call ended).
 */
export function pacingHistory(calls: readonly PastCall[], acwEnds: readonly PastAcwEnd[]): KeyedPacingEvent[] {
  const s = (ms: number) => ms / 1000;
  const out: KeyedPacingEvent[] = [];
  const add = (call: PastCall, event: PacingEvent) => out.push({ key: pacingEventKey(call.id, event.type), event });
  const leaving = new Map<string, number[]>();
  for (const a of acwEnds) {
    const times = leaving.get(a.agentId);
    if (times) times.push(a.at);
    else leaving.set(a.agentId, [a.at]);
  }
  for (const times of leaving.values()) times.sort((x, y) => x - y);
  for (const c of calls) {
    // As production tells them: every campaign call's answer and connection, a record attempt's
    // placing, end and after-call work.
    if (c.recordAttempt) add(c, { type: 'dial', tS: s(c.placedAt) });
    if (c.answeredAt !== null) {
      add(c, { type: 'answer', tS: s(c.answeredAt), ringS: s(c.answeredAt - c.placedAt), by: c.result === 'answer-machine' ? 'machine' : 'human' });
    }
    if (c.connectedAt !== null) add(c, { type: 'connect', tS: s(c.connectedAt), waitS: s(c.connectedAt - (c.answeredAt ?? c.connectedAt)) });
    if (c.endedAt === null || !c.recordAttempt) continue;
    if (c.connectedAt !== null) {
      add(c, { type: 'end', tS: s(c.endedAt), talkS: s(c.endedAt - c.connectedAt) });
      const left = c.agentId === null ? undefined : firstFrom(leaving.get(c.agentId) ?? [], c.endedAt);
      if (left !== undefined) add(c, { type: 'acwEnd', tS: s(left), acwS: s(left - c.endedAt) });
    } else if (c.result === 'abandon') add(c, { type: 'abandon', tS: s(c.endedAt) });
    else if (c.result !== 'answer-machine') add(c, { type: 'fail', tS: s(c.endedAt), ringS: s(c.endedAt - c.placedAt) });
  }
  return out.sort((a, b) => a.event.tS - b.event.tS);
}

/** The first of the sorted `times` at or after `t`, if any (binary search: a day holds thousands). */
function firstFrom(times: readonly number[], t: number): number | undefined {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? Infinity) < t) lo = mid + 1;
    else hi = mid;
  }
  return times[lo];
}
