/** A counted attempt that can be handed back (a sign-in that turned out right, say). */
export type LimiterTicket = { release(): void };

/**
 * Counts events per key over a sliding window (in memory: one process serves the app). Used to
 * slow down password guessing per account and per address, sign-ups and room joins per address.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it is under the limit. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    const oldest = recent[recent.length - this.limit] ?? this.now();
    return Math.max(1, oldest + this.windowMs - this.now());
  }

  /**
   * Checks and counts in one step, with no await in between: a burst of parallel attempts cannot
   * all see the same free slot (the check-then-record race of doing slow work in the middle).
   */
  tryTake(key: string): { ok: true; ticket: LimiterTicket } | { ok: false; retryAfterMs: number } {
    const retryAfterMs = this.retryAfterMs(key);
    if (retryAfterMs > 0) return { ok: false, retryAfterMs };
    return { ok: true, ticket: this.take(key) };
  }

  /** Counts one event now, whatever the count; the ticket takes it back. */
  take(key: string): LimiterTicket {
    const at = this.now();
    this.record(key, at);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const hits = this.hits.get(key);
        const index = hits?.lastIndexOf(at) ?? -1;
        if (hits && index >= 0) hits.splice(index, 1);
      },
    };
  }

  record(key: string, at: number = this.now()): void {
    const recent = this.recent(key);
    recent.push(at);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune();
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.hits.get(key) ?? []).filter((at) => at > since);
  }

  /** Bounds memory under a spray of keys: forget keys with nothing in the window. */
  private prune(): void {
    for (const key of [...this.hits.keys()]) {
      if (this.recent(key).length === 0) this.hits.delete(key);
    }
  }
}
