import type { DbClient } from "./db-client";

const personColumns = {
  id: true,
  username: true,
  displayName: true,
  avatarFile: true,
  realNameVerified: true,
} as const;

export type PersonRecord = {
  id: string;
  username: string | null;
  displayName: string;
  avatarFile: string | null;
  realNameVerified: boolean;
};

/**
 * The follow graph and blocks. Other layers ask `isBlocked` / `blockedUserIds` (e.g. the room
 * feature: a person you blocked cannot be brought on stage in your rooms).
 */
export class SocialRepository {
  constructor(private readonly db: DbClient) {}

  /** Did `blockerId` block `blockedId`? (One direction; see isBlockedEitherWay.) */
  async isBlocked(blockerId: string, blockedId: string): Promise<boolean> {
    const row = await this.db.block.findUnique({
      where: { blockerId_blockedId: { blockerId, blockedId } },
      select: { blockerId: true },
    });
    return row !== null;
  }

  /** Has either of the two blocked the other? */
  async isBlockedEitherWay(a: string, b: string): Promise<boolean> {
    const count = await this.db.block.count({
      where: {
        OR: [
          { blockerId: a, blockedId: b },
          { blockerId: b, blockedId: a },
        ],
      },
    });
    return count > 0;
  }

  /** Everyone `userId` has blocked. */
  async blockedUserIds(userId: string): Promise<string[]> {
    const rows = await this.db.block.findMany({ where: { blockerId: userId }, select: { blockedId: true } });
    return rows.map((row) => row.blockedId);
  }

  /** People who follow `userId` (a social room lets them in when one of these is on its stage). */
  async followerIds(userId: string): Promise<string[]> {
    const rows = await this.db.follow.findMany({
      where: { followeeId: userId },
      select: { followerId: true },
    });
    return rows.map((row) => row.followerId);
  }

  /** People `userId` follows (the hallway ranks rooms with them on stage first). */
  async followingIds(userId: string): Promise<string[]> {
    const rows = await this.db.follow.findMany({
      where: { followerId: userId },
      select: { followeeId: true },
    });
    return rows.map((row) => row.followeeId);
  }

  /** The people with these ids that exist, as shown on cards (unknown ids are simply absent). */
  async peopleByIds(ids: readonly string[]): Promise<PersonRecord[]> {
    if (ids.length === 0) return [];
    return this.db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: personColumns });
  }

  async follows(followerId: string, followeeId: string): Promise<boolean> {
    const row = await this.db.follow.findUnique({
      where: { followerId_followeeId: { followerId, followeeId } },
      select: { followerId: true },
    });
    return row !== null;
  }

  /** Adds the follow (idempotent). Callers check blocks first (in the same transaction). */
  async follow(followerId: string, followeeId: string): Promise<void> {
    await this.db.follow.upsert({
      where: { followerId_followeeId: { followerId, followeeId } },
      create: { followerId, followeeId },
      update: {},
    });
  }

  async unfollow(followerId: string, followeeId: string): Promise<void> {
    await this.db.follow.deleteMany({ where: { followerId, followeeId } });
  }

  /** Blocks and removes follows in both directions (idempotent). */
  async block(blockerId: string, blockedId: string): Promise<void> {
    await this.db.block.upsert({
      where: { blockerId_blockedId: { blockerId, blockedId } },
      create: { blockerId, blockedId },
      update: {},
    });
    await this.db.follow.deleteMany({
      where: {
        OR: [
          { followerId: blockerId, followeeId: blockedId },
          { followerId: blockedId, followeeId: blockerId },
        ],
      },
    });
  }

  async unblock(blockerId: string, blockedId: string): Promise<void> {
    await this.db.block.deleteMany({ where: { blockerId, blockedId } });
  }

  async counts(userId: string): Promise<{ followers: number; following: number }> {
    const [followers, following] = await Promise.all([
      this.db.follow.count({ where: { followeeId: userId } }),
      this.db.follow.count({ where: { followerId: userId } }),
    ]);
    return { followers, following };
  }

  /** Newest first, at most `limit`. */
  async followers(userId: string, limit = 200): Promise<PersonRecord[]> {
    const rows = await this.db.follow.findMany({
      where: { followeeId: userId },
      select: { follower: { select: personColumns } },
      orderBy: { createdAt: "desc" },
      take: limit,
    });
    return rows.map((row) => row.follower);
  }

  async following(userId: string, limit = 200): Promise<PersonRecord[]> {
    const rows = await this.db.follow.findMany({
      where: { followerId: userId },
      select: { followee: { select: personColumns } },
      orderBy: { createdAt: "desc" },
      take: limit,
    });
    return rows.map((row) => row.followee);
  }

  /** Who invited `userId` (the creator of the invite they signed up with), if anyone. */
  async invitedBy(userId: string): Promise<PersonRecord | null> {
    const invite = await this.db.invite.findFirst({
      where: { usedById: userId },
      select: { createdBy: { select: personColumns } },
    });
    return invite?.createdBy ?? null;
  }
}
