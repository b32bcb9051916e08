import { z } from "zod";

/**
 * The reactions the room offers, in the order the bar shows them. Six, each a distinct feeling a
 * listener wants to send without words: applause, love, laughter, "that's hot", full agreement,
 * celebration. Few enough to fit one row on a phone; none needs a skin tone or a ZWJ sequence.
 */
export const REACTION_EMOJI = ["👏", "❤️", "😂", "🔥", "💯", "🙌"] as const;
export type ReactionEmoji = (typeof REACTION_EMOJI)[number];

export const reactionEmojiSchema = z.enum(REACTION_EMOJI);

/** How many of each reaction a room received in one window; emoji nobody sent are left out. */
export const reactionCountsSchema = z.partialRecord(reactionEmojiSchema, z.number().int().min(1));
export type ReactionCounts = z.infer<typeof reactionCountsSchema>;

/** The server gathers a room's reactions this long and sends them as one message. */
export const REACTION_WINDOW_MS = 500;
/** Reactions one member may send per second; more are refused with rate_limited. */
export const REACTIONS_PER_SECOND = 5;
