import { z } from "zod";
import { Prisma } from "./generated/prisma/client";
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

  /**
   * Still-scheduled rooms announced in [from, until) that `viewerId` (null: a guest) may see, each
   * host's `perHost` soonest (all of the viewer's own), soonest first, at most `limit`. The
   * visibility test mirrors decideScheduledRoomVisibility (server/domain/schedule-visibility.ts),
   * which the service still applies: here it only keeps rooms the viewer cannot see from taking
   * the list's places. One query with a window function, so a host with a thousand rooms costs
   * their share, not the list.
   */
  async listUpcoming(input: {
    viewerId: string | null;
    from: Date;
    until: Date;
    perHost: number;
    limit: number;
  }): Promise<ScheduledRoomRecord[]> {
    const picked = await this.db.$queryRaw<unknown[]>`
      SELECT "id" FROM (
        SELECT r."id", r."hostId", r."scheduledFor",
               ROW_NUMBER() OVER (PARTITION BY r."hostId" ORDER BY r."scheduledFor", r."id") AS "place"
        FROM "Room" r
        WHERE r."status" = 'scheduled'
          AND r."scheduledFor" >= ${input.from} AND r."scheduledFor" < ${input.until}
          AND ${visibleTo(input.viewerId)}
      ) ranked
      WHERE "place" <= ${input.perHost} OR "hostId" = ${input.viewerId}
      ORDER BY "scheduledFor", "id"
      LIMIT ${input.limit}`;
    const ids = z
      .array(z.object({ id: z.string() }))
      .parse(picked)
      .map((row) => row.id);
    if (ids.length === 0) return [];
    const rows = await this.db.room.findMany({ where: { id: { in: ids } }, select: columns });
    const byId = new Map(rows.map((row) => [row.id, toRecord(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
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

/**
 * SQL for "the viewer may see room r" (alias r), rule for rule as decideScheduledRoomVisibility:
 * the host and co-hosts always; nobody the host blocked; open rooms to all; closed rooms to the
 * people let in; social rooms to people the host or a co-host follows. A guest sees open rooms.
 */
function visibleTo(viewerId: string | null): Prisma.Sql {
  if (viewerId === null) return Prisma.sql`r."type" = 'open'`;
  return Prisma.sql`(
    r."hostId" = ${viewerId}
    OR EXISTS (SELECT 1 FROM "RoomCoHost" c WHERE c."roomId" = r."id" AND c."userId" = ${viewerId})
    OR (
      NOT EXISTS (SELECT 1 FROM "Block" b WHERE b."blockerId" = r."hostId" AND b."blockedId" = ${viewerId})
      AND (
        r."type" = 'open'
        OR EXISTS (SELECT 1 FROM "RoomAccess" a WHERE a."roomId" = r."id" AND a."userId" = ${viewerId})
        OR (
          r."type" = 'social'
          AND EXISTS (
            SELECT 1 FROM "Follow" f
            WHERE f."followeeId" = ${viewerId}
              AND (
                f."followerId" = r."hostId"
                OR f."followerId" IN (SELECT c2."userId" FROM "RoomCoHost" c2 WHERE c2."roomId" = r."id")
              )
          )
        )
      )
    )
  )`;
}
