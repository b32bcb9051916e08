import type { DbClient } from "./db-client";
import { Prisma } from "./generated/prisma/client";
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

/** Rows per multi-row upsert: 3 parameters each, far below PostgreSQL's 65,535 per statement. */
const ARRIVAL_CHUNK = 300;
/** Ids per departures' `updateMany` (one parameter each). */
const DEPARTURE_CHUNK = 2000;

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
   * Writes a batch of listeners' arrivals (a listener row, as `upsertRole` does) and departures:
   * arrivals first, in the given order, then departures. A constant number of statements per
   * chunk of rows (one round trip per arrival was the first limit of a signed-in crowd,
   * docs/SCALING.md). Not one transaction (repositories run on a client or a caller's `tx`): a
   * batch that fails part-way is retried whole, and every statement here is idempotent.
   */
  async applyAudienceChanges(
    roomId: string,
    changes: readonly { userId: string; change: "joined" | "left"; at: Date }[],
  ): Promise<void> {
    // A person's second arrival in one batch changes nothing after their first (as upsertRole),
    // and one INSERT ... ON CONFLICT may not touch a row twice: keep each person's first.
    const arrivals = new Map<string, Date>();
    for (const c of changes)
      if (c.change === "joined" && !arrivals.has(c.userId)) arrivals.set(c.userId, c.at);
    const rows = [...arrivals];
    for (let i = 0; i < rows.length; i += ARRIVAL_CHUNK)
      await this.db.$executeRaw(arrivalUpsert(roomId, rows.slice(i, i + ARRIVAL_CHUNK)));
    const departures = changes.filter((c) => c.change === "left").map((d) => d.userId);
    // Departures of one batch share one leftAt (the latest): a second of precision is all a restart needs.
    const last = changes.reduce<Date | null>(
      (latest, c) => (c.change === "left" && (latest === null || c.at > latest) ? c.at : latest),
      null,
    );
    if (last === null) return;
    for (let i = 0; i < departures.length; i += DEPARTURE_CHUNK) {
      await this.db.roomMember.updateMany({
        where: { roomId, userId: { in: departures.slice(i, i + DEPARTURE_CHUNK) }, leftAt: null },
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

/**
 * One statement for many arrivals, with the semantics of `upsertRole(..., "listener", at)`: a new
 * row is a listener joined at `at` (leftAt and hand empty, muted by default); an existing row
 * becomes a listener, and if it had left it is a rejoin (new joinedAt, hand down, muted). In SET,
 * "RoomMember" is the row as it was, so every CASE sees the old leftAt. Times go as ISO strings
 * cast to timestamp(3), how Prisma stores a DateTime (UTC wall time), whatever the session's zone.
 */
function arrivalUpsert(roomId: string, rows: readonly [userId: string, at: Date][]): Prisma.Sql {
  const values = rows.map(
    ([userId, at]) =>
      Prisma.sql`(${roomId}, ${userId}, 'listener'::"RoomRole", ${at.toISOString()}::timestamp(3))`,
  );
  return Prisma.sql`
    INSERT INTO "RoomMember" ("roomId", "userId", "role", "joinedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("roomId", "userId") DO UPDATE SET
      "role" = EXCLUDED."role",
      "joinedAt" = CASE WHEN "RoomMember"."leftAt" IS NULL THEN "RoomMember"."joinedAt" ELSE EXCLUDED."joinedAt" END,
      "handRaisedAt" = CASE WHEN "RoomMember"."leftAt" IS NULL THEN "RoomMember"."handRaisedAt" ELSE NULL END,
      "muted" = CASE WHEN "RoomMember"."leftAt" IS NULL THEN "RoomMember"."muted" ELSE TRUE END,
      "leftAt" = NULL`;
}
