import type { AppNotification, NotificationList } from "../../src/shared/protocol";
import type { NotificationRequest } from "./notification-ports";

/**
 * The persistence notifications and pings need; implemented over Prisma in
 * server/db/notification-persistence.ts. Every method is scoped to one person's own rows.
 */
export interface NotificationStore {
  /** Stores one notification per recipient; answers each as its recipient will see it. */
  create(
    recipientIds: readonly string[],
    request: NotificationRequest,
    at: Date,
  ): Promise<{ recipientId: string; notification: AppNotification }[]>;
  /** The newest `limit` notifications of `userId`, and how many of all of theirs are unread. */
  list(userId: string, limit: number): Promise<NotificationList>;
  /** Marks `userId`'s notifications read (the given ids, or all); answers their unread count after. */
  markRead(userId: string, ids: readonly string[] | "all", at: Date): Promise<number>;
  /** Of `candidateIds`, the people `followerId` follows. */
  followeesAmong(followerId: string, candidateIds: readonly string[]): Promise<Set<string>>;
  /**
   * When `actorId` last pinged each of `recipientIds`, into whichever room (only pings since
   * `since`): the cooldown is per pinger and person, so a new room does not reset it.
   */
  lastPings(actorId: string, recipientIds: readonly string[], since: Date): Promise<Map<string, Date>>;
}
