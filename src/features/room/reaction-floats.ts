import { REACTION_EMOJI, type ReactionCounts, type ReactionEmoji } from "@/shared/protocol";

/** Most emoji floating on screen at once, however big the counts: the room stays readable. */
export const MAX_FLOATING = 30;
/** How long one emoji floats (the CSS animation's length). */
export const FLOAT_MS = 2400;

export type Float = {
  id: number;
  emoji: ReactionEmoji;
  /** 0..1 across the lane */ x: number;
  delayMs: number;
};

/**
 * Turns one window's counts into new floating emoji, given how many are already on screen: every
 * emoji sent gets at least one (while there is room), the rest are shared in proportion, and the
 * total never exceeds MAX_FLOATING. `random` is injected so tests are exact.
 */
export function planFloats(
  counts: ReactionCounts,
  onScreen: number,
  nextId: number,
  random: () => number = Math.random,
): Float[] {
  const room = Math.max(0, MAX_FLOATING - onScreen);
  const sent = REACTION_EMOJI.flatMap((emoji) => {
    const n = counts[emoji] ?? 0;
    return n > 0 ? [{ emoji, n }] : [];
  });
  const total = sent.reduce((sum, { n }) => sum + n, 0);
  if (room === 0 || total === 0) return [];
  // First one of each (most sent first), then the rest in proportion, never past `room`.
  const order = [...sent].sort((a, b) => b.n - a.n);
  const share = new Map<ReactionEmoji, number>();
  for (const { emoji } of order) if (share.size < room) share.set(emoji, 1);
  let left = Math.min(room, total) - share.size;
  for (const { emoji, n } of order) {
    if (left <= 0) break;
    const extra = Math.min(left, n - 1, Math.floor(((n - 1) / total) * Math.min(room, total)));
    if (extra > 0) share.set(emoji, (share.get(emoji) ?? 0) + extra);
    left -= Math.max(0, extra);
  }
  for (const { emoji, n } of order) {
    if (left <= 0) break;
    const have = share.get(emoji) ?? 0;
    const more = Math.min(left, n - have);
    if (more > 0 && have > 0) share.set(emoji, have + more);
    left -= Math.max(0, more);
  }
  const floats: Float[] = [];
  let id = nextId;
  for (const [emoji, n] of share)
    for (let i = 0; i < n; i++)
      floats.push({ id: id++, emoji, x: random(), delayMs: Math.floor(random() * 400) });
  return floats;
}

/** The running totals a reduced-motion counter shows: this window's counts added to what is showing. */
export function addCounts(showing: ReactionCounts, counts: ReactionCounts): ReactionCounts {
  const next: ReactionCounts = { ...showing };
  for (const emoji of REACTION_EMOJI) {
    const n = counts[emoji];
    if (n !== undefined) next[emoji] = (next[emoji] ?? 0) + n;
  }
  return next;
}
