import type { DbClient } from "./db-client";
import type { RoomStatus, RoomType } from "./records";

/** A room as scheduling sees it: its announcement, who runs it and who may enter a closed one. */
export interface ScheduledRoomRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly type: RoomType;
  readonly topics: string[];
  readonly language: string;
  readonly status: RoomStatus;
  readonly hostId: string;
  readonly coHostIds: string[];
  /** Closed rooms: people the host picked or the link let in. */
  readonly allowedUserIds: string[];
  readonly scheduledFor: Date | null;
  readonly startedAt: Date | null;
}

const columns = {
  id: true,
  title: true,
  description: true,
  type: true,
  topics: true,
  language: true,
  status: true,
  hostId: true,
  scheduledFor: true,
  startedAt: true,
  coHosts: { select: { userId: true }, orderBy: { createdAt: "asc" } },
  access: { select: { userId: true } },
} as const;

type Row = Omit<ScheduledRoomRecord, "coHostIds" | "allowedUserIds"> & {
  coHosts: { userId: string }[];
  access: { userId: string }[];
};

function toRecord(row: Row): ScheduledRoomRecord {
  const { coHosts, access, ...room } = row;
  return { ...room, coHostIds: coHosts.map((c) => c.userId), allowedUserIds: access.map((a) => a.userId) };
}

/**
 * Scheduled rooms: the announcements list (served by the (status, scheduledFor) index) and the
 * state changes of a room that has not started: start once, undo a failed start, cancel.
 */
export class ScheduledRoomsRepository {
  constructor(private readonly db: DbClient) {}

  async findById(id: string): Promise<ScheduledRoomRecord | null> {
    const row = await this.db.room.findUnique({ where: { id }, select: columns });
    return row === null ? null : toRecord(row);
  }

  /** Still-scheduled rooms announced in [from, until), soonest first. */
  async listScheduled(input: { from: Date; until: Date; limit: number }): Promise<ScheduledRoomRecord[]> {
    const rows = await this.db.room.findMany({
      where: { status: "scheduled", scheduledFor: { gte: input.from, lt: input.until } },
      orderBy: [{ scheduledFor: "asc" }, { id: "asc" }],
      take: input.limit,
      select: columns,
    });
    return rows.map(toRecord);
  }

  /**
   * scheduled → live at `at`. Conditional on the status, so of two simultaneous starts exactly one
   * changes the row (the other sees count 0).
   */
  async markStarted(id: string, at: Date): Promise<boolean> {
    const { count } = await this.db.room.updateMany({
      where: { id, status: "scheduled" },
      data: { status: "live", startedAt: at },
    });
    return count === 1;
  }

  /** Back to scheduled, only if the start made at `at` is still the room's state. */
  async revertStart(id: string, at: Date): Promise<void> {
    await this.db.room.updateMany({
      where: { id, status: "live", startedAt: at },
      data: { status: "scheduled", startedAt: null },
    });
  }

  /** scheduled → ended with reason host-ended; false if it was no longer scheduled. */
  async markCancelled(id: string, at: Date): Promise<boolean> {
    const { count } = await this.db.room.updateMany({
      where: { id, status: "scheduled" },
      data: { status: "ended", endedAt: at, endReason: "host-ended" },
    });
    return count === 1;
  }

  /** Which of `hostIds` blocked `userId` (their announcements are hidden from that person). */
  async hostsBlocking(userId: string, hostIds: readonly string[]): Promise<string[]> {
    if (hostIds.length === 0) return [];
    const rows = await this.db.block.findMany({
      where: { blockedId: userId, blockerId: { in: [...hostIds] } },
      select: { blockerId: true },
    });
    return rows.map((row) => row.blockerId);
  }
}
