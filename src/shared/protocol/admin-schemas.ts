import { z } from "zod";
import {
  consumerOptionsSchema,
  dtlsParametersSchema,
  routerRtpCapabilitiesOutputSchema,
  rtpCapabilitiesSchema,
  transportOptionsSchema,
} from "./media-schemas";
import { idSchema, producerInfoSchema, roomCountsSchema, roomEndReasonSchema } from "./room-schemas";

/** The console's live rooms can be sorted by size (most people first), reports, or age (oldest first). */
export const adminRoomSortSchema = z.enum(["size", "reports", "age"]);
export type AdminRoomSort = z.infer<typeof adminRoomSortSchema>;

/** GET /api/admin/rooms?sort=size|reports|age (size when absent). */
export const adminRoomsQuerySchema = z.object({ sort: adminRoomSortSchema.default("size") });

/** One live room as staff see it: every type, closed and social included. */
export const adminRoomSchema = z.object({
  id: idSchema,
  title: z.string(),
  type: z.enum(["open", "social", "closed"]),
  host: z.object({ id: z.string(), displayName: z.string() }),
  startedAt: z.string(),
  /** Milliseconds since it started, as of the answer. */
  ageMs: z.number().int().nonnegative(),
  counts: z.object({
    stage: z.number().int().nonnegative(),
    audience: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  /** Reports about this room in the last hour. */
  reportsLastHour: z.number().int().nonnegative(),
});
export type AdminRoom = z.infer<typeof adminRoomSchema>;

export const adminRoomsSchema = z.object({ rooms: z.array(adminRoomSchema), sort: adminRoomSortSchema });
export type AdminRooms = z.infer<typeof adminRoomsSchema>;

/** POST /api/admin/rooms/:roomId/end: the reason every member reads. */
export const endRoomBodySchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3, "say why, in a few words")
    .max(280, "keep the reason under 280 characters"),
});
export type EndRoomBody = z.infer<typeof endRoomBodySchema>;

/** One person on stage as a listening staff member sees them. */
export const listenStageMemberSchema = z.object({
  userId: idSchema,
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  role: z.enum(["host", "moderator", "speaker", "listener"]),
  muted: z.boolean(),
});

/** The room as a silent listener follows it (`staff:listen` answer, `staff:listen-state` pushes). */
export const listenStateSchema = z.object({
  roomId: idSchema,
  title: z.string(),
  status: z.enum(["live", "ended"]),
  endReason: roomEndReasonSchema.nullable(),
  stage: z.array(listenStageMemberSchema),
  counts: roomCountsSchema,
  producers: z.array(producerInfoSchema),
  activeSpeakerId: idSchema.nullable(),
});
export type ListenState = z.infer<typeof listenStateSchema>;

/** Socket commands of a silent listen-in (staff only; nothing here can send audio or act in the room). */
export const staffCommands = {
  /** Start listening to a live room: its media capabilities, a receive transport, and its state. */
  "staff:listen": {
    input: z.object({ roomId: idSchema }),
    output: z.object({
      routerRtpCapabilities: routerRtpCapabilitiesOutputSchema,
      transport: transportOptionsSchema,
      state: listenStateSchema,
    }),
  },
  "staff:listen-connect": {
    input: z.object({ transportId: idSchema, dtlsParameters: dtlsParametersSchema }),
    output: z.object({}),
  },
  "staff:listen-consume": {
    input: z.object({ producerId: idSchema, rtpCapabilities: rtpCapabilitiesSchema }),
    output: consumerOptionsSchema,
  },
  "staff:listen-resume": { input: z.object({ consumerId: idSchema }), output: z.object({}) },
  /** Stop listening (closing the socket does the same). */
  "staff:listen-leave": { input: z.object({}), output: z.object({}) },
} as const;

export const legalNameSchema = z
  .string()
  .trim()
  .min(2, "enter your full legal name")
  .max(120, "keep the name under 120 characters")
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a name may not hold
  .regex(/^[^<>\u0000-\u001f]+$/, "the name has characters we cannot store");

/** POST /api/settings/verification */
export const verificationSubmitSchema = z.object({ legalName: legalNameSchema });

export const verificationStatusSchema = z.enum(["pending", "approved", "rejected"]);

/** The person's own view of their verification (GET /api/settings/verification). */
export const myVerificationSchema = z.object({
  verified: z.boolean(),
  latest: z
    .object({
      id: z.string(),
      status: verificationStatusSchema,
      legalName: z.string(),
      createdAt: z.string(),
      reason: z.string().nullable(),
    })
    .nullable(),
});
export type MyVerification = z.infer<typeof myVerificationSchema>;

/** One request in the staff queue (GET /api/admin/verification); the legal name is shown only here. */
export const verificationQueueItemSchema = z.object({
  id: z.string(),
  legalName: z.string(),
  createdAt: z.string(),
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    avatarUrl: z.string().nullable(),
  }),
});
export type VerificationQueueItem = z.infer<typeof verificationQueueItemSchema>;

export const verificationQueueSchema = z.object({ pending: z.array(verificationQueueItemSchema) });

export const verificationRejectSchema = z.object({
  reason: z.string().trim().min(3, "say why, so they can fix it").max(280, "keep it under 280 characters"),
});

/** What the person reads when the operator requires a verified name (code `verification_required`). */
export const VERIFY_TO_SPEAK_MESSAGE =
  "Verify your real name in Settings → Verification to speak on this server.";
export const VERIFY_TO_HOST_MESSAGE =
  "Verify your real name in Settings → Verification to host rooms on this server.";
