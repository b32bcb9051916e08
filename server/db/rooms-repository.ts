import type { DbClient } from "./db-client";
import type { RoomRecord, RoomType } from "./records";

/** Columns of a {@link RoomRecord}, with the host's display name and the co-hosts joined in. */
const roomColumns = {
  id: true,
  title: true,
  description: true,
  type: true,
  status: true,
  hostId: true,
  createdAt: true,
  endedAt: true,
  topics: true,
  language: true,
  scheduledFor: true,
  startedAt: true,
  endReason: true,
  endNote: true,
  shareKey: true,
  audioFrameMs: true,
  handRaisingEnabled: true,
  musicMode: true,
  host: { select: { displayName: true } },
  coHosts: { select: { userId: true }, orderBy: { createdAt: "asc" } },
} as const;

type RoomRow = Omit<RoomRecord, "hostName" | "coHostIds"> & {
  host: { displayName: string };
  coHosts: { userId: string }[];
};

export type NewRoom = {
  hostId: string;
  title: string;
  description?: string;
  type?: RoomType;
  topics?: readonly string[];
  language?: string;
  /** Given: the room is announced for then (status scheduled); absent: it is live at once. */
  scheduledFor?: Date;
  coHostIds?: readonly string[];
  /** Closed rooms: people let in from the start. */
  allowedUserIds?: readonly string[];
  shareKey?: string;
  audioFrameMs?: number;
  now?: Date;
};

/** Rooms: scheduled ones, live ones for the hallway, ended ones as history. */
export class RoomsRepository {
  constructor(private readonly db: DbClient) {}

  /** Creates a room (live, or scheduled when `scheduledFor` is given) with its co-hosts and allow list. */
  async create(input: NewRoom): Promise<RoomRecord> {
    const now = input.now ?? new Date();
    const coHostIds = [...new Set(input.coHostIds ?? [])].filter((id) => id !== input.hostId);
    const allowedUserIds = [...new Set(input.allowedUserIds ?? [])].filter((id) => id !== input.hostId);
    const row = await this.db.room.create({
      data: {
        hostId: input.hostId,
        title: input.title,
        description: input.description ?? "",
        type: input.type ?? "open",
        topics: [...(input.topics ?? [])],
        language: input.language ?? "en",
        status: input.scheduledFor ? "scheduled" : "live",
        scheduledFor: input.scheduledFor ?? null,
        startedAt: input.scheduledFor ? null : now,
        shareKey: input.shareKey ?? null,
        audioFrameMs: input.audioFrameMs ?? 20,
        createdAt: now,
        coHosts: { create: coHostIds.map((userId) => ({ userId })) },
        access: { create: allowedUserIds.map((userId) => ({ userId })) },
      },
      select: roomColumns,
    });
    return toRoomRecord(row);
  }

  async findById(id: string): Promise<RoomRecord | null> {
    const row = await this.db.room.findUnique({ where: { id }, select: roomColumns });
    return row === null ? null : toRoomRecord(row);
  }

  /** Live rooms, newest first (served by the index on status). */
  async listLive(options: { limit?: number } = {}): Promise<RoomRecord[]> {
    const rows = await this.db.room.findMany({
      where: { status: "live" },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: options.limit ?? 1000,
      select: roomColumns,
    });
    return rows.map(toRoomRecord);
  }

  /**
   * How many rooms `hostId` hosts: live ones, and scheduled ones announced for `scheduledSince` or
   * later (served by the index on hostId).
   */
  async countHosted(hostId: string, scheduledSince: Date): Promise<{ live: number; scheduled: number }> {
    const [live, scheduled] = await Promise.all([
      this.db.room.count({ where: { hostId, status: "live" } }),
      this.db.room.count({ where: { hostId, status: "scheduled", scheduledFor: { gte: scheduledSince } } }),
    ]);
    return { live, scheduled };
  }

  /**
   * The id of every live room, read in pages of `pageSize` by id (a keyset, so a room that ends
   * meanwhile shifts nothing): a restart restores them all, not the first page.
   */
  async allLiveIds(pageSize = 1000): Promise<string[]> {
    const ids: string[] = [];
    for (;;) {
      const last = ids.at(-1);
      const rows = await this.db.room.findMany({
        where: { status: "live", ...(last === undefined ? {} : { id: { gt: last } }) },
        orderBy: { id: "asc" },
        take: pageSize,
        select: { id: true },
      });
      ids.push(...rows.map((row) => row.id));
      if (rows.length < pageSize) return ids;
    }
  }

  /** Records a live room's settings (hand raising, music mode) as the host changes them. */
  async setSettings(
    id: string,
    settings: { handRaisingEnabled?: boolean; musicMode?: boolean },
  ): Promise<void> {
    await this.db.room.updateMany({ where: { id, status: "live" }, data: settings });
  }

  /** Records a new host (host transfer or succession) of a live room. */
  async setHost(id: string, hostId: string): Promise<void> {
    await this.db.room.updateMany({ where: { id, status: "live" }, data: { hostId } });
  }

  /**
   * Ends a live (or cancels a scheduled) room at `at`. Returns false if the room does not exist or
   * had already ended, so ending twice keeps the first end time and reason.
   */
  async markEnded(
    id: string,
    at: Date = new Date(),
    reason: string | null = null,
    note: string | null = null,
  ): Promise<boolean> {
    const { count } = await this.db.room.updateMany({
      where: { id, status: { in: ["live", "scheduled"] } },
      data: { status: "ended", endedAt: at, endReason: reason, endNote: note },
    });
    return count === 1;
  }

  /** Closed rooms: who is on the allow list. */
  async allowedUserIds(roomId: string): Promise<string[]> {
    const rows = await this.db.roomAccess.findMany({
      where: { roomId },
      select: { userId: true },
      orderBy: { createdAt: "asc" },
    });
    return rows.map((row) => row.userId);
  }

  /** People removed from this room for good. */
  async bannedUserIds(roomId: string): Promise<string[]> {
    const rows = await this.db.roomBan.findMany({ where: { roomId }, select: { userId: true } });
    return rows.map((row) => row.userId);
  }

  /** Bans someone from one room (idempotent). */
  async ban(roomId: string, userId: string): Promise<void> {
    await this.db.roomBan.upsert({
      where: { roomId_userId: { roomId, userId } },
      create: { roomId, userId },
      update: {},
    });
  }

  /** Adds someone to a room's allow list (idempotent). */
  async grantAccess(roomId: string, userId: string): Promise<void> {
    await this.db.roomAccess.upsert({
      where: { roomId_userId: { roomId, userId } },
      create: { roomId, userId },
      update: {},
    });
  }
}

function toRoomRecord(row: RoomRow): RoomRecord {
  const { host, coHosts, ...room } = row;
  return { ...room, hostName: host.displayName, coHostIds: coHosts.map((coHost) => coHost.userId) };
}
