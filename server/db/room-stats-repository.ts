import type { RoomStatsSample, RoomStatsSpeaker } from "../../src/shared/protocol";
import type { RoomStatsStore, StoredRoomStats } from "../rooms/room-stats-ports";
import type { DbClient } from "./db-client";

type InTransaction = <T>(work: (tx: DbClient) => Promise<T>) => Promise<T>;

const toRow = (roomId: string, sample: RoomStatsSample) => ({ ...sample, roomId, at: new Date(sample.at) });

/**
 * A room's statistics: its series of spans (a few statements per batch, never per sample) and
 * the speakers' totals. Rows go with the room (cascade).
 */
export class RoomStatsRepository implements RoomStatsStore {
  constructor(
    private readonly db: DbClient,
    private readonly inTransaction: InTransaction,
  ) {}

  async load(roomId: string): Promise<StoredRoomStats> {
    const [samples, speakers] = await Promise.all([
      this.db.roomStatsSample.findMany({ where: { roomId }, orderBy: { at: "asc" } }),
      this.db.roomStatsSpeaker.findMany({ where: { roomId }, orderBy: { speakingMs: "desc" } }),
    ]);
    return {
      samples: samples.map(({ roomId: _room, at, ...rest }) => ({ ...rest, at: at.getTime() })),
      speakers: speakers.map(({ userId, displayName, speakingMs }) => ({ userId, displayName, speakingMs })),
    };
  }

  /** New rows and the grown last row: the old versions of these spans go, the new ones come, at once. */
  async saveSamples(roomId: string, samples: readonly RoomStatsSample[]): Promise<void> {
    if (samples.length === 0) return;
    await this.inTransaction(async (tx) => {
      await tx.roomStatsSample.deleteMany({
        where: { roomId, at: { in: samples.map((sample) => new Date(sample.at)) } },
      });
      await tx.roomStatsSample.createMany({ data: samples.map((sample) => toRow(roomId, sample)) });
    });
  }

  async replaceSamples(roomId: string, samples: readonly RoomStatsSample[]): Promise<void> {
    await this.inTransaction(async (tx) => {
      await tx.roomStatsSample.deleteMany({ where: { roomId } });
      if (samples.length > 0)
        await tx.roomStatsSample.createMany({ data: samples.map((sample) => toRow(roomId, sample)) });
    });
  }

  async saveSpeakers(roomId: string, speakers: readonly RoomStatsSpeaker[]): Promise<void> {
    if (speakers.length === 0) return;
    await this.inTransaction(async (tx) => {
      for (const { userId, displayName, speakingMs } of speakers)
        await tx.roomStatsSpeaker.upsert({
          where: { roomId_userId: { roomId, userId } },
          create: { roomId, userId, displayName, speakingMs },
          update: { speakingMs },
        });
    });
  }
}
