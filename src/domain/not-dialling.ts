// Why a campaign is not dialling now, worked out from a snapshot of what stops a dialer: its run
// state, its calling window in the zones of its records, its agents, its records, and (SIP
// telephony only) its trunk. One function for the stats a console reads and for the dialer,
// which announces a change of these reasons as a `campaign.dialling` event. null: it is dialling
// (it has what it needs to place calls, whether or not a call goes out this very second).
import { notDiallingReasons, type CampaignStatus, type NotDiallingReason } from '../../packages/vocabulary/src/campaign.ts';
import type { AgentState } from './agent-state.ts';
import { staffedAgentStates } from './campaign-stats.ts';
import { isCallingOpen, nextCallingOpening, type CallingWindow } from './calling-window.ts';
import { localIsoTime } from './local-time.ts';

export { notDiallingReasons, type NotDiallingReason };

/** One time zone of the campaign's records, now. */
export interface ZoneNow {
  /** The calling window (schedule, holidays, daily start/end) is open in this zone now. */
  open: boolean;
  /** When it next opens (epoch ms), if it is closed and opens within the lookahead. */
  opensAt: number | null;
  /** Records of this zone the dialer will still call (never tried, or waiting for a retry or a recall). */
  pending: boolean;
  /** Of those, records whose next attempt is due now. */
  due: boolean;
}

export interface DiallingSnapshot {
  status: CampaignStatus;
  zones: readonly ZoneNow[];
  /**
   * Agents of the campaign who may take its calls: logged in and not in an auxiliary state (ready,
   * or on a call or its after-call work, which ends in ready).
   */
  agentsAvailable: number;
  /**
   * SIP telephony only, filled by the engine where it knows the operation's trunk: whether there is
   * one the campaign's calls may take, and whether it carries all the calls its `max_calls` allows.
   * Absent: not known here (the simulated carrier), and no trunk reason is given.
   */
  trunk?: { configured: boolean; atLimit: boolean };
}

/** The zones of a campaign's records now, from whether each holds pending and due records. */
export function zonesAt(window: CallingWindow, zones: readonly { timeZone: string; pending: boolean; due: boolean }[], now: number): ZoneNow[] {
  return zones.map((z) => {
    const open = isCallingOpen(window, now, z.timeZone);
    // The next opening matters only where records wait for it.
    const opensAt = open || !z.pending ? null : (nextCallingOpening(window, now, z.timeZone) ?? null);
    return { open, opensAt, pending: z.pending, due: z.due };
  });
}

/** Agents who may take a campaign's calls: those in a staffed state (ready, or on a call or its wrap-up). */
export function availableAgents(states: readonly AgentState[]): number {
  return states.filter((s) => staffedAgentStates.includes(s)).length;
}

export type NotDialling =
  | { reason: 'outside_schedule'; opensAt: number | null }
  | { reason: Exclude<NotDiallingReason, 'outside_schedule'> };

/**
 * The reasons, in the order of `notDiallingReasons`; null when there is none.
 * - `stopped`: the campaign is not started.
 * - `outside_schedule`: records are pending, and the calling window is closed in every zone that
 *   holds some; `opensAt` is the earliest next opening among those zones.
 * - `no_agent_ready`: no agent of the campaign is available (all logged out or in auxiliary states).
 * - `no_records`: no record can be called now: none is pending, or none is due in a zone whose window
 *   is open (not given when `outside_schedule` already says why).
 * - `no_trunk`, `trunk_at_limit`: from `trunk` (SIP telephony only).
 */
export function notDialling(s: DiallingSnapshot): NotDialling[] | null {
  const reasons: NotDialling[] = [];
  if (s.status !== 'started') reasons.push({ reason: 'stopped' });
  const pending = s.zones.filter((z) => z.pending);
  const shut = pending.length > 0 && pending.every((z) => !z.open);
  if (shut) {
    const opens = pending.map((z) => z.opensAt).filter((at) => at !== null);
    reasons.push({ reason: 'outside_schedule', opensAt: opens.length > 0 ? Math.min(...opens) : null });
  }
  if (s.agentsAvailable === 0) reasons.push({ reason: 'no_agent_ready' });
  if (!shut && !s.zones.some((z) => z.open && z.due)) reasons.push({ reason: 'no_records' });
  if (s.trunk && !s.trunk.configured) reasons.push({ reason: 'no_trunk' });
  else if (s.trunk?.atLimit) reasons.push({ reason: 'trunk_at_limit' });
  return reasons.length === 0 ? null : reasons;
}

/** The reasons as the API and the `campaign.dialling` event write them: `opens_at` on the operation's clock, with its offset. */
export function notDiallingWords(reasons: readonly NotDialling[] | null, timeZone: string): ({ reason: NotDiallingReason; opens_at?: string | null })[] | null {
  return reasons && reasons.map((r) => (r.reason === 'outside_schedule'
    ? { reason: r.reason, opens_at: r.opensAt === null ? null : localIsoTime(r.opensAt, timeZone) }
    : { reason: r.reason }));
}

/** The names of the reasons, comma-separated ('' when dialling): what a change is judged on. */
export function reasonsKey(reasons: readonly NotDialling[] | null): string {
  return (reasons ?? []).map((r) => r.reason).join(',');
}

/** The names a key holds; null for '' (dialling). */
export function reasonsOfKey(key: string): NotDiallingReason[] | null {
  if (key === '') return null;
  return key.split(',').filter((r): r is NotDiallingReason => (notDiallingReasons as readonly string[]).includes(r));
}
