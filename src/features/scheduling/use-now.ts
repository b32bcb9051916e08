"use client";
import { useEffect, useState } from "react";

/**
 * The current time, ticking every `intervalMs`; null during the server render and the first
 * client render, so dates are only ever formatted in the viewer's own time zone and locale (a
 * server-rendered time would be the server's, and React would flag the mismatch).
 */
export function useNow(intervalMs = 30_000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
