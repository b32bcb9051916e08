import { z } from "zod";

/** Ids are opaque strings (cuid); bounded so a hostile client cannot send megabytes of "id". */
export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "must be an id");

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

export const roomEndReasonSchema = z.enum(["host-ended", "host-left", "stage-empty", "empty", "server"]);
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
});
export type Member = z.infer<typeof memberSchema>;

/** A live producer in the room: whose voice it carries. */
export const producerInfoSchema = z.object({ producerId: z.string(), userId: idSchema });
export type ProducerInfo = z.infer<typeof producerInfoSchema>;

/**
 * The whole state of a room as a member sees it. `version` grows by one with every change, so a
 * client can drop deltas it has already applied and know when it missed one (then it rejoins).
 */
export const roomSnapshotSchema = z.object({
  roomId: idSchema,
  title: z.string(),
  status: roomStatusSchema,
  hostId: idSchema,
  version: z.number().int().nonnegative(),
  members: z.array(memberSchema),
  /** User ids of raised hands, oldest first: the order in which hosts take questions. */
  handQueue: z.array(idSchema),
  handRaisingEnabled: z.boolean(),
  /** How many people (host, moderators, speakers) the stage holds at most. */
  stageLimit: z.number().int().positive(),
  producers: z.array(producerInfoSchema),
  activeSpeakerId: idSchema.nullable(),
});
export type RoomSnapshot = z.infer<typeof roomSnapshotSchema>;

export const roomTitleSchema = z.string().trim().min(1, "a room needs a title").max(80, "keep the title under 80 characters");
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "enter a name")
  .max(40, "keep the name under 40 characters")
  .regex(/^[^<>\u0000-\u001f]+$/, "the name has characters we cannot show");
