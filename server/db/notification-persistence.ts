import type { AppNotification } from "../../src/shared/protocol";
import { AVATAR_URL_PREFIX } from "./account-persistence";
import type {
  NotificationKindRecord,
  NotificationRecord,
  NotificationsRepository,
} from "./notifications-repository";

const PROTOCOL_KIND: Record<NotificationKindRecord, AppNotification["kind"]> = {
  ping: "ping",
  room_live: "room-live",
  staff_warning: "staff-warning",
  verification_approved: "verification-approved",
  verification_rejected: "verification-rejected",
  chat_mention: "chat-mention",
};

/** A stored notification as its recipient sees it (protocol names: `room-live`, ISO dates, avatar URLs). */
export function toAppNotification(record: NotificationRecord): AppNotification {
  return {
    id: record.id,
    kind: PROTOCOL_KIND[record.kind],
    createdAt: record.createdAt.toISOString(),
    readAt: record.readAt?.toISOString() ?? null,
    actor: record.actor
      ? {
          id: record.actor.id,
          username: record.actor.username,
          displayName: record.actor.displayName,
          avatarUrl: record.actor.avatarFile ? `${AVATAR_URL_PREFIX}${record.actor.avatarFile}` : null,
        }
      : null,
    room: record.room,
    text: record.text,
  };
}

type NotificationRequest =
  | { kind: "ping" | "room_live"; actorId: string | null; roomId: string }
  | { kind: "chat_mention"; actorId: string; roomId: string; text: string }
  | {
      kind: "staff_warning" | "verification_approved" | "verification_rejected";
      actorId: string | null;
      text: string;
    };

/**
 * The notifications port over the repository (its NotificationStore shape is checked where
 * persistence.ts hands it to the app: like the room store, the db layer imports no service layer).
 */
export function createNotificationStore(notifications: NotificationsRepository) {
  return {
    async create(recipientIds: readonly string[], request: NotificationRequest, at: Date) {
      const records = await notifications.createMany(recipientIds, {
        kind: request.kind,
        actorId: request.actorId,
        roomId: "roomId" in request ? request.roomId : null,
        text: "text" in request ? request.text : null,
        at,
      });
      return records.map((record) => ({
        recipientId: record.userId,
        notification: toAppNotification(record),
      }));
    },
    async list(userId: string, limit: number) {
      const [records, unreadCount] = await Promise.all([
        notifications.listForUser(userId, limit),
        notifications.countUnread(userId),
      ]);
      return { notifications: records.map(toAppNotification), unreadCount };
    },
    async markRead(userId: string, ids: readonly string[] | "all", at: Date) {
      await notifications.markRead(userId, ids, at);
      return notifications.countUnread(userId);
    },
    followeesAmong: (followerId: string, candidateIds: readonly string[]) =>
      notifications.followeesAmong(followerId, candidateIds),
    lastPings: (actorId: string, recipientIds: readonly string[], since: Date) =>
      notifications.lastPings(actorId, recipientIds, since),
  };
}
