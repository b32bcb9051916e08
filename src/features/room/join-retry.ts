/** The first retry of a join refused `unavailable`, and the longest wait between two. */
const FIRST_RETRY_MS = 2_000;
const LONGEST_RETRY_MS = 10_000;
/** Retries at the first delay before it doubles: a drain or a takeover usually ends within them. */
const STEADY_RETRIES = 3;

/**
 * How long to wait before retry number `attempt` (0 first) of a join the server refused as
 * `unavailable` (restarting, or the room moving to another node). Three tries within 2 s each (a
 * drain or a takeover is usually over by then), then doubling up to 10 s: a room whose takeover is
 * slow is not asked every 2 s by every member, yet a member is back at most 10 s after the room
 * has an owner again. Each wait falls in the second half of its span ("equal jitter"): when a node
 * dies, thousands of members are refused at once, and without the spread they would all come back
 * in the same instant.
 */
export function joinRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  const doublings = Math.max(0, Math.min(attempt, 10) - STEADY_RETRIES + 1);
  const span = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** doublings);
  return Math.round(span / 2 + (random() * span) / 2);
}

/** The retries of one room connection: later and later while refused, from the start once in. */
export class JoinRetry {
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Runs `join` after the next delay (one pending retry at a time). */
  later(join: () => void): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      join();
    }, joinRetryDelayMs(this.attempts++));
  }

  /** Joined: the next refusal starts from the first delay again. */
  joined(): void {
    this.attempts = 0;
  }
}
