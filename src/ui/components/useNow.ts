import { useEffect, useState } from "react";

/** The clock, ticking twice a second while `active` (elapsed times, retry countdowns). */
export function useNow(active: boolean, now: () => number = Date.now): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    if (!active) return;
    setTime(now());
    const timer = setInterval(() => setTime(now()), 500);
    return () => clearInterval(timer);
  }, [active, now]);
  return time;
}
