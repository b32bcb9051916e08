import type { DbClient } from "./db-client";

/** The stored kinds (Prisma enum values). */
export type NotificationKindRecord =
  "ping" | "room_live" | "staff_warning" | "verification_approved" | "verification_rejected" | "chat_mention";

/** A notification with who caused it and the room it is about, joined for display. */
export type NotificationRecord = {
  id: string;
  userId: string;
  kind: NotificationKindRecord;
  createdAt: Date;
  readAt: Date | null;
  text: string | null;
  actor: { id: string; username: string | null; displayName: string; avatarFile: string | null } | null;
  room: { id: string; title: string; status: "scheduled" | "live" | "ended" } | null;
};

const recordColumns = {
  id: true,
  userId: true,
  kind: true,
  createdAt: true,
  readAt: true,
  text: true,
  actor: { select: { id: true, username: true, displayName: true, avatarFile: true } },
  room: { select: { id: true, title: true, status: true } },
} as const;

/**
 * In-app notifications (the bell). Every read and write is scoped to the recipient's own id, so
 * one person can never list or mark another's. Also answers the two questions pinging asks of the
 * database: whom does the pinger follow, and whom did they ping into this room lately.
 */
export class NotificationsRepository {
  constructor(private readonly db: DbClient) {}

  /** One notification per recipient, all with the same kind, actor and room; returned joined. */
  async createMany(
    recipientIds: readonly string[],
    input: {
      kind: NotificationKindRecord;
      actorId: string | null;
      roomId: string | null;
      text?: string | null;
      at: Date;
    },
  ): Promise<NotificationRecord[]> {
    if (recipientIds.length === 0) return [];
    const created = await this.db.notification.createManyAndReturn({
      data: recipientIds.map((userId) => ({
        userId,
        kind: input.kind,
        actorId: input.actorId,
        roomId: input.roomId,
        text: input.text ?? null,
        createdAt: input.at,
      })),
      select: { id: true },
    });
    return this.db.notification.findMany({
      where: { id: { in: created.map((row) => row.id) } },
      select: recordColumns,
      orderBy: { createdAt: "desc" },
    });
  }

  /** The owner's newest notifications first (ties broken by id, so pages are stable). */
  listForUser(userId: string, limit: number): Promise<NotificationRecord[]> {
    return this.db.notification.findMany({
      where: { userId },
      select: recordColumns,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
    });
  }

  countUnread(userId: string): Promise<number> {
    return this.db.notification.count({ where: { userId, readAt: null } });
  }

  /** Marks the owner's unread notifications read: those in `ids`, or all. Others' ids are ignored. */
  async markRead(userId: string, ids: readonly string[] | "all", at: Date): Promise<number> {
    const where = ids === "all" ? { userId, readAt: null } : { userId, readAt: null, id: { in: [...ids] } };
    const { count } = await this.db.notification.updateMany({ where, data: { readAt: at } });
    return count;
  }

  /** Of `candidateIds`, the people `followerId` follows. */
  async followeesAmong(followerId: string, candidateIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.follow.findMany({
      where: { followerId, followeeId: { in: [...candidateIds] } },
      select: { followeeId: true },
    });
    return new Set(rows.map((row) => row.followeeId));
  }

  /**
   * When `actorId` last pinged each of `recipientIds` into any room, for pings since `since`
   * (served by the index on (userId, createdAt)).
   */
  async lastPings(actorId: string, recipientIds: readonly string[], since: Date): Promise<Map<string, Date>> {
    const rows = await this.db.notification.groupBy({
      by: ["userId"],
      where: { kind: "ping", actorId, userId: { in: [...recipientIds] }, createdAt: { gte: since } },
      _max: { createdAt: true },
    });
    const last = new Map<string, Date>();
    for (const row of rows) if (row._max.createdAt) last.set(row.userId, row._max.createdAt);
    return last;
  }
}
