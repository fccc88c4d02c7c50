// The browser's now for the components that show running times, renewed once a second.
import { useEffect, useState } from 'preact/hooks';

/** The browser's now, renewed every second while the component is shown. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
