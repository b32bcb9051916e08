import { z } from "zod";
import { personSummarySchema } from "./account-schemas";
import { audioFrameMsSchema, idSchema, roomEndReasonSchema, roomTitleSchema } from "./room-schemas";

/**
 * Rooms as a directory knows them (HTTP): creating, scheduling, looking one up, and the hallway.
 * The live state of a room (members, stage, hands) travels over the socket instead (room-schemas).
 */

/**
 * Who may enter a room. open: anyone, guests included. social: signed-in people followed by
 * someone on the stage (as in Clubhouse). closed: only people the host lets in, by picking them
 * or by the room's share link.
 */
export const roomTypeSchema = z.enum(["open", "social", "closed"]);
export type RoomType = z.infer<typeof roomTypeSchema>;

/** A room's place in its life: announced for later, running, or history. */
export const roomLifecycleSchema = z.enum(["scheduled", "live", "ended"]);
export type RoomLifecycle = z.infer<typeof roomLifecycleSchema>;

export const MAX_TOPICS = 5;
export const MAX_CO_HOSTS = 5;
export const MAX_PICKED_LISTENERS = 50;

/** A topic tag: lower-case words joined by dashes, stored and compared lower-case. */
export const topicSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "a topic cannot be empty")
  .max(24, "keep each topic under 24 characters")
  .regex(/^[\p{Ll}\p{N}]+(-[\p{Ll}\p{N}]+)*$/u, "topics are words joined by dashes, like web-audio");

/** Spoken language as an ISO 639-1 code ("en", "fr"). */
export const languageSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2}$/, "use a two-letter language code like en");

export const roomDescriptionSchema = z.string().trim().max(280, "keep the description under 280 characters");

/**
 * POST /api/rooms. Without `scheduledFor` the room goes live at once with its creator on stage as
 * host; with it, the room is announced for that time (see the scheduling routes).
 */
export const createRoomBodySchema = z.object({
  title: roomTitleSchema,
  description: roomDescriptionSchema.default(""),
  type: roomTypeSchema.default("open"),
  topics: z
    .array(topicSchema)
    .max(MAX_TOPICS, `at most ${MAX_TOPICS} topics`)
    .default([])
    .transform((topics) => [...new Set(topics)]),
  language: languageSchema.default("en"),
  /** Closed rooms: people let in from the start (the host can share the link as well). */
  invitedUserIds: z
    .array(idSchema)
    .max(MAX_PICKED_LISTENERS, `pick at most ${MAX_PICKED_LISTENERS} people`)
    .default([]),
  /** ISO date-time in the future: schedule instead of starting now. */
  scheduledFor: z.iso.datetime({ offset: true }).optional(),
  /** Scheduled rooms: people who may start the room too, and who join it as moderators. */
  coHostIds: z.array(idSchema).max(MAX_CO_HOSTS, `at most ${MAX_CO_HOSTS} co-hosts`).default([]),
  /** Opus frame length for speakers: 60 ms sends a third of the packets (for big listen-only rooms). */
  audioFrameMs: audioFrameMsSchema.default(20),
});
export type CreateRoomBody = z.input<typeof createRoomBodySchema>;
/** The same body after parsing: defaults filled in, topics lower-cased and de-duplicated. */
export type CreateRoomRequest = z.output<typeof createRoomBodySchema>;

/** One room as its page, its card and its event page describe it. */
export const roomDetailsSchema = z.object({
  id: idSchema,
  title: z.string(),
  description: z.string(),
  type: roomTypeSchema,
  topics: z.array(z.string()),
  language: z.string(),
  status: roomLifecycleSchema,
  host: personSummarySchema,
  coHosts: z.array(personSummarySchema),
  createdAt: z.string(),
  scheduledFor: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: roomEndReasonSchema.nullable(),
  /** The moderators' reason, when they ended the room (`staff-ended`). */
  endNote: z.string().nullable(),
  /** Closed rooms, for the host and co-hosts only: the secret that lets a signed-in person in. */
  shareKey: z.string().nullable(),
  /** The room is being recorded right now: the page says so before the person enters. */
  recording: z.boolean().default(false),
});
export type RoomDetails = z.infer<typeof roomDetailsSchema>;

/** GET /api/hallway query: free text over title, description and topics; filters by tag and language. */
export const hallwayQuerySchema = z.object({
  q: z.string().trim().max(80, "keep the search under 80 characters").optional(),
  topic: topicSchema.optional(),
  language: languageSchema.optional(),
});
export type HallwayQuery = z.infer<typeof hallwayQuerySchema>;

/** A face on a hallway card. */
export const stageFaceSchema = z.object({
  userId: idSchema,
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  /** The verified badge on the face. */
  realNameVerified: z.boolean().optional(),
});
export type StageFace = z.infer<typeof stageFaceSchema>;

/** A live room as a card in the hallway, for one viewer. */
export const hallwayRoomSchema = z.object({
  id: idSchema,
  title: z.string(),
  description: z.string(),
  type: roomTypeSchema,
  topics: z.array(z.string()),
  language: z.string(),
  hostId: idSchema,
  hostName: z.string(),
  startedAt: z.string(),
  /** The first few people on stage, host first. */
  speakers: z.array(stageFaceSchema),
  speakerCount: z.number().int().nonnegative(),
  listenerCount: z.number().int().nonnegative(),
  /** How many people this viewer follows are on the stage (what ranks the room first). */
  followedSpeakerCount: z.number().int().nonnegative(),
  /** The host is recording it: the card says so before anyone taps in. */
  recording: z.boolean().default(false),
});
export type HallwayRoom = z.infer<typeof hallwayRoomSchema>;

/**
 * A card as pushed to every hallway watcher when an open room changes (`hallway:room-updated`):
 * the same for everyone, so without the viewer's `followedSpeakerCount`; it carries the stage's
 * ids instead, and each client counts the people it follows among them (its `followingIds`).
 */
export const hallwayCardPushSchema = hallwayRoomSchema.omit({ followedSpeakerCount: true }).extend({
  stageUserIds: z.array(idSchema),
});
export type HallwayCardPush = z.infer<typeof hallwayCardPushSchema>;

export const hallwaySchema = z.object({
  rooms: z.array(hallwayRoomSchema),
  /** Whom the viewer follows: ranks pushed cards on the client the way the server ranks this list. */
  followingIds: z.array(idSchema),
  /** Topic tags of the live rooms this viewer can see, most used first: the filter chips. */
  topics: z.array(z.string()),
  /** Languages of those rooms, for the language filter. */
  languages: z.array(z.string()),
});
export type Hallway = z.infer<typeof hallwaySchema>;
