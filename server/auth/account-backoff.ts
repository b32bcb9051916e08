import type { LimiterTicket } from "./sliding-window-limiter";

export type BackoffOptions = {
  /** Failures in the window that cost nothing extra. */
  free: number;
  windowMs: number;
  baseMs: number;
  maxMs: number;
  now?: () => number;
};

/**
 * Exponential backoff per account, over every address together. The first `free` failures in the
 * window pass; after that each attempt must come `baseMs · 2^(failures − free)` (at most `maxMs`)
 * after the previous one. It slows a guesser spread over many addresses to about one guess per
 * `maxMs`, and never shuts the account: whoever knows the password waits at most `maxMs`.
 * Attempts are counted when taken, before the password is checked, and handed back if right.
 */
export class AccountBackoff {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: BackoffOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds until `key` may try again, or 0. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    const over = recent.length - this.options.free;
    const last = recent[recent.length - 1];
    if (over < 0 || last === undefined) return 0;
    const delay = Math.min(this.options.maxMs, this.options.baseMs * 2 ** Math.min(over, 30));
    return Math.max(0, last + delay - this.now());
  }

  /** Counts an attempt now (the caller checked retryAfterMs first, with no await between). */
  take(key: string): LimiterTicket {
    const at = this.now();
    const recent = this.recent(key);
    recent.push(at);
    this.failures.set(key, recent);
    if (this.failures.size > 10_000) this.prune();
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const hits = this.failures.get(key);
        const index = hits?.lastIndexOf(at) ?? -1;
        if (hits && index >= 0) hits.splice(index, 1);
      },
    };
  }

  /** The right password was given: the account's slate is clean. */
  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.options.windowMs;
    return (this.failures.get(key) ?? []).filter((at) => at > since);
  }

  private prune(): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key).length === 0) this.failures.delete(key);
    }
  }
}
