import { z } from "zod";
import { errorCodeSchema } from "./ack";
import { roomLifecycleSchema } from "./room-directory-schemas";
import { idSchema } from "./room-schemas";

/**
 * ping: someone in a room asked you to join it; room-live: a room you wanted to hear about started;
 * staff-warning: platform staff warned you (their reason in `text`); verification-approved and
 * verification-rejected: the outcome of your real-name request (a rejection's reason in `text`);
 * chat-mention: someone wrote `@you` in a room's chat (the message, shortened, in `text`).
 */
export const notificationKindSchema = z.enum([
  "ping",
  "room-live",
  "staff-warning",
  "verification-approved",
  "verification-rejected",
  "chat-mention",
]);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** Who caused a notification, as the bell shows them. */
export const notificationActorSchema = z.object({
  id: z.string(),
  username: z.string().nullable(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
});
export type NotificationActor = z.infer<typeof notificationActorSchema>;

/** The room a notification is about, with its status now (so an old ping can say the room ended). */
export const notificationRoomSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: roomLifecycleSchema,
});
export type NotificationRoom = z.infer<typeof notificationRoomSchema>;

/** One in-app notification as its recipient sees it. Dates are ISO strings; readAt is null while unread. */
export const notificationSchema = z.object({
  id: z.string(),
  kind: notificationKindSchema,
  createdAt: z.string(),
  readAt: z.string().nullable(),
  /** Null when the person who caused it deleted their account, or for system notifications. */
  actor: notificationActorSchema.nullable(),
  /** Null if the room is gone, and for notifications about no room (warnings, verification). */
  room: notificationRoomSchema.nullable(),
  /** Words some kinds carry: a warning's reason, a rejected verification's reason. */
  text: z.string().nullable(),
});
export type AppNotification = z.infer<typeof notificationSchema>;

/** GET /api/notifications: newest first (at most NOTIFICATION_PAGE_SIZE), and how many are unread in all. */
export const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
  unreadCount: z.number().int().min(0),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const NOTIFICATION_PAGE_SIZE = 50;

/** POST /api/notifications/read: the given notifications, or all of mine when `ids` is absent. */
export const markNotificationsReadBodySchema = z.object({
  ids: z.array(idSchema).min(1).max(200).optional(),
});
export type MarkNotificationsReadBody = z.infer<typeof markNotificationsReadBodySchema>;

export const markNotificationsReadAnswerSchema = z.object({ unreadCount: z.number().int().min(0) });

/** Most people one ping may name. */
export const MAX_PING_TARGETS = 20;

/** `room:ping` input: people (by id) to ping into the room the socket is in. */
export const pingInputSchema = z.object({ userIds: z.array(idSchema).min(1).max(MAX_PING_TARGETS) });

/** Why one person was not pinged, with a sentence to show next to their name. */
export const pingRefusalSchema = z.object({ userId: z.string(), code: errorCodeSchema, message: z.string() });
export type PingRefusal = z.infer<typeof pingRefusalSchema>;

/** `room:ping` answer: every requested person is in exactly one of the two lists. */
export const pingOutputSchema = z.object({
  pinged: z.array(z.string()),
  refused: z.array(pingRefusalSchema),
});
export type PingOutput = z.infer<typeof pingOutputSchema>;
