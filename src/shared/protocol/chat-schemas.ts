import { z } from "zod";
import { idSchema } from "./room-schemas";

/** Longest chat message, in characters (code points after trimming). */
export const CHAT_MAX_LENGTH = 500;
/** Messages a join brings, and the most one history page holds. */
export const CHAT_PAGE_SIZE = 50;
/** The slow-mode settings a host may pick, in seconds between one person's messages (0: off). */
export const CHAT_SLOW_MODE_SECONDS = [0, 10, 30, 60] as const;
/**
 * New messages of a room are gathered this long and sent as one `chat:messages`: a burst of a
 * hundred messages costs each of thousands of members one write, not a hundred.
 */
export const CHAT_FANOUT_WINDOW_MS = 100;

export const chatSlowModeSchema = z.union([z.literal(0), z.literal(10), z.literal(30), z.literal(60)]);
export type ChatSlowMode = z.infer<typeof chatSlowModeSchema>;

/** One chat message as every member sees it. `sentAt` is an ISO date. */
export const chatMessageSchema = z.object({
  id: idSchema,
  authorId: idSchema,
  authorName: z.string(),
  /** The author's handle (null for an account without one), for the `@username` a reply needs. */
  authorUsername: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  text: z.string(),
  sentAt: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** The room's chat rules, as the host and moderators set them. */
export const chatSettingsSchema = z.object({
  /** Off: nobody writes (history stays readable). */
  enabled: z.boolean(),
  slowModeSeconds: chatSlowModeSchema,
});
export type ChatSettings = z.infer<typeof chatSettingsSchema>;

/**
 * What a join brings of the chat: the newest messages (oldest first), whether older ones exist,
 * the rules, whether this person may write now (guests read; muted people read), and the authors
 * this person blocked (their messages are hidden for them, also those arriving later).
 */
export const chatJoinSchema = z.object({
  messages: z.array(chatMessageSchema),
  hasMore: z.boolean(),
  settings: chatSettingsSchema,
  canWrite: z.boolean(),
  /** Why not, when `canWrite` is false: a guest, muted by a moderator, or chat turned off. */
  readOnlyReason: z.enum(["guest", "muted", "disabled"]).nullable(),
  /** Hosts and moderators: the people whose chat is muted. Empty for everyone else. */
  mutedUserIds: z.array(idSchema),
  hiddenAuthorIds: z.array(idSchema),
});
export type ChatJoin = z.infer<typeof chatJoinSchema>;

export const chatCommands = {
  /**
   * Writes a message (1-500 characters). Refused: `forbidden` for guests (unless GUEST_CHAT),
   * muted people and a chat that is off; `rate_limited` past the per-person limit or within slow
   * mode (the message says the seconds left); `invalid_input` when a word filter blocks it.
   * Answers with the stored message and how many ms until this person may send again.
   */
  "chat:send": {
    input: z.object({
      text: z
        .string()
        .min(1)
        .max(CHAT_MAX_LENGTH * 4),
    }),
    output: z.object({ message: chatMessageSchema, nextInMs: z.number().int().min(0) }),
  },
  /** Older messages, before the message `before` (oldest first), at most CHAT_PAGE_SIZE. */
  "chat:history": {
    input: z.object({ before: idSchema }),
    output: z.object({ messages: z.array(chatMessageSchema), hasMore: z.boolean() }),
  },
  /** Host or moderator: the message is gone for everyone (`chat:deleted`). */
  "chat:delete": { input: z.object({ messageId: idSchema }), output: z.object({}) },
  /** Host or moderator: this person may (not) write in this room's chat. */
  "chat:mute": {
    input: z.object({ userId: idSchema, muted: z.boolean() }),
    output: z.object({ mutedUserIds: z.array(idSchema) }),
  },
  /** Chat on or off (host or moderator); slow mode (host only). */
  "chat:set-settings": {
    input: z.object({ enabled: z.boolean().optional(), slowModeSeconds: chatSlowModeSchema.optional() }),
    output: chatSettingsSchema,
  },
} as const;

export const chatEvents = {
  /** New messages of the last window (CHAT_FANOUT_WINDOW_MS), oldest first: one event per window. */
  "chat:messages": z.object({ messages: z.array(chatMessageSchema) }),
  /** A host or moderator deleted these messages: remove them. */
  "chat:deleted": z.object({ messageIds: z.array(idSchema) }),
  /** The room's chat rules changed. */
  "chat:settings": chatSettingsSchema,
  /** Only to the person concerned (all their tabs): a moderator (un)muted their chat. */
  "chat:you-muted": z.object({ roomId: idSchema, muted: z.boolean() }),
} as const;
