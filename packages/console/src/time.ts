// Times on screen: a duration as m:ss (h:mm:ss past an hour), and when a state began in the
// browser's time. Times come from the server's stamps; the console never shows a negative time,
// even when its clock and the server's disagree (a server on a virtual clock in a test, a browser
// whose clock is wrong). Pure functions: test/console-time.test.ts runs them in Node.
export function formatDuration(ms: number): string {
  const total = Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 1000)) : 0;
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** What the console saw of each running thing (an agent's state, a call): its stamp, and when that began here. */
export type Seen = Map<string, { stamp: string; at: number }>;

/**
 * When `thing` began, in the browser's time. A stamp the console saw change while it watched
 * began when it saw it (so a server whose clock differs from the browser's still gives a timer
 * that starts at 0:00); a stamp found at load is taken as the server wrote it, never later than now.
 * One entry per thing, replaced when its stamp changes.
 */
export function sinceOf(seen: Seen, thing: string, stamp: string | null, watching: boolean, now = Date.now()): number | null {
  if (stamp === null) return null;
  const known = seen.get(thing);
  if (known?.stamp === stamp) return known.at;
  const stamped = Date.parse(stamp);
  const at = watching || Number.isNaN(stamped) ? now : Math.min(now, stamped);
  seen.set(thing, { stamp, at });
  return at;
}
