import { SlidingWindowLimiter } from "../auth/sliding-window-limiter";
import type { Limits } from "../config/limits";

const MINUTE_MS = 60_000;

/**
 * The Socket.IO limits per client address (SEC-4): how many sockets it holds open at once
 * (MAX_SOCKETS_PER_IP) and how many rooms it joins per minute (JOINS_PER_IP_PER_MINUTE). Every
 * cookie-less connection is a new guest, so a per-connection limit alone bounds nothing.
 */
export class AddressLimits {
  private readonly open = new Map<string, number>();
  private readonly joins: SlidingWindowLimiter;

  constructor(
    private readonly limits: Limits["sockets"],
    now: () => number = Date.now,
  ) {
    this.joins = new SlidingWindowLimiter(limits.joinsPerIpPerMinute, MINUTE_MS, now);
  }

  /** Takes a socket slot for `key`, or null when it already holds the most. Release is idempotent. */
  openSocket(key: string): (() => void) | null {
    const held = this.open.get(key) ?? 0;
    if (held >= this.limits.perIp) return null;
    this.open.set(key, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = (this.open.get(key) ?? 1) - 1;
      if (now <= 0) this.open.delete(key);
      else this.open.set(key, now);
    };
  }

  openSockets(key: string): number {
    return this.open.get(key) ?? 0;
  }

  /** Counts a room:join of `key`; the milliseconds to wait when over the limit, else 0. */
  join(key: string): number {
    const taken = this.joins.tryTake(key);
    return taken.ok ? 0 : taken.retryAfterMs;
  }
}
