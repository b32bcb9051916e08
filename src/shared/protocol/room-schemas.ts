import { z } from "zod";

/** Ids are opaque strings (cuid); bounded so a hostile client cannot send megabytes of "id". */
export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "must be an id");

export const roleSchema = z.enum(["host", "moderator", "speaker", "listener"]);
export type Role = z.infer<typeof roleSchema>;

export const roomStatusSchema = z.enum(["live", "ended"]);
export type RoomStatus = z.infer<typeof roomStatusSchema>;

/** One person in a room as every member sees them. */
export const memberSchema = z.object({
  userId: idSchema,
  displayName: z.string(),
  role: roleSchema,
  muted: z.boolean(),
  joinedAt: z.number(),
  handRaisedAt: z.number().nullable(),
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

/** A room as the hallway and the room header show it. */
export const roomSummarySchema = z.object({
  id: idSchema,
  title: z.string(),
  status: roomStatusSchema,
  hostId: idSchema,
  hostName: z.string(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
});
export type RoomSummary = z.infer<typeof roomSummarySchema>;
