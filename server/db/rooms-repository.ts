import type { DbClient } from "./db-client";
import type { RoomRecord, RoomType } from "./records";

/** Columns of a {@link RoomRecord}, with the host's display name joined in. */
const roomColumns = {
  id: true,
  title: true,
  description: true,
  type: true,
  status: true,
  hostId: true,
  createdAt: true,
  endedAt: true,
  host: { select: { displayName: true } },
} as const;

type RoomRow = {
  id: string;
  title: string;
  description: string;
  type: RoomType;
  status: RoomRecord["status"];
  hostId: string;
  createdAt: Date;
  endedAt: Date | null;
  host: { displayName: string };
};

/** Rooms: live ones for the hallway, ended ones as history. */
export class RoomsRepository {
  constructor(private readonly db: DbClient) {}

  /** Creates a live room hosted by `hostId`. */
  async create(input: {
    hostId: string;
    title: string;
    description?: string;
    type?: RoomType;
    now?: Date;
  }): Promise<RoomRecord> {
    const row = await this.db.room.create({
      data: {
        hostId: input.hostId,
        title: input.title,
        description: input.description ?? "",
        type: input.type ?? "open",
        createdAt: input.now ?? new Date(),
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
      take: options.limit ?? 100,
      select: roomColumns,
    });
    return rows.map(toRoomRecord);
  }

  /** Records a new host (host transfer or succession) of a live room. */
  async setHost(id: string, hostId: string): Promise<void> {
    await this.db.room.updateMany({ where: { id, status: "live" }, data: { hostId } });
  }

  /**
   * Ends a live room at `at`. Returns false if the room does not exist or had already ended, so
   * ending twice keeps the first end time.
   */
  async markEnded(id: string, at: Date = new Date()): Promise<boolean> {
    const { count } = await this.db.room.updateMany({
      where: { id, status: "live" },
      data: { status: "ended", endedAt: at },
    });
    return count === 1;
  }
}

function toRoomRecord(row: RoomRow): RoomRecord {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    type: row.type,
    status: row.status,
    hostId: row.hostId,
    hostName: row.host.displayName,
    createdAt: row.createdAt,
    endedAt: row.endedAt,
  };
}
