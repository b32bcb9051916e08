import type { Logger } from "../logging/logger";

/** `stop` clears the timer and resolves once a sweep in flight has finished. */
export type SessionPurge = { stop(): Promise<void> };

/**
 * Deletes expired sign-in sessions at start and then every `intervalMs` (0 switches it off).
 * Expired sessions already sign nobody in; the sweep keeps the table (and any backup of it) from
 * growing with every sign-in forever. The timer is unref'd, so it never keeps the process alive,
 * and `stop()` clears it when the app closes. A failed sweep is logged and retried next time.
 */
export function startSessionPurge(options: {
  purge: () => Promise<number>;
  intervalMs: number;
  logger: Logger;
}): SessionPurge {
  if (options.intervalMs <= 0) return { stop: () => Promise.resolve() };
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  const sweep = () => {
    if (stopped) return;
    inFlight = options
      .purge()
      .then((count) => {
        if (count > 0) options.logger.info({ sessions: count }, "expired sessions purged");
      })
      .catch((error: unknown) => options.logger.warn({ err: error }, "expired session purge failed"));
  };
  sweep();
  const timer = setInterval(sweep, options.intervalMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      return inFlight;
    },
  };
}
