import type { ReactionCounts, ReactionEmoji } from "../../src/shared/protocol";

export type ReactionTallyOptions = {
  /** Reactions one member may send within any `perMs` span. */
  perMember: number;
  perMs: number;
};

export type ReactOutcome = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * The reactions of one room in the current window, and each member's recent taps (for the rate
 * limit). Pure bookkeeping with the time passed in: the timer that closes a window lives in
 * server/rooms. `take` hands the window's counts over and starts the next one empty.
 */
export class ReactionTally {
  private counts = new Map<ReactionEmoji, number>();
  /** Per member, the times of their last `perMember` accepted reactions, oldest first. */
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly options: ReactionTallyOptions) {}

  /** Counts one reaction, unless the member already sent `perMember` within the last `perMs`. */
  add(userId: string, emoji: ReactionEmoji, now: number): ReactOutcome {
    const times = (this.recent.get(userId) ?? []).filter((at) => now - at < this.options.perMs);
    if (times.length >= this.options.perMember) {
      this.recent.set(userId, times);
      const oldest = times[0] ?? now;
      return { ok: false, retryAfterMs: Math.max(1, oldest + this.options.perMs - now) };
    }
    times.push(now);
    this.recent.set(userId, times);
    this.counts.set(emoji, (this.counts.get(emoji) ?? 0) + 1);
    return { ok: true };
  }

  /** Whether anything was counted since the last `take`. */
  get pending(): boolean {
    return this.counts.size > 0;
  }

  /**
   * The window's counts (null if nobody reacted), and a fresh window. Members whose taps are all
   * older than `perMs` are forgotten, so a room of thousands keeps no history it no longer needs.
   */
  take(now: number): ReactionCounts | null {
    for (const [userId, times] of this.recent) {
      const last = times[times.length - 1];
      if (last === undefined || now - last >= this.options.perMs) this.recent.delete(userId);
    }
    if (this.counts.size === 0) return null;
    const counts: ReactionCounts = Object.fromEntries(this.counts);
    this.counts = new Map();
    return counts;
  }

  /** How many members the rate limit still remembers (tests: proves `take` forgets). */
  get rememberedMembers(): number {
    return this.recent.size;
  }
}
