import { z } from "zod";

/** Ids are opaque strings (cuid); bounded so a hostile client cannot send megabytes of "id". */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "must be an id");

export const roleSchema = z.enum(["host", "moderator", "speaker", "listener"]);
export type Role = z.infer<typeof roleSchema>;

export const roomStatusSchema = z.enum(["live", "ended"]);
export type RoomStatus = z.infer<typeof roomStatusSchema>;

/** How far a removal reaches: just out, out of this room for good, or out of every room of this host. */
export const blockScopeSchema = z.enum(["none", "room", "host-rooms"]);
export type BlockScope = z.infer<typeof blockScopeSchema>;

/** Who took someone out of a room, so the removed person and the room can be told why. */
export const removalReasonSchema = z.enum(["removed-by-host", "removed-by-moderator"]);
export type RemovalReason = z.infer<typeof removalReasonSchema>;

/**
 * Why a room ended: its host ended it; its host left with nobody on stage to take over; nobody
 * was on the stage for the grace period; the last person left; or the server gave up on it (no
 * one came back after a restart).
 */
/** Opus frame lengths a room may ask speakers for: 20 ms (standard) or longer frames, fewer packets. */
export const audioFrameMsSchema = z.union([z.literal(20), z.literal(40), z.literal(60)]);
export type AudioFrameMs = z.infer<typeof audioFrameMsSchema>;

/** `staff-ended`: the server's moderators ended it (their reason is the room's end note). */
export const roomEndReasonSchema = z.enum([
  "host-ended",
  "host-left",
  "stage-empty",
  "empty",
  "server",
  "staff-ended",
  "host-suspended",
]);
export type RoomEndReason = z.infer<typeof roomEndReasonSchema>;

/** One person in a room as every member sees them. */
export const memberSchema = z.object({
  userId: idSchema,
  displayName: z.string(),
  /** Their profile picture, or null (initials are drawn). */
  avatarUrl: z.string().nullable(),
  role: roleSchema,
  muted: z.boolean(),
  joinedAt: z.number(),
  /** When the hand went up (null: not raised); hosts and moderators show the time waited from it. */
  handRaisedAt: z.number().nullable(),
  /** When a host or moderator invited this listener on stage (null: no pending invitation). */
  invitedAt: z.number().nullable(),
  /** Guests may only listen: the UI offers them neither a hand nor an invitation. */
  isGuest: z.boolean(),
  /** Staff verified their real name: the badge on their tile (as of their joining). */
  realNameVerified: z.boolean().optional(),
});
export type Member = z.infer<typeof memberSchema>;

/** A live producer in the room: whose voice it carries. */
export const producerInfoSchema = z.object({ producerId: z.string(), userId: idSchema });
export type ProducerInfo = z.infer<typeof producerInfoSchema>;

/** Exact head counts of a room: people on stage, in the audience, and raised hands. */
export const roomCountsSchema = z.object({
  stage: z.number().int().nonnegative(),
  audience: z.number().int().nonnegative(),
  hands: z.number().int().nonnegative(),
});
export type RoomCounts = z.infer<typeof roomCountsSchema>;

/** Most audience members one `room:audience` page (or the join snapshot's first page) carries. */
export const AUDIENCE_PAGE_MAX = 100;
export const AUDIENCE_PAGE_DEFAULT = 50;

/**
 * A page of the audience in join order (joinedAt, then userId). `nextCursor` continues after the
 * last member of this page; null when this page reaches the end of the audience.
 */
export const audiencePageSchema = z.object({
  members: z.array(memberSchema),
  nextCursor: z.string().nullable(),
});
export type AudiencePage = z.infer<typeof audiencePageSchema>;

/**
 * A room as one member sees it on joining: bounded whatever the room's size. It carries the
 * stage in full (it is small), the first page of the audience, the listeners the joiner follows
 * (so familiar faces come first), the joiner themself, and exact counts; the rest of the audience
 * is paged with `room:audience`. `version` grows by one with every stage, role, hand or mute
 * change, so a client can drop deltas it already applied and know when it missed one (then it
 * rejoins). Audience arrivals and departures are not versioned: they come in coalesced batches
 * (`room:audience-changed`).
 */
export const roomSnapshotSchema = z.object({
  roomId: idSchema,
  title: z.string(),
  status: roomStatusSchema,
  hostId: idSchema,
  version: z.number().int().nonnegative(),
  /** Host, moderators and speakers, by arrival. */
  stage: z.array(memberSchema),
  /** The first page of the audience in join order. */
  audience: audiencePageSchema,
  /** Listeners the joiner follows (at most a page), by arrival; they may appear in `audience` too. */
  followedAudience: z.array(memberSchema),
  /** The joiner as the room sees them (null only if they are not in it). */
  self: memberSchema.nullable(),
  /**
   * Raised hands, oldest first (the order hosts take questions in). The whole queue for hosts and
   * moderators; everyone else gets only their own hand, and the number from `counts.hands`.
   */
  raisedHands: z.array(memberSchema),
  counts: roomCountsSchema,
  handRaisingEnabled: z.boolean(),
  /** The host switched the room to music mode (speakers send unprocessed stereo audio). */
  musicMode: z.boolean(),
  /** The host is recording the stage's audio (everyone sees it; joiners are told before they enter). */
  recording: z.boolean(),
  /** How many people (host, moderators, speakers) the stage holds at most. */
  stageLimit: z.number().int().positive(),
  producers: z.array(producerInfoSchema),
  activeSpeakerId: idSchema.nullable(),
});
export type RoomSnapshot = z.infer<typeof roomSnapshotSchema>;

export const roomTitleSchema = z
  .string()
  .trim()
  .min(1, "a room needs a title")
  .max(80, "keep the title under 80 characters");
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "enter a name")
  .max(40, "keep the name under 40 characters")
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a name may not hold
  .regex(/^[^<>\u0000-\u001f]+$/, "the name has characters we cannot show");
