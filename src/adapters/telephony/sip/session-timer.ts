// Session timers (RFC 4028): a dialog that agreed on an interval is refreshed by its refresher
// before half of it passes; the other side sends BYE if no refresh came before the interval
// ends (less a margin of min(32 s, interval / 3), §10). Pure reading and arithmetic; the dialog
// arms the timers on its clock.
import { headerText, type SipMessage } from './message.ts';

export interface SessionTimer {
  intervalS: number;
  /** Whether Pacer refreshes (else the peer does and Pacer watches). */
  weRefresh: boolean;
}

/** The Session-Expires of a message (also in compact form `x`): its delta-seconds and refresher. */
export function readSessionExpires(message: SipMessage): { intervalS: number; refresher: 'uac' | 'uas' | null } | null {
  const text = headerText(message, 'session-expires') ?? headerText(message, 'x');
  if (text === undefined) return null;
  const match = /^\s*(\d+)\s*(.*)$/.exec(text);
  if (!match?.[1]) return null;
  const intervalS = Number(match[1]);
  if (!Number.isSafeInteger(intervalS) || intervalS <= 0) return null;
  const refresher = /;\s*refresher\s*=\s*(uac|uas)\b/i.exec(match[2] ?? '')?.[1]?.toLowerCase();
  return { intervalS, refresher: refresher === 'uac' || refresher === 'uas' ? refresher : null };
}

/**
 * The timer a 2xx sets up. `weWereUac`: Pacer sent the request this 2xx answers. A 2xx without a
 * refresher leaves the refresh to the UAC (RFC 4028 §7.4 leaves it to the UAC to decide; refreshing
 * is the safe choice, it can only keep a live call up).
 */
export function timerFromResponse(response: SipMessage, weWereUac: boolean): SessionTimer | null {
  const value = readSessionExpires(response);
  if (!value) return null;
  const refresher = value.refresher ?? 'uac';
  return { intervalS: value.intervalS, weRefresh: (refresher === 'uac') === weWereUac };
}

/** When Pacer, the refresher, sends the next refresh (half the interval, §10). */
export function refreshAfterMs(timer: SessionTimer): number {
  return (timer.intervalS * 1000) / 2;
}

/** When Pacer, watching, gives up on the peer's refresh and ends the session with BYE (§10). */
export function expireAfterMs(timer: SessionTimer): number {
  return (timer.intervalS - Math.min(32, timer.intervalS / 3)) * 1000;
}
