import type { DbClient } from "./db-client";
import type { RoomMemberRecord, RoomRole } from "./records";

const memberColumns = {
  roomId: true,
  userId: true,
  role: true,
  joinedAt: true,
  leftAt: true,
  handRaisedAt: true,
  muted: true,
  user: { select: { displayName: true, avatarFile: true, realNameVerified: true } },
} as const;

type MemberRow = Omit<RoomMemberRecord, "displayName" | "avatarFile" | "realNameVerified"> & {
  user: { displayName: string; avatarFile: string | null; realNameVerified: boolean };
};

/**
 * Room membership history: one row per (room, user), kept after leaving (leftAt) so that a user
 * who comes back reuses it.
 */
export class RoomMembersRepository {
  constructor(private readonly db: DbClient) {}

  /**
   * Records that `userId` is in `roomId` with `role`: on first join, on a rejoin (which clears
   * leftAt and starts a new joinedAt) and on a role change (which keeps joinedAt).
   */
  async upsertRole(
    roomId: string,
    userId: string,
    role: RoomRole,
    at: Date = new Date(),
  ): Promise<RoomMemberRecord> {
    // Read then upsert is not atomic, which is fine: each room's service runs its commands one at
    // a time, so it is the only writer of that room's members. The upsert still cannot duplicate.
    const existing = await this.db.roomMember.findUnique({
      where: { roomId_userId: { roomId, userId } },
      select: { leftAt: true },
    });
    const rejoining = existing !== null && existing.leftAt !== null;
    const row = await this.db.roomMember.upsert({
      where: { roomId_userId: { roomId, userId } },
      create: { roomId, userId, role, joinedAt: at },
      update: rejoining ? { role, leftAt: null, joinedAt: at, handRaisedAt: null, muted: true } : { role },
      select: memberColumns,
    });
    return toMemberRecord(row);
  }

  /** Marks the member as gone (and lowers their hand). No-op if they were not in the room. */
  async markLeft(roomId: string, userId: string, at: Date = new Date()): Promise<void> {
    await this.db.roomMember.updateMany({
      where: { roomId, userId, leftAt: null },
      data: { leftAt: at, handRaisedAt: null },
    });
  }

  /**
   * Writes a batch of listeners' arrivals (a listener row, as `upsertRole` does) and departures.
   * Departures of the batch go in one statement; arrivals need their own upsert each (a rejoin
   * resets the row). Not one transaction (repositories run on a client or a caller's `tx`): a
   * batch that fails part-way is retried whole, and every statement here is idempotent.
   */
  async applyAudienceChanges(
    roomId: string,
    changes: readonly { userId: string; change: "joined" | "left"; at: Date }[],
  ): Promise<void> {
    const arrivals = changes.filter((c) => c.change === "joined");
    const departures = changes.filter((c) => c.change === "left");
    for (const arrival of arrivals) await this.upsertRole(roomId, arrival.userId, "listener", arrival.at);
    // Departures of one batch share one leftAt (the latest): a second of precision is all a restart needs.
    const last = departures.reduce<Date | null>(
      (latest, d) => (latest === null || d.at > latest ? d.at : latest),
      null,
    );
    if (last !== null) {
      await this.db.roomMember.updateMany({
        where: { roomId, userId: { in: departures.map((d) => d.userId) }, leftAt: null },
        data: { leftAt: last, handRaisedAt: null },
      });
    }
  }

  /** Members currently in the room, in order of arrival. */
  async listActive(roomId: string): Promise<RoomMemberRecord[]> {
    const rows = await this.db.roomMember.findMany({
      where: { roomId, leftAt: null },
      orderBy: [{ joinedAt: "asc" }, { userId: "asc" }],
      select: memberColumns,
    });
    return rows.map(toMemberRecord);
  }
}

function toMemberRecord(row: MemberRow): RoomMemberRecord {
  return {
    roomId: row.roomId,
    userId: row.userId,
    displayName: row.user.displayName,
    avatarFile: row.user.avatarFile,
    realNameVerified: row.user.realNameVerified,
    role: row.role,
    joinedAt: row.joinedAt,
    leftAt: row.leftAt,
    handRaisedAt: row.handRaisedAt,
    muted: row.muted,
  };
}
