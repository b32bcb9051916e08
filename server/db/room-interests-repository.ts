import type { DbClient } from "./db-client";

/** "Notify me" marks on scheduled rooms. */
export class RoomInterestsRepository {
  constructor(private readonly db: DbClient) {}

  /** Marks or unmarks; both idempotent (a double tap changes nothing). */
  async set(roomId: string, userId: string, interested: boolean): Promise<void> {
    if (interested) {
      await this.db.roomInterest.upsert({
        where: { roomId_userId: { roomId, userId } },
        create: { roomId, userId },
        update: {},
      });
    } else {
      await this.db.roomInterest.deleteMany({ where: { roomId, userId } });
    }
  }

  /** How many marked each room; rooms nobody marked are absent. */
  async counts(roomIds: readonly string[]): Promise<Map<string, number>> {
    if (roomIds.length === 0) return new Map();
    const rows = await this.db.roomInterest.groupBy({
      by: ["roomId"],
      where: { roomId: { in: [...roomIds] } },
      _count: { _all: true },
    });
    return new Map(rows.map((row) => [row.roomId, row._count._all]));
  }

  /** Which of `roomIds` `userId` marked. */
  async roomIdsOf(userId: string, roomIds: readonly string[]): Promise<Set<string>> {
    if (roomIds.length === 0) return new Set();
    const rows = await this.db.roomInterest.findMany({
      where: { userId, roomId: { in: [...roomIds] } },
      select: { roomId: true },
    });
    return new Set(rows.map((row) => row.roomId));
  }

  /** Everyone who marked the room, first marks first. */
  async userIds(roomId: string): Promise<string[]> {
    const rows = await this.db.roomInterest.findMany({
      where: { roomId },
      select: { userId: true },
      orderBy: { createdAt: "asc" },
    });
    return rows.map((row) => row.userId);
  }
}
