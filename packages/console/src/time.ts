// Clocks on screen: a duration as m:ss (h:mm:ss past an hour), ticking once a second. Times come
// from the server's stamps; the console never shows a negative time, even when its clock and the
// server's disagree (a server on a virtual clock in a test, a browser whose clock is wrong).
import { useEffect, useState } from 'preact/hooks';

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The browser's now, renewed every second while the component is shown. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * When something began, in the browser's time. A stamp the console saw change while it watched
 * began when it saw it (so a server whose clock differs from the browser's still gives a timer
 * that starts at 0:00); a stamp found at load is taken as the server wrote it, never later than now.
 */
export function sinceOf(seen: Map<string, number>, key: string, stamp: string | null, watching: boolean): number | null {
  if (stamp === null) return null;
  const known = seen.get(key);
  if (known !== undefined) return known;
  const at = watching ? Date.now() : Math.min(Date.now(), Date.parse(stamp));
  seen.set(key, at);
  return at;
}
